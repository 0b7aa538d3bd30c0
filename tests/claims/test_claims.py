"""Claims: a link to the entry's own e-mail grants a working member token; without one, an admin decides."""

from typing import Any

from httpx import AsyncClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.config import Settings
from tests.conftest import enterprise_body
from tests.outbox.smtp_server import SmtpServer
from tests.trust_helpers import body_of, deliver, link_token

BASE = "/api/v1/enterprises"
CLAIMANT = {"claimant_name": "Ioana Popescu", "claimant_email": "ioana@claimant.example",
            "message": "I run the bakery."}


async def _claim_by_email(client: AsyncClient, enterprise: dict[str, Any], sessionmaker: Any, settings: Settings,
                          smtp: SmtpServer) -> str:
    response = await client.post(f"{BASE}/{enterprise['id']}/claims", json=CLAIMANT)
    assert response.status_code == 202, response.text
    assert response.json()["route"] == "email"
    assert "private@example.org" not in response.text
    assert await deliver(sessionmaker, settings, smtp) == 1
    [email] = smtp.inbox.to("private@example.org")
    assert smtp.inbox.to("ioana@claimant.example") == []
    assert "ioana@claimant.example" not in body_of(email) and "Ioana Popescu" in body_of(email)
    return link_token(email)


async def test_a_confirmed_claim_grants_a_working_member_token(
        client: AsyncClient, enterprise: dict[str, Any], sessionmaker: async_sessionmaker[AsyncSession],
        settings: Settings, smtp_server: SmtpServer) -> None:
    token = await _claim_by_email(client, enterprise, sessionmaker, settings, smtp_server)

    confirmed = await client.post("/api/v1/claims/confirm", json={"token": token})

    assert confirmed.status_code == 200, confirmed.text
    member = {"Authorization": f"Bearer {confirmed.json()['token']}"}
    profile = await client.get(f"{BASE}/{enterprise['id']}")
    assert profile.json()["claimed"] is True
    patched = await client.patch(f"{BASE}/{enterprise['id']}", json={"employees_total": 14},
                                 headers={**member, "If-Match": profile.headers["ETag"]})
    assert patched.status_code == 200, patched.text
    assert patched.json()["employees_total"] == 14
    claimed_ids = [e["id"] for e in (await client.get(BASE, params={"claimed": "true", "limit": 200})).json()["items"]]
    assert enterprise["id"] in claimed_ids
    unclaimed = (await client.get(BASE, params={"claimed": "false", "limit": 200})).json()["items"]
    assert enterprise["id"] not in [e["id"] for e in unclaimed]


async def test_a_reused_or_unknown_link_is_refused(
        client: AsyncClient, enterprise: dict[str, Any], sessionmaker: async_sessionmaker[AsyncSession],
        settings: Settings, smtp_server: SmtpServer, session: AsyncSession) -> None:
    token = await _claim_by_email(client, enterprise, sessionmaker, settings, smtp_server)
    assert (await client.post("/api/v1/claims/confirm", json={"token": token})).status_code == 200
    tokens = await session.scalar(text("SELECT count(*) FROM api_tokens WHERE organisation_id = :id"),
                                  {"id": enterprise["id"]})

    reused = await client.post("/api/v1/claims/confirm", json={"token": token})
    unknown = await client.post("/api/v1/claims/confirm", json={"token": "A" * 43})

    assert reused.status_code == 410 and reused.json()["code"] == "link_gone"
    assert unknown.status_code == 404
    assert await session.scalar(text("SELECT count(*) FROM api_tokens WHERE organisation_id = :id"),
                                {"id": enterprise["id"]}) == tokens


async def test_an_expired_link_is_refused(
        client: AsyncClient, enterprise: dict[str, Any], sessionmaker: async_sessionmaker[AsyncSession],
        settings: Settings, smtp_server: SmtpServer, session: AsyncSession) -> None:
    token = await _claim_by_email(client, enterprise, sessionmaker, settings, smtp_server)
    await session.execute(text("UPDATE one_time_links SET expires_at = now() - interval '1 second'"))
    await session.commit()

    expired = await client.post("/api/v1/claims/confirm", json={"token": token})

    assert expired.status_code == 410 and "expired" in expired.json()["detail"]
    assert (await client.get(f"{BASE}/{enterprise['id']}")).json()["claimed"] is False


async def test_links_are_stored_hashed(client: AsyncClient, enterprise: dict[str, Any],
                                       sessionmaker: async_sessionmaker[AsyncSession], settings: Settings,
                                       smtp_server: SmtpServer, session: AsyncSession) -> None:
    token = await _claim_by_email(client, enterprise, sessionmaker, settings, smtp_server)
    stored = (await session.execute(text("SELECT token_hash FROM one_time_links"))).scalars().all()
    assert token not in stored and all(len(h) == 64 for h in stored)


async def test_without_an_email_the_claim_goes_to_admins(client: AsyncClient, admin_headers: dict[str, str],
                                                         session: AsyncSession) -> None:
    body = enterprise_body(registration_code="RO88800001")
    del body["email"]
    org = (await client.post(BASE, json=body, headers=admin_headers)).json()
    outbox_before = await session.scalar(text("SELECT count(*) FROM outbox_messages"))

    response = await client.post(f"{BASE}/{org['id']}/claims", json=CLAIMANT)

    assert response.json()["route"] == "review"
    assert await session.scalar(text("SELECT count(*) FROM outbox_messages")) == outbox_before
    queue = (await client.get("/api/v1/admin/claims", headers=admin_headers)).json()["items"]
    claim = next(c for c in queue if c["organisation_id"] == org["id"])
    assert claim["claimant_email"] == "ioana@claimant.example"
    assert (claim["organisation_name"], claim["organisation_slug"]) == (org["name"], org["slug"])
    approved = await client.post(f"/api/v1/admin/claims/{claim['id']}/approve", headers=admin_headers)
    assert approved.status_code == 200 and approved.json()["token"].startswith("semap_")
    assert (await client.post(f"/api/v1/admin/claims/{claim['id']}/approve", headers=admin_headers)).status_code == 409


async def test_admins_reject_claims_and_only_admins_see_them(client: AsyncClient, admin_headers: dict[str, str],
                                                             editor_headers: dict[str, str],
                                                             enterprise: dict[str, Any]) -> None:
    await client.post(f"{BASE}/{enterprise['id']}/claims", json=CLAIMANT)
    assert (await client.get("/api/v1/admin/claims", headers=editor_headers)).status_code == 403
    claim = (await client.get("/api/v1/admin/claims", headers=admin_headers)).json()["items"][-1]
    rejected = await client.post(f"/api/v1/admin/claims/{claim['id']}/reject", json={"reason": "Not them."},
                                 headers=admin_headers)
    assert rejected.status_code == 200 and rejected.json()["status"] == "rejected"


async def test_bad_claims_change_nothing(client: AsyncClient, enterprise: dict[str, Any],
                                         session: AsyncSession) -> None:
    before = await session.scalar(text("SELECT count(*) FROM claims"))
    assert (await client.post(f"{BASE}/{enterprise['id']}/claims",
                              json={**CLAIMANT, "claimant_email": "not-an-email"})).status_code == 422
    assert (await client.post(f"{BASE}/999999999/claims", json=CLAIMANT)).status_code == 404
    assert await session.scalar(text("SELECT count(*) FROM claims")) == before
