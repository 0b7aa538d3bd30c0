"""The outbox against the real database and a real SMTP server (aiosmtpd)."""

import asyncio
import os
import sys
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from api.config import Settings
from api.db import create_sessionmaker
from api.outbox import service as outbox
from api.outbox.models import OutboxMessage
from api.outbox.worker import deliver_due
from tests.outbox.smtp_server import SmtpServer, free_port


def smtp_settings(settings: Settings, port: int, **more: object) -> Settings:
    return settings.model_copy(update={"smtp_port": port, "mail_from": "Semap <no-reply@semap.test>", **more})


async def message_row(session: AsyncSession, message_id: int) -> OutboxMessage:
    row = await session.scalar(select(OutboxMessage).where(OutboxMessage.id == message_id)
                               .execution_options(populate_existing=True))
    assert row is not None
    return row


async def test_enqueued_message_is_sent_by_smtp_and_marked_sent(
        session: AsyncSession, sessionmaker: async_sessionmaker[AsyncSession], settings: Settings,
        smtp_server: SmtpServer) -> None:
    message_id = await outbox.enqueue(session, to="ana@example.org", subject="Cerere înregistrată",
                                      body_text="Bună ziua, Ana.", body_html="<p>Bună ziua, Ana.</p>",
                                      headers={"X-Semap-Request": "42"})
    await session.commit()
    assert message_id is not None

    report = await deliver_due(sessionmaker, smtp_settings(settings, smtp_server.port))

    assert (report.sent, report.retrying, report.failed) == (1, 0, 0)
    [email] = smtp_server.inbox.to("ana@example.org")
    assert email["Subject"] == "Cerere înregistrată"
    assert email["From"] == "Semap <no-reply@semap.test>"
    assert email["X-Semap-Request"] == "42"
    assert email.get_body(preferencelist=("plain",)).get_content().strip() == "Bună ziua, Ana."
    assert "<p>Bună ziua, Ana.</p>" in email.get_body(preferencelist=("html",)).get_content()
    row = await message_row(session, message_id)
    assert (row.status, row.attempts, row.last_error) == ("sent", 1, None)
    assert row.sent_at is not None
    # A second pass finds nothing due: a sent message is never sent again.
    assert (await deliver_due(sessionmaker, smtp_settings(settings, smtp_server.port))).sent == 0
    assert len(smtp_server.inbox.messages) == 1


async def test_dedupe_key_keeps_one_message(session: AsyncSession) -> None:
    first = await outbox.enqueue(session, to="a@example.org", subject="s", body_text="b", dedupe_key="k:1")
    second = await outbox.enqueue(session, to="a@example.org", subject="s", body_text="b", dedupe_key="k:1")
    assert first is not None and second is None
    count = await session.scalar(text("SELECT count(*) FROM outbox_messages WHERE dedupe_key = 'k:1'"))
    assert count == 1


async def test_enqueue_rolls_back_with_the_callers_transaction(session: AsyncSession) -> None:
    before = await session.scalar(text("SELECT count(*) FROM outbox_messages"))
    await outbox.enqueue(session, to="a@example.org", subject="lost with its write", body_text="b")
    await session.rollback()
    assert await session.scalar(text("SELECT count(*) FROM outbox_messages")) == before


async def test_mail_server_down_keeps_message_pending_with_backoff_then_delivers(
        session: AsyncSession, sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    port = free_port()  # nothing listens here yet
    config = smtp_settings(settings, port, outbox_backoff_seconds=60, outbox_max_attempts=5)
    message_id = await outbox.enqueue(session, to="ion@example.org", subject="Hello", body_text="Hi")
    await session.commit()
    start = datetime.now(UTC)

    first = await deliver_due(sessionmaker, config, now=start)
    row = await message_row(session, message_id)
    assert (first.sent, first.retrying) == (0, 1)
    assert (row.status, row.attempts) == ("pending", 1)
    assert row.next_attempt_at == start + timedelta(seconds=60)
    assert row.last_error

    # Not due yet: a pass half-way through the delay does not touch it.
    assert (await deliver_due(sessionmaker, config, now=start + timedelta(seconds=30))).retrying == 0
    second = await deliver_due(sessionmaker, config, now=start + timedelta(seconds=61))
    row = await message_row(session, message_id)
    assert second.retrying == 1
    assert row.attempts == 2
    assert row.next_attempt_at == start + timedelta(seconds=61 + 120)  # the delay doubled

    server = SmtpServer(port).start()
    try:
        third = await deliver_due(sessionmaker, config, now=start + timedelta(seconds=200))
    finally:
        server.stop()
    row = await message_row(session, message_id)
    assert third.sent == 1
    assert (row.status, row.attempts) == ("sent", 3)
    assert [m["Subject"] for m in server.inbox.to("ion@example.org")] == ["Hello"]


async def test_after_max_attempts_a_message_is_failed_and_still_listed(
        session: AsyncSession, sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    config = smtp_settings(settings, free_port(), outbox_backoff_seconds=1, outbox_max_attempts=2)
    message_id = await outbox.enqueue(session, to="gone@example.org", subject="x", body_text="y")
    await session.commit()
    now = datetime.now(UTC)
    await deliver_due(sessionmaker, config, now=now)
    report = await deliver_due(sessionmaker, config, now=now + timedelta(seconds=5))
    assert report.failed == 1
    row = await message_row(session, message_id)
    assert (row.status, row.attempts) == ("failed", 2)
    listed = await outbox.list_messages(session, status=None, limit=10)
    assert message_id in [m.id for m in listed]
    # Failed messages are never picked up again on their own …
    assert (await deliver_due(sessionmaker, config, now=now + timedelta(days=30))).failed == 0
    # … but an operator can queue one again.
    assert await outbox.retry(session, message_id, now=now)
    assert (await message_row(session, message_id)).status == "pending"


async def test_permanent_refusal_fails_at_once(
        session: AsyncSession, sessionmaker: async_sessionmaker[AsyncSession], settings: Settings,
        smtp_server: SmtpServer) -> None:
    smtp_server.inbox.refuse.add("nobody@example.org")
    message_id = await outbox.enqueue(session, to="nobody@example.org", subject="x", body_text="y")
    await session.commit()
    report = await deliver_due(sessionmaker, smtp_settings(settings, smtp_server.port))
    row = await message_row(session, message_id)
    assert report.failed == 1
    assert (row.status, row.attempts) == ("failed", 1)
    assert "550" in (row.last_error or "")


async def _committed_message(engine: AsyncEngine, subject: str) -> int:
    async with create_sessionmaker(engine)() as session, session.begin():
        message_id = await outbox.enqueue(session, to="w@example.org", subject=subject, body_text="b")
        # Due long ago, so that only these rows are due at the claim time the test uses.
        await session.execute(text("UPDATE outbox_messages SET next_attempt_at = '2000-01-01T00:00:00Z' "
                                   "WHERE id = :id"), {"id": message_id})
    assert message_id is not None
    return message_id


async def test_two_workers_skip_each_others_locked_messages(engine: AsyncEngine) -> None:
    ids = [await _committed_message(engine, "first"), await _committed_message(engine, "second")]
    maker = create_sessionmaker(engine)
    claim_time = datetime(2000, 1, 2, tzinfo=UTC)
    try:
        async with maker() as worker_a, worker_a.begin(), maker() as worker_b, worker_b.begin():
            claimed_a = await outbox.claim_next_due(worker_a, now=claim_time)
            claimed_b = await outbox.claim_next_due(worker_b, now=claim_time)
            claimed_a_again = await outbox.claim_next_due(worker_b, now=claim_time)
        assert claimed_a is not None and claimed_b is not None
        assert (claimed_a.id, claimed_b.id) == (ids[0], ids[1])
        assert claimed_a_again is not None and claimed_a_again.id == ids[1]  # its own lock, not A's row
    finally:
        async with maker() as session, session.begin():
            await session.execute(delete(OutboxMessage).where(OutboxMessage.id.in_(ids)))


async def test_semap_outbox_send_command_delivers(engine: AsyncEngine, settings: Settings,
                                                  smtp_server: SmtpServer) -> None:
    message_id = await _committed_message(engine, "from the command line")
    environment = {**os.environ, "DATABASE_URL": settings.database_url, "SMTP_HOST": "127.0.0.1",
                   "SMTP_PORT": str(smtp_server.port)}
    try:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "api.cli", "outbox", "send", env=environment,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
        stdout, stderr = await asyncio.wait_for(process.communicate(), timeout=60)
        assert process.returncode == 0, stderr.decode()
        assert "sent 1" in stdout.decode()
        assert [m["Subject"] for m in smtp_server.inbox.to("w@example.org")] == ["from the command line"]
        async with create_sessionmaker(engine)() as session:
            assert (await message_row(session, message_id)).status == "sent"
    finally:
        async with create_sessionmaker(engine)() as session, session.begin():
            await session.execute(delete(OutboxMessage).where(OutboxMessage.id == message_id))
