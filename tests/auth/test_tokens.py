"""Bearer tokens: hashed at rest, checked on every write."""

from datetime import UTC, datetime, timedelta

from httpx import AsyncClient
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth import service
from api.auth.models import ApiToken, Role
from tests.conftest import enterprise_body

API = "/api/v1/enterprises"


async def test_only_the_hash_is_stored(session: AsyncSession) -> None:
    token, plaintext = await service.create_token(session, name="ci", role=Role.admin)
    assert plaintext.startswith("semap_")
    row = await session.scalar(select(ApiToken).where(ApiToken.id == token.id))
    assert row is not None and plaintext.split("_")[-1] not in row.secret_hash
    assert len(row.secret_hash) == 64


async def test_write_without_token_is_401(client: AsyncClient) -> None:
    response = await client.post(API, json=enterprise_body())
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert response.headers["content-type"] == "application/problem+json"


async def test_malformed_and_unknown_tokens_are_401(client: AsyncClient) -> None:
    for value in ("Bearer nonsense", "Basic abc", "Bearer semap_aaaaaaaaaaaa_" + "x" * 43):
        response = await client.post(API, json=enterprise_body(), headers={"Authorization": value})
        assert response.status_code == 401, value


async def test_integration_token_cannot_write(client: AsyncClient, integration_headers: dict) -> None:
    response = await client.post(API, json=enterprise_body(), headers=integration_headers)
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


async def test_expired_and_revoked_tokens_are_refused(client: AsyncClient, session: AsyncSession) -> None:
    _, expired_text = await service.create_token(session, name="old", role=Role.admin,
                                                       expires_at=datetime.now(UTC) - timedelta(seconds=1))
    revoked, revoked_text = await service.create_token(session, name="gone", role=Role.admin)
    revoked.revoked_at = datetime.now(UTC)
    await session.commit()
    for plaintext, reason in ((expired_text, "expired"), (revoked_text, "revoked")):
        response = await client.post(API, json=enterprise_body(), headers={"Authorization": f"Bearer {plaintext}"})
        assert response.status_code == 401
        assert reason in response.json()["detail"]


async def test_use_records_last_used_at(client: AsyncClient, session: AsyncSession) -> None:
    token, plaintext = await service.create_token(session, name="reader", role=Role.editor)
    await session.commit()
    await client.get(API, headers={"Authorization": f"Bearer {plaintext}"})
    used = await session.scalar(text("SELECT last_used_at FROM api_tokens WHERE id = :id"), {"id": token.id})
    assert used is not None
