"""No takeover through moderation: the exact chain of the hardening issue, and each link of it closed."""

from typing import Any

from httpx import AsyncClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.config import Settings
from tests.outbox.smtp_server import SmtpServer
from tests.trust_helpers import deliver

BASE = "/api/v1/enterprises"
QUEUE = "/api/v1/admin/submissions"
NOTICES = text("SELECT count(*) FROM outbox_messages WHERE to_address = 'private@example.org'")
ATTACK = {"kind": "correction", "changes": {"email": "x@attacker.example", "employees_total": 15},
          "submitter_name": "Mallory", "submitter_email": "mallory@attacker.example"}


async def _attack(client: AsyncClient, enterprise: dict[str, Any], headers: dict[str, str]) -> dict[str, Any]:
    response = await client.post("/api/v1/submissions", json={**ATTACK, "organisation": enterprise["id"]})
    assert response.status_code == 202, response.text
    queue = (await client.get(QUEUE, headers=headers)).json()["items"]
    return next(s for s in queue if s["organisation_id"] == enterprise["id"])


async def _private(client: AsyncClient, enterprise: dict[str, Any], admin: dict[str, str]) -> dict[str, Any]:
    return (await client.get(f"{BASE}/{enterprise['id']}", headers=admin)).json()


async def test_the_editor_sees_every_changed_field_with_private_values_masked(
        client: AsyncClient, enterprise: dict[str, Any], editor_headers: dict[str, str],
        admin_headers: dict[str, str]) -> None:
    shown = await _attack(client, enterprise, editor_headers)

    changes = {c["field"]: c for c in shown["changes"]}
    assert set(changes) == {"email", "employees_total"}
    assert changes["email"] == {"field": "email", "before": None, "after": None, "masked": True, "needs_admin": True}
    assert changes["employees_total"] == {"field": "employees_total", "before": 10, "after": 15, "masked": False,
                                          "needs_admin": False}
    assert shown["needs_admin"] is True
    assert "x@attacker.example" not in str(shown)
    as_admin = (await client.get(f"{QUEUE}/{shown['id']}", headers=admin_headers)).json()
    email = next(c for c in as_admin["changes"] if c["field"] == "email")
    assert (email["before"], email["after"], email["masked"]) == ("private@example.org", "x@attacker.example", False)


async def test_an_editor_cannot_approve_a_contact_change_and_nothing_changes(
        client: AsyncClient, enterprise: dict[str, Any], editor_headers: dict[str, str],
        admin_headers: dict[str, str], session: AsyncSession) -> None:
    shown = await _attack(client, enterprise, editor_headers)
    outbox_before = await session.scalar(text("SELECT count(*) FROM outbox_messages"))

    refused = await client.post(f"{QUEUE}/{shown['id']}/approve", headers=editor_headers)

    assert refused.status_code == 403, refused.text
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert "needs an admin" in refused.json()["detail"] and refused.json()["fields"] == ["email"]
    org = await _private(client, enterprise, admin_headers)
    assert (org["email"], org["employees_total"], org["version"]) == ("private@example.org", 10, enterprise["version"])
    assert (await client.get(f"{QUEUE}/{shown['id']}", headers=editor_headers)).json()["status"] == "pending"
    assert await session.scalar(text("SELECT count(*) FROM outbox_messages")) == outbox_before


async def test_after_a_refused_approval_a_claim_still_mails_the_real_contact(
        client: AsyncClient, enterprise: dict[str, Any], editor_headers: dict[str, str],
        sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, smtp_server: SmtpServer) -> None:
    shown = await _attack(client, enterprise, editor_headers)
    assert (await client.post(f"{QUEUE}/{shown['id']}/approve", headers=editor_headers)).status_code == 403

    claim = await client.post(f"{BASE}/{enterprise['id']}/claims",
                              json={"claimant_name": "Mallory", "claimant_email": "mallory@attacker.example"})

    assert claim.status_code == 202 and claim.json()["route"] == "email"
    assert await deliver(sessionmaker, settings, smtp_server) == 1
    assert len(smtp_server.inbox.to("private@example.org")) == 1
    assert smtp_server.inbox.to("x@attacker.example") == []


async def test_an_admin_approves_it_and_the_previous_contact_is_told(
        client: AsyncClient, enterprise: dict[str, Any], admin_headers: dict[str, str],
        sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, smtp_server: SmtpServer) -> None:
    shown = await _attack(client, enterprise, admin_headers)

    approved = await client.post(f"{QUEUE}/{shown['id']}/approve", headers=admin_headers)

    assert approved.status_code == 200, approved.text
    # Decided, it keeps saying what it proposed (its "before" is now history).
    assert {c["field"]: c["after"] for c in approved.json()["changes"]} == {"email": "x@attacker.example",
                                                                           "employees_total": 15}
    org = await _private(client, enterprise, admin_headers)
    assert (org["email"], org["employees_total"]) == ("x@attacker.example", 15)
    # The previous contact is told, and the submitter hears the outcome (api/submissions/outcome.py).
    assert await deliver(sessionmaker, settings, smtp_server) == 2
    [notice] = smtp_server.inbox.to("private@example.org")
    assert "contact e-mail" in notice["Subject"] and "x@attacker.example" not in str(notice)
    [outcome] = smtp_server.inbox.to("mallory@attacker.example")
    assert outcome["Subject"] == f"Your correction of {enterprise['name']} has been applied"


async def test_the_notice_is_queued_in_the_same_transaction_as_the_change(
        client: AsyncClient, enterprise: dict[str, Any], admin_headers: dict[str, str], session: AsyncSession) -> None:
    etag = (await client.get(f"{BASE}/{enterprise['id']}", headers=admin_headers)).headers["ETag"]
    bad = await client.patch(f"{BASE}/{enterprise['id']}",
                             json={"email": "new@example.org", "employees_vulnerable": 99},
                             headers={**admin_headers, "If-Match": etag})
    assert bad.status_code == 422
    assert await session.scalar(NOTICES) == 0

    good = await client.patch(f"{BASE}/{enterprise['id']}", json={"email": "new@example.org"},
                              headers={**admin_headers, "If-Match": etag})

    assert good.status_code == 200 and good.json()["proposal"] is None
    assert await session.scalar(NOTICES) == 1
