"""Periodic jobs across several workers: each period's run is owned by the worker that claims it.

The claim is one UPDATE … WHERE next_run_at <= now that moves next_run_at to the next boundary. Two
workers racing for it queue on the row lock; the second re-reads the row (READ COMMITTED), finds the
period taken and updates nothing. So a job runs once per period however many workers run, no lock is
held while it works, and a worker that dies mid-run only delays the job to its next period.
"""

from datetime import datetime, timedelta

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.worker.jobs import Job

# After a failed run, try again this soon (or at the next period, if sooner).
RETRY_AFTER_FAILURE = timedelta(minutes=5)

ENSURE_SQL = text("INSERT INTO worker_jobs (name, next_run_at) VALUES (:name, :now) ON CONFLICT (name) DO NOTHING")
CLAIM_SQL = text("""
UPDATE worker_jobs SET next_run_at = :next, last_started_at = :now, last_worker_id = :worker
 WHERE name = :name AND next_run_at <= :now
RETURNING name
""")
FINISH_SQL = text("""
UPDATE worker_jobs SET last_finished_at = :finished, last_ok = :ok, last_outcome = :outcome,
       next_run_at = CASE WHEN :ok THEN next_run_at ELSE least(next_run_at, :retry_at) END
 WHERE name = :name
""")


async def ensure(sessionmaker: async_sessionmaker[AsyncSession], jobs: list[Job], now: datetime) -> None:
    """A schedule row per periodic job; a new job is due at once."""
    async with sessionmaker() as session, session.begin():
        for job in jobs:
            if not job.per_worker:
                await session.execute(ENSURE_SQL, {"name": job.name, "now": now})


async def claim(sessionmaker: async_sessionmaker[AsyncSession], job: Job, *, worker_id: str, now: datetime) -> bool:
    """True when this worker got the current period of the job (and must run it)."""
    async with sessionmaker() as session, session.begin():
        taken = await session.scalar(CLAIM_SQL, {"name": job.name, "now": now, "next": job.next_run_after(now),
                                                 "worker": worker_id})
    return taken is not None


async def finish(sessionmaker: async_sessionmaker[AsyncSession], job: Job, *, ok: bool, outcome: str,
                 started: datetime, finished: datetime) -> None:
    async with sessionmaker() as session, session.begin():
        await session.execute(FINISH_SQL, {"name": job.name, "ok": ok, "outcome": outcome[:2000],
                                           "finished": finished, "retry_at": started + RETRY_AFTER_FAILURE})
