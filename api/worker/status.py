"""The worker's health as the admin API, /readyz's detail and metrics read it: `worker_status(session)`."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.outbox.models import OutboxMessage, OutboxStatus
from api.outbox.schemas import JobOut, OutboxCounts, WorkerOut, WorkerStatus
from api.worker.models import WorkerHeartbeat, WorkerJob

RECENT_WORKERS = timedelta(days=1)


async def outbox_counts(session: AsyncSession) -> dict[str, int]:
    """Messages per status (pending, sent, failed), zeros included."""
    rows = (await session.execute(select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status))).all()
    return {status.value: 0 for status in OutboxStatus} | {status: int(count) for status, count in rows}


async def worker_status(session: AsyncSession, *, now: datetime | None = None) -> WorkerStatus:
    """Workers seen in the last day (running ones first), the last heartbeat, the outbox and the schedules."""
    now = now or datetime.now(UTC)
    workers = (await session.scalars(
        select(WorkerHeartbeat).where(WorkerHeartbeat.beat_at >= now - RECENT_WORKERS)
        .order_by(WorkerHeartbeat.stopped_at.is_not(None), WorkerHeartbeat.beat_at.desc()))).all()
    running = [w for w in workers if w.stopped_at is None]
    last_beat = max((w.beat_at for w in running), default=None)
    oldest_due = await session.scalar(select(func.min(OutboxMessage.next_attempt_at)).where(
        OutboxMessage.status == OutboxStatus.pending.value, OutboxMessage.next_attempt_at <= now))
    jobs = (await session.scalars(select(WorkerJob).order_by(WorkerJob.name))).all()
    counts = await outbox_counts(session)
    return WorkerStatus(
        last_heartbeat_at=last_beat,
        heartbeat_age_seconds=round((now - last_beat).total_seconds(), 1) if last_beat else None,
        workers=[WorkerOut(worker_id=w.worker_id, hostname=w.hostname, pid=w.pid, started_at=w.started_at,
                           last_beat_at=w.beat_at, stopped_at=w.stopped_at) for w in workers],
        outbox=OutboxCounts(pending=counts["pending"], sent=counts["sent"], failed=counts["failed"],
                            oldest_due_at=oldest_due),
        jobs=[JobOut(name=j.name, next_run_at=j.next_run_at, last_started_at=j.last_started_at,
                     last_finished_at=j.last_finished_at, last_ok=j.last_ok, last_outcome=j.last_outcome)
              for j in jobs],
    )


async def heartbeat_age_seconds(session: AsyncSession, *, hostname: str | None = None) -> float | None:
    """Seconds since a running worker (on `hostname`, or anywhere) last beat; None when none runs.
    The metrics' one cheap query, and the worker container's healthcheck (`semap worker-health`)."""
    query = select(func.max(WorkerHeartbeat.beat_at)).where(WorkerHeartbeat.stopped_at.is_(None))
    if hostname is not None:
        query = query.where(WorkerHeartbeat.hostname == hostname)
    last_beat = await session.scalar(query)
    return (datetime.now(UTC) - last_beat).total_seconds() if last_beat is not None else None
