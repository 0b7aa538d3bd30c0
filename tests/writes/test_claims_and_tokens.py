"""A claimed entry is not claimed again (an admin transfers it); member tokens expire and renew."""

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.auth import service as auth_service
from api.auth.models import Role
from api.config import Settings
from api.freshness.cli import run_reminders
from tests.conftest import enterprise_body
from tests.outbox.smtp_server import SmtpServer
from tests.trust_helpers import deliver, link_token

BASE = "/api/v1/enterprises"
CLAIMANT = {"claimant_name": "Ioana Popescu", "claimant_email": "ioana@claimant.example"}


async def _unclaimed_without_email(client: AsyncClient, admin: dict[str, str], code: str) -> dict[str, Any]:
    body = enterprise_body(registration_code=code)
    del body["email"]
    return (await client.post(BASE, json=body, headers=admin)).json()


async def _approve_pending(client: AsyncClient, admin: dict[str, str], org_id: int) -> Any:
    queue = (await client.get("/api/v1/admin/claims", headers=admin)).json()["items"]
    claims = [c for c in queue if c["organisation_id"] == org_id]
    return [await client.post(f"/api/v1/admin/claims/{c['id']}/approve", headers=admin) for c in claims]


async def test_a_claim_on_a_claimed_entry_is_refused_and_mints_nothing(
        client: AsyncClient, admin_headers: dict[str, str], session: AsyncSession) -> None:
    org = await _unclaimed_without_email(client, admin_headers, "RO88800011")
    await client.post(f"{BASE}/{org['id']}/claims", json=CLAIMANT)
    [first] = await _approve_pending(client, admin_headers, org["id"])
    assert first.status_code == 200
    claims = await session.scalar(text("SELECT count(*) FROM claims"))

    again = await client.post(f"{BASE}/{org['id']}/claims", json={**CLAIMANT, "claimant_name": "Someone Else"})

    assert again.status_code == 409 and again.json()["code"] == "already_claimed"
    assert again.headers["content-type"].startswith("application/problem+json")
    assert await session.scalar(text("SELECT count(*) FROM claims")) == claims
    assert await session.scalar(text("SELECT count(*) FROM api_tokens WHERE organisation_id = :id"),
                                {"id": org["id"]}) == 1


async def test_of_two_pending_claims_only_the_first_decided_grants_a_token(
        client: AsyncClient, admin_headers: dict[str, str], session: AsyncSession) -> None:
    org = await _unclaimed_without_email(client, admin_headers, "RO88800012")
    await client.post(f"{BASE}/{org['id']}/claims", json=CLAIMANT)
    await client.post(f"{BASE}/{org['id']}/claims", json={**CLAIMANT, "claimant_name": "Second Claimant"})

    first, second = await _approve_pending(client, admin_headers, org["id"])

    assert first.status_code == 200 and second.status_code == 409
    assert second.json()["code"] == "already_claimed"
    assert await session.scalar(text("SELECT count(*) FROM api_tokens WHERE organisation_id = :id"),
                                {"id": org["id"]}) == 1


async def test_an_admin_transfers_a_claimed_entry(client: AsyncClient, admin_headers: dict[str, str],
                                                  editor_headers: dict[str, str]) -> None:
    org = await _unclaimed_without_email(client, admin_headers, "RO88800013")
    await client.post(f"{BASE}/{org['id']}/claims", json=CLAIMANT)
    [first] = await _approve_pending(client, admin_headers, org["id"])
    old = {"Authorization": f"Bearer {first.json()['token']}"}
    url = f"/api/v1/admin/enterprises/{org['id']}/claim-transfer"
    body = {"holder_name": "New Director", "reason": "The old mailbox is gone."}

    assert (await client.post(url, json=body, headers=editor_headers)).status_code == 403
    moved = await client.post(url, json=body, headers=admin_headers)

    assert moved.status_code == 200, moved.text
    assert moved.json()["revoked_token_ids"] == [first.json()["token_id"]]
    assert (await client.get("/api/v1/me", headers=old)).status_code == 401
    new = {"Authorization": f"Bearer {moved.json()['token']}"}
    assert (await client.get("/api/v1/me", headers=new)).json()["organisation"]["id"] == org["id"]


async def test_member_tokens_expire_after_a_year_by_default(client: AsyncClient, admin_headers: dict[str, str]) -> None:
    org = await _unclaimed_without_email(client, admin_headers, "RO88800014")
    await client.post(f"{BASE}/{org['id']}/claims", json=CLAIMANT)
    [granted] = await _approve_pending(client, admin_headers, org["id"])
    issued = await client.post("/api/v1/admin/tokens", json={"name": "By hand", "role": "member",
                                                             "organisation": org["id"]}, headers=admin_headers)

    for plaintext in (granted.json()["token"], issued.json()["token"]):
        me = (await client.get("/api/v1/me", headers={"Authorization": f"Bearer {plaintext}"})).json()
        expires = datetime.fromisoformat(me["token"]["expires_at"])
        assert timedelta(days=364) < expires - datetime.now(UTC) <= timedelta(days=365)


async def test_a_member_renews_its_own_token(client: AsyncClient, enterprise: dict[str, Any],
                                             session: AsyncSession, admin_headers: dict[str, str]) -> None:
    soon = datetime.now(UTC) + timedelta(days=3)
    _, plaintext = await auth_service.create_token(session, name="renewing", role=Role.member,
                                                   organisation_id=enterprise["id"], expires_at=soon)
    await session.commit()
    member = {"Authorization": f"Bearer {plaintext}"}

    renewed = await client.post("/api/v1/me/renew", headers=member)

    assert renewed.status_code == 200, renewed.text
    expires = datetime.fromisoformat(renewed.json()["token"]["expires_at"])
    assert expires - datetime.now(UTC) > timedelta(days=364)
    assert (await client.post("/api/v1/me/renew", headers=admin_headers)).status_code == 403
    audit = (await client.get("/api/v1/admin/audit", params={"entity": "api_token"}, headers=admin_headers)).json()
    assert audit["items"][0]["action"] == "renew"


async def test_an_expired_member_token_is_refused_and_cannot_renew(client: AsyncClient, enterprise: dict[str, Any],
                                                                   session: AsyncSession) -> None:
    _, plaintext = await auth_service.create_token(session, name="expired", role=Role.member,
                                                   organisation_id=enterprise["id"],
                                                   expires_at=datetime.now(UTC) - timedelta(seconds=1))
    await session.commit()
    member = {"Authorization": f"Bearer {plaintext}"}
    assert (await client.get("/api/v1/me", headers=member)).status_code == 401
    assert (await client.post("/api/v1/me/renew", headers=member)).status_code == 401


async def test_the_database_refuses_a_member_token_without_expiry(session: AsyncSession,
                                                                  enterprise: dict[str, Any]) -> None:
    with pytest.raises(IntegrityError, match="member_expires"):
        await session.execute(text(
            "INSERT INTO api_tokens (name, role, organisation_id, lookup_id, secret_hash) "
            "VALUES ('x', 'member', :org, 'abcdefabcdefabcd', repeat('0', 64))"), {"org": enterprise["id"]})


async def test_a_reminders_update_answer_mints_no_second_token_for_a_claimed_entry(
        client: AsyncClient, enterprise: dict[str, Any], session: AsyncSession,
        sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, smtp_server: SmtpServer) -> None:
    await session.execute(text("UPDATE organisations SET claimed_at = now(), "
                               "updated_at = now() - interval '400 days' WHERE id = :id"), {"id": enterprise["id"]})
    await session.commit()
    await run_reminders(sessionmaker, settings)
    await deliver(sessionmaker, settings, smtp_server)
    link = link_token(smtp_server.inbox.to("private@example.org")[0])
    tokens = await session.scalar(text("SELECT count(*) FROM api_tokens WHERE organisation_id = :id"),
                                  {"id": enterprise["id"]})

    answer = await client.post("/api/v1/freshness/confirm", json={"token": link, "action": "update"})

    assert answer.status_code == 409 and answer.json()["code"] == "already_claimed"
    assert await session.scalar(text("SELECT count(*) FROM api_tokens WHERE organisation_id = :id"),
                                {"id": enterprise["id"]}) == tokens
    # Nothing was spent: the same link still confirms the entry as it is.
    confirmed = await client.post("/api/v1/freshness/confirm", json={"token": link})
    assert confirmed.status_code == 200 and confirmed.json()["token"] is None
