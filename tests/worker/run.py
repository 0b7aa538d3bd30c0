"""Run one of the worker's scheduled jobs as the worker does: claim its due period, run it, record the outcome."""

import re
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.config import Settings
from api.worker import schedule
from api.worker.jobs import JOBS
from api.worker.models import WorkerJob
from api.worker.runner import run_periodic


async def run_scheduled_job(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, name: str, *,
                            now: datetime) -> str:
    """The job of that name from the worker's own list, run through its schedule; its recorded outcome."""
    job = next(job for job in JOBS if job.name == name)
    await schedule.ensure(sessionmaker, [job], now)
    async with sessionmaker() as session, session.begin():  # make this period due, whatever ran before
        await session.execute(text("UPDATE worker_jobs SET next_run_at = :now WHERE name = :name"),
                              {"now": now, "name": name})
    assert await run_periodic(sessionmaker, settings, job, worker_id="test-worker", now=now)
    async with sessionmaker() as session:
        row = await session.get_one(WorkerJob, name, populate_existing=True)
        assert row.last_ok is True, row.last_outcome
        return row.last_outcome or ""


def count_in(outcome: str, label: str) -> int:
    """A number from a job's recorded outcome, before or after its label: "sent 2" or "2 notified"."""
    found = re.search(rf"\b{label} (\d+)|(\d+) {label}\b", outcome)
    assert found, outcome
    return int(found.group(1) or found.group(2))
