"""GET /api/v1/me: a client signs in with a token alone and learns its role and organisation."""

from datetime import UTC, datetime

from httpx import AsyncClient
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth import service
from api.auth.models import ApiToken, Role

ME = "/api/v1/me"


async def test_member_token_names_its_organisation(client: AsyncClient, session: AsyncSession,
                                                   enterprise: dict) -> None:
    token, plaintext = await service.create_token(session, name="bakery", role=Role.member,
                                                  organisation_id=enterprise["id"])
    await session.commit()
    response = await client.get(ME, headers={"Authorization": f"Bearer {plaintext}"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["organisation"] == {"id": enterprise["id"], "slug": enterprise["slug"], "name": enterprise["name"]}
    assert body["token"]["id"] == token.id and body["token"]["role"] == "member"
    assert plaintext not in response.text and "secret_hash" not in body["token"]


async def test_staff_token_has_no_organisation(client: AsyncClient, editor_headers: dict) -> None:
    response = await client.get(ME, headers=editor_headers)
    assert response.status_code == 200
    assert response.json()["organisation"] is None and response.json()["token"]["role"] == "editor"


async def test_without_or_with_a_revoked_token_is_401(client: AsyncClient, session: AsyncSession) -> None:
    assert (await client.get(ME)).status_code == 401
    token, plaintext = await service.create_token(session, name="gone", role=Role.integration)
    await session.execute(update(ApiToken).where(ApiToken.id == token.id).values(revoked_at=datetime.now(UTC)))
    await session.commit()
    response = await client.get(ME, headers={"Authorization": f"Bearer {plaintext}"})
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
