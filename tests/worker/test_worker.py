"""The worker against the real database and a real SMTP server: several workers, schedules, heartbeat, expiry."""

import asyncio
import os
import signal
import sys
import uuid
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import delete, func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from api.config import Settings
from api.db import create_sessionmaker
from api.outbox import service as outbox
from api.outbox.models import OutboxMessage
from api.outbox.worker import deliver_due
from api.worker import schedule
from api.worker.expiry import expire
from api.worker.jobs import JOBS, Job
from api.worker.models import WorkerHeartbeat, WorkerJob
from api.worker.runner import Worker, run_periodic
from api.worker.status import worker_status
from tests.outbox.smtp_server import SmtpServer


def fast(settings: Settings, smtp_port: int, **more: object) -> Settings:
    return settings.model_copy(update={"smtp_port": smtp_port, "worker_poll_seconds": 0.05,
                                       "worker_heartbeat_seconds": 0.05, "mail_from": "Semap <no-reply@semap.test>",
                                       **more})


async def until(condition: Callable[[], object]) -> None:
    """Poll a condition (never a fixed sleep); the generous bound only stops a hang."""
    async with asyncio.timeout(120):
        while not condition():  # noqa: ASYNC110 - the condition is another thread's inbox, no event to await
            await asyncio.sleep(0.05)


@pytest.fixture
async def committed(engine: AsyncEngine) -> AsyncIterator[list[int]]:
    """Ids of committed outbox messages a test creates; deleted afterwards."""
    ids: list[int] = []
    yield ids
    async with create_sessionmaker(engine)() as session, session.begin():
        await session.execute(delete(OutboxMessage).where(OutboxMessage.id.in_(ids)))


async def queue(engine: AsyncEngine, ids: list[int], count: int, *, tag: str, **fields: object) -> list[str]:
    subjects = [f"{tag} {i}" for i in range(count)]
    async with create_sessionmaker(engine)() as session, session.begin():
        for subject in subjects:
            message_id = await outbox.enqueue(session, to=f"{tag}@example.org", subject=subject, body_text="b",
                                              **fields)  # type: ignore[arg-type]
            assert message_id is not None
            ids.append(message_id)
    return subjects


async def test_two_workers_at_once_deliver_each_message_exactly_once(
        engine: AsyncEngine, settings: Settings, smtp_server: SmtpServer, committed: list[int]) -> None:
    tag = f"pair-{uuid.uuid4().hex[:8]}"
    subjects = await queue(engine, committed, 40, tag=tag)
    config = fast(settings, smtp_server.port)
    outbox_only = [job for job in JOBS if job.name == "outbox"]
    stop = asyncio.Event()
    workers = [Worker(create_sessionmaker(engine), config, jobs=outbox_only) for _ in range(2)]
    running = [asyncio.create_task(worker.run(stop)) for worker in workers]
    try:
        await until(lambda: len(smtp_server.inbox.to(f"{tag}@example.org")) >= len(subjects))
        async with create_sessionmaker(engine)() as session:
            sent = await session.scalar(select(func.count()).where(
                OutboxMessage.id.in_(committed), OutboxMessage.status == "sent"))
        assert sent == len(subjects)
    finally:
        stop.set()
        await asyncio.gather(*running)
    received = sorted(m["Subject"] for m in smtp_server.inbox.to(f"{tag}@example.org"))
    assert received == sorted(subjects)  # each exactly once


async def test_a_new_message_leaves_within_seconds_while_the_worker_runs(
        engine: AsyncEngine, settings: Settings, smtp_server: SmtpServer, committed: list[int]) -> None:
    stop = asyncio.Event()
    worker = Worker(create_sessionmaker(engine), settings.model_copy(update={"smtp_port": smtp_server.port}),
                    jobs=[job for job in JOBS if job.name == "outbox"])
    running = asyncio.create_task(worker.run(stop))
    try:
        tag = f"prompt-{uuid.uuid4().hex[:8]}"
        await queue(engine, committed, 1, tag=tag)  # queued after the worker started
        await until(lambda: smtp_server.inbox.to(f"{tag}@example.org"))
    finally:
        stop.set()
        await running


async def test_one_poisoned_message_fails_alone_and_the_50_behind_it_are_delivered(
        engine: AsyncEngine, settings: Settings, smtp_server: SmtpServer, committed: list[int]) -> None:
    """Issue 13 item 4: first in line, a message that cannot be built; 50 good ones behind it."""
    tag = f"poison-{uuid.uuid4().hex[:8]}"
    long_ago = datetime(2001, 1, 1, tzinfo=UTC)
    # A header name with a line break (it would inject a Bcc) and a second To: the builder refuses both.
    await queue(engine, committed, 1, tag=tag, headers={"X-Evil\r\nBcc": "all@example.org", "To": "x@example.org"})
    poisoned = committed[0]
    good = await queue(engine, committed, 50, tag=tag)
    async with create_sessionmaker(engine)() as session, session.begin():
        # In line in id order, the poisoned one first.
        await session.execute(text("UPDATE outbox_messages SET next_attempt_at = CAST(:t AS timestamptz) "
                                   "+ (id - :first) * interval '1 ms' WHERE id = ANY(:ids)"),
                              {"t": long_ago, "first": poisoned, "ids": committed})
    config = fast(settings, smtp_server.port, outbox_max_attempts=3, outbox_backoff_seconds=60)
    sessionmaker = create_sessionmaker(engine)

    first = await deliver_due(sessionmaker, config, now=long_ago + timedelta(seconds=1))
    assert sorted(m["Subject"] for m in smtp_server.inbox.to(f"{tag}@example.org")) == sorted(good)
    assert first.sent >= 50 and first.retrying >= 1
    async with sessionmaker() as session:
        row = await session.get_one(OutboxMessage, poisoned)
        assert (row.status, row.attempts) == ("pending", 1)
        assert "cannot build the message" in (row.last_error or "")
        assert row.next_attempt_at == long_ago + timedelta(seconds=61)  # backed off, not first in line any more
    # Two more attempts after their delays, then it fails for good; nothing else is affected.
    await deliver_due(sessionmaker, config, now=long_ago + timedelta(seconds=62))
    await deliver_due(sessionmaker, config, now=long_ago + timedelta(seconds=300))
    async with sessionmaker() as session:
        row = await session.get_one(OutboxMessage, poisoned, populate_existing=True)
        assert (row.status, row.attempts) == ("failed", 3)
    assert all("all@example.org" not in m.get_all("Bcc", []) for m in smtp_server.inbox.messages)
    assert len(smtp_server.inbox.to(f"{tag}@example.org")) == 50


async def test_a_line_break_in_a_subject_is_stripped_when_building(
        engine: AsyncEngine, settings: Settings, smtp_server: SmtpServer, committed: list[int]) -> None:
    tag = f"crlf-{uuid.uuid4().hex[:8]}"
    async with create_sessionmaker(engine)() as session, session.begin():
        committed.append(await outbox.enqueue(
            session, to=f"{tag}@example.org", subject="Inquiry from Evil\r\nBcc: x@evil.example", body_text="b",
            headers={"Reply-To": "a@example.org\r\nBcc: y@evil.example"}))
        await session.execute(text("UPDATE outbox_messages SET next_attempt_at = '2001-01-01Z' WHERE id = :id"),
                              {"id": committed[-1]})
    await deliver_due(create_sessionmaker(engine), fast(settings, smtp_server.port),
                      now=datetime(2001, 1, 2, tzinfo=UTC))
    [email] = smtp_server.inbox.to(f"{tag}@example.org")
    assert email["Subject"] == "Inquiry from Evil Bcc: x@evil.example"
    assert email["Bcc"] is None


def counting_job(name: str, runs: list[datetime], every: timedelta) -> Job:
    async def run(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, now: datetime) -> str:
        runs.append(now)
        await asyncio.sleep(0)  # let the other worker race for the claim meanwhile
        return f"run {len(runs)}"

    return Job(name, run, every=every)


async def test_a_schedule_runs_once_per_period_with_two_workers(engine: AsyncEngine, settings: Settings) -> None:
    runs: list[datetime] = []
    job = counting_job(f"test-{uuid.uuid4().hex[:8]}", runs, timedelta(hours=1))
    makers = [create_sessionmaker(engine), create_sessionmaker(engine)]
    start = datetime(2030, 1, 1, 10, 20, tzinfo=UTC)
    try:
        await schedule.ensure(makers[0], [job], start)

        async def both(now: datetime) -> list[bool]:
            return list(await asyncio.gather(*(run_periodic(m, settings, job, worker_id=f"w{i}", now=now)
                                               for i, m in enumerate(makers))))

        assert sorted(await both(start)) == [False, True]
        assert sorted(await both(start + timedelta(minutes=30))) == [False, False]  # same period (10:00-11:00)
        assert sorted(await both(datetime(2030, 1, 1, 11, 0, 1, tzinfo=UTC))) == [False, True]
        assert len(runs) == 2
        async with makers[0]() as session:
            row = await session.get_one(WorkerJob, job.name)
            assert row.next_run_at == datetime(2030, 1, 1, 12, tzinfo=UTC)
            assert (row.last_ok, row.last_outcome) == (True, "run 2")
    finally:
        async with makers[0]() as session, session.begin():
            await session.execute(delete(WorkerJob).where(WorkerJob.name == job.name))


async def test_a_failed_run_is_recorded_and_retried_before_the_next_period(
        engine: AsyncEngine, settings: Settings) -> None:
    async def broken(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, now: datetime) -> None:
        raise RuntimeError("the mail server said no")

    job = Job(f"test-{uuid.uuid4().hex[:8]}", broken, every=timedelta(days=1))
    maker = create_sessionmaker(engine)
    start = datetime(2030, 1, 1, 10, tzinfo=UTC)
    try:
        await schedule.ensure(maker, [job], start)
        assert await run_periodic(maker, settings, job, worker_id="w", now=start)
        async with maker() as session:
            row = await session.get_one(WorkerJob, job.name)
            assert row.last_ok is False and "the mail server said no" in (row.last_outcome or "")
            assert row.next_run_at == start + schedule.RETRY_AFTER_FAILURE
    finally:
        async with maker() as session, session.begin():
            await session.execute(delete(WorkerJob).where(WorkerJob.name == job.name))


def test_periods_are_aligned_to_the_offset() -> None:
    async def noop(*_: object) -> None:
        return None

    daily = Job("daily", noop, every=timedelta(days=1), offset=timedelta(hours=6))
    assert daily.next_run_after(datetime(2030, 5, 2, 5, 59, tzinfo=UTC)) == datetime(2030, 5, 2, 6, tzinfo=UTC)
    assert daily.next_run_after(datetime(2030, 5, 2, 6, 0, tzinfo=UTC)) == datetime(2030, 5, 3, 6, tzinfo=UTC)


async def test_the_heartbeat_is_written_while_running_and_marked_at_stop(
        engine: AsyncEngine, settings: Settings) -> None:
    maker = create_sessionmaker(engine)
    worker = Worker(maker, settings.model_copy(update={"worker_heartbeat_seconds": 0.05}), jobs=[])
    stop = asyncio.Event()
    running = asyncio.create_task(worker.run(stop))
    beats: list[datetime] = []

    async def beat_at() -> datetime | None:
        async with maker() as session:
            return await session.scalar(select(WorkerHeartbeat.beat_at)
                                        .where(WorkerHeartbeat.worker_id == worker.worker_id))

    try:
        async with asyncio.timeout(120):
            while len(set(beats)) < 2:  # a first beat at start, then at least one more
                if (beat := await beat_at()) is not None:
                    beats.append(beat)
                await asyncio.sleep(0.02)
        async with maker() as session:
            status = await worker_status(session)
        mine = [w for w in status.workers if w.worker_id == worker.worker_id]
        assert mine and mine[0].stopped_at is None
        assert status.last_heartbeat_at is not None and status.heartbeat_age_seconds is not None
        assert status.outbox.failed >= 0 and status.outbox.pending >= 0
    finally:
        stop.set()
        await running
    async with maker() as session:
        row = await session.get_one(WorkerHeartbeat, worker.worker_id)
        assert row.stopped_at is not None
        await session.delete(row)
        await session.commit()


async def test_expiry_deletes_what_is_past_its_time_and_keeps_the_rest(
        session: AsyncSession, sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    now = datetime.now(UTC)
    old, recent = now - timedelta(days=400), now - timedelta(days=1)
    for created in (old, recent):
        await session.execute(text(
            "INSERT INTO matches (created_at, need, location, weights, results, result_count, candidates_considered) "
            "VALUES (:t, '{}', '{}', '{}', '[]', 0, 0)"), {"t": created})
        await session.execute(text(
            "INSERT INTO one_time_links (purpose, token_hash, subject_id, created_at, expires_at) "
            "VALUES ('claim', md5(random()::text), 1, :t, CAST(:t AS timestamptz) + interval '3 days')"),
            {"t": created})
        await session.execute(text(
            "INSERT INTO subscriptions (email, area, frequency, status, created_at) "
            "VALUES ('expiry@example.org', '{\"region\": \"RO-CJ\"}', 'weekly', 'pending', :t)"), {"t": created})
        await session.execute(text(
            "INSERT INTO saved_needs (email, need, status, created_at) "
            "VALUES ('expiry@example.org', '{}', 'pending', :t)"), {"t": created})
        await session.execute(text(
            "INSERT INTO outbox_messages (to_address, subject, body_text, status, sent_at, created_at) "
            "VALUES ('expiry@example.org', 's', 'b', 'sent', :t, :t)"), {"t": created})
        await session.execute(text(
            "INSERT INTO outbox_messages (to_address, subject, body_text, status, created_at) "
            "VALUES ('expiry@example.org', 'failed', 'b', 'failed', :t)"), {"t": created})
    await session.commit()

    report = await expire(sessionmaker, settings, now)

    assert all(report.deleted[name] >= 1
               for name in ("matches", "one_time_links", "subscriptions", "saved_needs", "outbox_messages"))
    counts = {
        "matches": "SELECT count(*) FROM matches WHERE created_at IN (:old, :recent)",
        "links": "SELECT count(*) FROM one_time_links WHERE created_at IN (:old, :recent)",
        "subscriptions": "SELECT count(*) FROM subscriptions WHERE email = 'expiry@example.org'",
        "saved_needs": "SELECT count(*) FROM saved_needs WHERE email = 'expiry@example.org'",
        "sent": "SELECT count(*) FROM outbox_messages WHERE to_address = 'expiry@example.org' AND status = 'sent'",
        "failed": "SELECT count(*) FROM outbox_messages WHERE to_address = 'expiry@example.org' AND status = 'failed'",
    }
    left = {name: await session.scalar(text(sql), {"old": old, "recent": recent}) for name, sql in counts.items()}
    # The recent ones stay; failed mail stays for the admins whatever its age.
    assert left == {"matches": 1, "links": 1, "subscriptions": 1, "saved_needs": 1, "sent": 1, "failed": 2}


async def test_semap_worker_beats_and_stops_cleanly_on_sigterm(engine: AsyncEngine, settings: Settings) -> None:
    env = {**os.environ, "DATABASE_URL": settings.database_url, "WORKER_JOBS": "outbox",
           "WORKER_HEARTBEAT_SECONDS": "0.2"}
    process = await asyncio.create_subprocess_exec(sys.executable, "-m", "api.cli", "worker", env=env,
                                                   stderr=asyncio.subprocess.PIPE)
    maker = create_sessionmaker(engine)
    pid_row = WorkerHeartbeat.worker_id.like(f"%:{process.pid}:%")
    try:
        async with asyncio.timeout(120):
            while True:  # the worker's own row, beating
                async with maker() as session:
                    row = await session.scalar(select(WorkerHeartbeat).where(pid_row))
                if row is not None and row.beat_at > row.started_at:
                    break
                await asyncio.sleep(0.1)
    finally:
        process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=120)
    assert process.returncode == 0, stderr.decode()
    async with maker() as session, session.begin():
        row = await session.scalar(select(WorkerHeartbeat).where(pid_row))
        assert row is not None and row.stopped_at is not None
        await session.delete(row)


async def test_the_health_check_reads_the_heartbeat_of_its_own_host(session: AsyncSession) -> None:
    from api.worker.status import heartbeat_age_seconds

    now = datetime.now(UTC)
    session.add_all([
        WorkerHeartbeat(worker_id="box-a:1:x", hostname="box-a", pid=1, beat_at=now - timedelta(seconds=5)),
        WorkerHeartbeat(worker_id="box-b:1:y", hostname="box-b", pid=1, beat_at=now - timedelta(seconds=300)),
        WorkerHeartbeat(worker_id="box-c:1:z", hostname="box-c", pid=1, beat_at=now, stopped_at=now),
    ])
    await session.flush()
    fresh = await heartbeat_age_seconds(session, hostname="box-a")
    stale = await heartbeat_age_seconds(session, hostname="box-b")
    assert fresh is not None and fresh < 60
    assert stale is not None and stale >= 300
    assert await heartbeat_age_seconds(session, hostname="box-c") is None  # stopped: not alive
    assert await heartbeat_age_seconds(session, hostname="box-none") is None
