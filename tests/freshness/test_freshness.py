"""Reminders once per quiet spell, answered by a one-time link; entries silent for 18 months flagged stale."""

from datetime import UTC, datetime, timedelta
from typing import Any

from httpx import AsyncClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.config import Settings
from api.freshness.cli import run_reminders
from api.mail.render import translator
from tests.outbox.smtp_server import SmtpServer
from tests.trust_helpers import deliver, link_token

BASE = "/api/v1/enterprises"


async def _age(session: AsyncSession, org_id: int, days: int) -> None:
    await session.execute(text("UPDATE organisations SET updated_at = now() - make_interval(days => :days) "
                               "WHERE id = :id"), {"days": days, "id": org_id})
    await session.commit()


async def test_a_reminder_is_sent_once_per_period(
        client: AsyncClient, enterprise: dict[str, Any], session: AsyncSession,
        sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, smtp_server: SmtpServer) -> None:
    await _age(session, enterprise["id"], 400)

    first = await run_reminders(sessionmaker, settings)
    again = await run_reminders(sessionmaker, settings)
    later = await run_reminders(sessionmaker, settings, now=datetime.now(UTC) + timedelta(days=30))

    assert (first.reminded, again.reminded, later.reminded) == (1, 0, 0)
    assert await deliver(sessionmaker, settings, smtp_server) == 1
    [email] = smtp_server.inbox.to("private@example.org")
    # A Romanian entry without languages of its own: its country's language.
    assert email["Subject"] == translator("ro")("reminder.subject", enterprise=enterprise["name"])
    assert email["Content-Language"] == "ro"


async def test_confirming_a_reminder_touches_the_entry_and_the_link_works_once(
        client: AsyncClient, enterprise: dict[str, Any], session: AsyncSession,
        sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, smtp_server: SmtpServer) -> None:
    await _age(session, enterprise["id"], 400)
    await run_reminders(sessionmaker, settings)
    await deliver(sessionmaker, settings, smtp_server)
    token = link_token(smtp_server.inbox.to("private@example.org")[0])

    confirmed = await client.post("/api/v1/freshness/confirm", json={"token": token})

    assert confirmed.status_code == 200, confirmed.text
    assert confirmed.json()["token"] is None
    profile = (await client.get(f"{BASE}/{enterprise['id']}")).json()
    assert profile["last_confirmed_at"] is not None
    assert (await client.post("/api/v1/freshness/confirm", json={"token": token})).status_code == 410
    # Touched again: a new quiet spell starts, nothing is due now.
    assert (await run_reminders(sessionmaker, settings)).reminded == 0


async def test_update_answer_grants_a_member_token(
        client: AsyncClient, enterprise: dict[str, Any], session: AsyncSession,
        sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, smtp_server: SmtpServer) -> None:
    await _age(session, enterprise["id"], 400)
    await run_reminders(sessionmaker, settings)
    await deliver(sessionmaker, settings, smtp_server)
    token = link_token(smtp_server.inbox.to("private@example.org")[0])

    answer = await client.post("/api/v1/freshness/confirm", json={"token": token, "action": "update"})

    member = {"Authorization": f"Bearer {answer.json()['token']}"}
    etag = (await client.get(f"{BASE}/{enterprise['id']}")).headers["ETag"]
    patched = await client.patch(f"{BASE}/{enterprise['id']}", json={"opening_hours": "Mo-Fr 08:00-16:00"},
                                 headers={**member, "If-Match": etag})
    assert patched.status_code == 200, patched.text


async def test_silent_entries_are_flagged_stale_for_admins_not_deleted(
        client: AsyncClient, enterprise: dict[str, Any], session: AsyncSession, admin_headers: dict[str, str],
        sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    await _age(session, enterprise["id"], 600)

    report = await run_reminders(sessionmaker, settings)

    assert report.flagged_stale == 1
    stale = (await client.get("/api/v1/admin/stale", headers=admin_headers)).json()["items"]
    assert [s["id"] for s in stale] == [enterprise["id"]]
    assert stale[0]["last_reminded_at"] is not None
    assert (await client.get(f"{BASE}/{enterprise['id']}")).status_code == 200
    assert (await client.get("/api/v1/admin/stale")).status_code == 401


async def test_a_bad_answer_is_refused(client: AsyncClient) -> None:
    assert (await client.post("/api/v1/freshness/confirm", json={"token": "B" * 43})).status_code == 404
    bad = await client.post("/api/v1/freshness/confirm", json={"token": "B" * 43, "action": "delete"})
    assert bad.status_code == 422
