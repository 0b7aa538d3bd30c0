"""Members, staff tokens and a filed request, on rows each test makes (tests/factories.py)."""

from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth import service as auth_service
from api.auth.models import Role
from tests.factories import make_cluster, make_member, make_organisation
from tests.outbox.smtp_server import smtp_server

__all__ = ["smtp_server"]

API = "/api/v1/service-requests"


def request_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "service": "funding_access", "title": "Grant for a second bakery oven",
        "description": "We want to apply to the regional programme and need help with the budget.",
        "preferred_from": "2026-03-01", "preferred_to": "2026-04-15",
        "contact": {"name": "Ana Pop", "email": "ana.pop@example.org", "phone": "+40 740 000 000"},
    }
    return body | overrides


async def token_for(session: AsyncSession, role: Role, organisation_id: int | None = None) -> tuple[int, dict]:
    token, plaintext = await auth_service.create_token(session, name=f"test {role.value} {organisation_id or ''}",
                                                       role=role, organisation_id=organisation_id)
    await session.commit()
    return token.id, {"Authorization": f"Bearer {plaintext}"}


@pytest.fixture
async def member_ids(session: AsyncSession) -> list[int]:
    """Three members of one new cluster, each with an e-mail on file."""
    cluster = await make_cluster(session)
    members = [await make_member(session, cluster=cluster) for _ in range(3)]
    await session.commit()
    return [member.organisation_id for member in members]


@pytest.fixture
async def member_headers(session: AsyncSession, member_ids: list[int]) -> dict[str, str]:
    return (await token_for(session, Role.member, member_ids[0]))[1]


@pytest.fixture
async def other_member_headers(session: AsyncSession, member_ids: list[int]) -> dict[str, str]:
    return (await token_for(session, Role.member, member_ids[1]))[1]


@pytest.fixture
async def non_member_id(session: AsyncSession) -> int:
    organisation = await make_organisation(session)
    await session.commit()
    return organisation.id


@pytest.fixture
async def filed(client: AsyncClient, member_headers: dict[str, str]) -> dict[str, Any]:
    response = await client.post(API, json=request_body(), headers=member_headers)
    assert response.status_code == 201, response.text
    return response.json()


async def move(client: AsyncClient, request_id: int, headers: dict[str, str], to: str,
               reason: str | None = None) -> Any:
    """POST a transition with the ETag of a fresh GET."""
    etag = (await client.get(f"{API}/{request_id}", headers=headers)).headers["etag"]
    body: dict[str, Any] = {"to": to} if reason is None else {"to": to, "reason": reason}
    return await client.post(f"{API}/{request_id}/transitions", json=body, headers={**headers, "If-Match": etag})


async def outbox_for(session: AsyncSession, request_id: int) -> list[dict[str, Any]]:
    rows = await session.execute(text(
        "SELECT to_address, subject, body_text, template, language FROM outbox_messages "
        "WHERE headers->>'X-Semap-Service-Request' = :id ORDER BY id"), {"id": str(request_id)})
    return [dict(row) for row in rows.mappings()]
