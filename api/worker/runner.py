"""The worker process: one asyncio task per job plus the heartbeat, until asked to stop.

A job's failure is logged and recorded, never fatal: the next pass or period tries again. On stop
(SIGTERM, SIGINT) every task finishes what it is doing (an SMTP send completes and is recorded), then
the worker marks its heartbeat stopped and returns.
"""

import asyncio
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.config import Settings
from api.worker import heartbeat, schedule
from api.worker.jobs import JOBS, Job

log = logging.getLogger("semap.worker")
STOP_GRACE_SECONDS = 60


def utcnow() -> datetime:
    return datetime.now(UTC)


async def _pause(stop: asyncio.Event, seconds: float) -> bool:
    """Wait `seconds` or until stop; True when stopping."""
    try:
        await asyncio.wait_for(stop.wait(), timeout=seconds)
    except TimeoutError:
        return False
    return True


async def run_periodic(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, job: Job, *,
                       worker_id: str, now: datetime) -> bool:
    """Run the job if this worker claims its current period; True when it ran."""
    if not await schedule.claim(sessionmaker, job, worker_id=worker_id, now=now):
        return False
    try:
        report = await job.run(sessionmaker, settings, now)
    except Exception as exc:  # a job's failure is recorded and retried, never fatal to the worker
        log.exception("job %s failed", job.name)
        await schedule.finish(sessionmaker, job, ok=False, outcome=f"{type(exc).__name__}: {exc}", started=now,
                              finished=utcnow())
    else:
        log.info("job %s: %s", job.name, report)
        await schedule.finish(sessionmaker, job, ok=True, outcome=str(report), started=now, finished=utcnow())
    return True


class Worker:
    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, *,
                 jobs: list[Job] | None = None, worker_id: str | None = None,
                 clock: Callable[[], datetime] = utcnow) -> None:
        self.sessionmaker, self.settings = sessionmaker, settings
        unknown = set(settings.worker_jobs) - {job.name for job in JOBS}
        if unknown:  # a typo in WORKER_JOBS must not leave a job silently unrun
            raise ValueError(f"WORKER_JOBS names unknown jobs: {', '.join(sorted(unknown))}")
        self.jobs = jobs if jobs is not None else [
            job for job in JOBS if not settings.worker_jobs or job.name in settings.worker_jobs]
        self.worker_id = worker_id or heartbeat.new_worker_id()
        self.clock = clock

    async def run(self, stop: asyncio.Event) -> None:
        await heartbeat.beat(self.sessionmaker, self.worker_id, self.clock())
        await schedule.ensure(self.sessionmaker, self.jobs, self.clock())
        log.info("worker %s started: %s", self.worker_id, ", ".join(job.name for job in self.jobs))
        tasks = [asyncio.create_task(self._heartbeats(stop), name="heartbeat")]
        tasks += [asyncio.create_task(self._loop(job, stop), name=job.name) for job in self.jobs]
        try:
            await stop.wait()
            _, pending = await asyncio.wait(tasks, timeout=STOP_GRACE_SECONDS)
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
        finally:
            await heartbeat.stopped(self.sessionmaker, self.worker_id, self.clock())
            log.info("worker %s stopped", self.worker_id)

    async def _heartbeats(self, stop: asyncio.Event) -> None:
        while not await _pause(stop, self.settings.worker_heartbeat_seconds):
            try:
                await heartbeat.beat(self.sessionmaker, self.worker_id, self.clock())
            except Exception:  # the database may be away for a moment; the next beat tries again
                log.exception("heartbeat failed")

    async def _loop(self, job: Job, stop: asyncio.Event) -> None:
        if job.per_worker:
            interval = job.every.total_seconds() if job.every else self.settings.worker_poll_seconds
        else:
            assert job.every is not None
            interval = min(job.every, timedelta(seconds=self.settings.worker_schedule_check_seconds)).total_seconds()
        while not stop.is_set():
            try:
                if job.per_worker:
                    await job.run(self.sessionmaker, self.settings, self.clock())
                else:
                    await run_periodic(self.sessionmaker, self.settings, job, worker_id=self.worker_id,
                                       now=self.clock())
            except Exception:  # e.g. the database is down: log, wait, try again
                log.exception("job %s failed", job.name)
            if await _pause(stop, interval):
                return
