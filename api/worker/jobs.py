"""What the worker runs: one registry, one line per job.

A job is a coroutine `run(sessionmaker, settings, now)` returning a report (logged, and kept in
`worker_jobs.last_outcome` for periodic jobs). Two kinds:

- periodic (the default): once per period for all workers together. Periods are aligned to the UTC
  epoch plus `offset` (every=1 day, offset=6 h: daily at 06:00 UTC); the worker that moves the job's
  `worker_jobs.next_run_at` forward owns that period's run (api/worker/schedule.py).
- `per_worker=True`: every worker runs it every `every` (None: WORKER_POLL_SECONDS). For work that
  claims its own rows, like the outbox (`FOR UPDATE SKIP LOCKED`): more workers, more throughput.

Another domain adds its job with one line in JOBS (the webhooks and the open-data downloads do).
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.config import Settings
from api.downloads.service import rebuild_downloads
from api.freshness.cli import run_reminders
from api.funding.digests import send_funding_digests
from api.outbox.worker import deliver_due
from api.reserved.reminders import run_expiry_reminders
from api.saved_needs.service import notify_saved_needs
from api.subscriptions.digests import send_digests
from api.tenders.digests import send_tender_digests
from api.tenders.feeds import import_feeds
from api.tenders.refresh import rematch_open_lots
from api.webhooks.delivery import deliver_webhooks
from api.worker.expiry import expire

JobFunction = Callable[[async_sessionmaker[AsyncSession], Settings, datetime], Awaitable[object]]
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Job:
    name: str
    run: JobFunction
    every: timedelta | None
    offset: timedelta = timedelta(0)
    per_worker: bool = False

    def next_run_after(self, now: datetime) -> datetime:
        """The first period boundary strictly after `now`."""
        assert self.every is not None
        start = EPOCH + self.offset
        return start + ((now - start) // self.every + 1) * self.every


async def _outbox(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, now: datetime) -> object:
    return await deliver_due(sessionmaker, settings, now=now)


async def _reminders(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, now: datetime) -> object:
    return await run_reminders(sessionmaker, settings, now=now)


async def _digests(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, now: datetime) -> object:
    return await send_digests(sessionmaker, settings, now=now)


async def _tender_feeds(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, now: datetime) -> object:
    return await import_feeds(sessionmaker, settings, now=now)


async def _tender_digests(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings,
                          now: datetime) -> object:
    return await send_tender_digests(sessionmaker, settings, now=now)


async def _tender_matches(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings,
                          now: datetime) -> object:
    return await rematch_open_lots(sessionmaker, settings, now=now)


async def _saved_needs(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, now: datetime) -> object:
    return await notify_saved_needs(sessionmaker, settings, now=now)


async def _funding_digests(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings,
                           now: datetime) -> object:
    return await send_funding_digests(sessionmaker, settings, now=now)


# The epoch was a Thursday: four days on is a Monday.
MONDAY = timedelta(days=4)

JOBS: list[Job] = [
    Job("outbox", _outbox, every=None, per_worker=True),
    # Reminders once a day, in the morning in Romania, Moldova and Ukraine.
    Job("freshness-reminders", _reminders, every=timedelta(days=1), offset=timedelta(hours=6)),
    Job("reserved-expiry-reminders", run_expiry_reminders, every=timedelta(days=1),
        offset=timedelta(hours=6, minutes=20)),
    # Hourly: each subscription still gets one digest per day or ISO week (digests are keyed by period).
    Job("area-digests", _digests, every=timedelta(hours=1), offset=timedelta(minutes=5)),
    Job("expire", expire, every=timedelta(hours=1), offset=timedelta(minutes=35)),
    # Once per period for all workers together, so a delivery is never sent twice at once.
    Job("deliver-webhooks", deliver_webhooks, every=timedelta(seconds=15)),
    # Skips itself when nothing changed since the last build.
    Job("rebuild-downloads", rebuild_downloads, every=timedelta(minutes=10)),
    # Buyers hear of new matches for their saved needs once a day, in the morning.
    Job("saved-needs", _saved_needs, every=timedelta(days=1), offset=timedelta(hours=6, minutes=30)),
    # TENDER_FEED_URLS (none by default): every 6 hours, each feed in its own transaction.
    Job("tender-feeds", _tender_feeds, every=timedelta(hours=6), offset=timedelta(minutes=20)),
    # Open lots ranked again each morning, before the saved needs and the Monday digest read them.
    Job("tender-matches", _tender_matches, every=timedelta(days=1), offset=timedelta(hours=5, minutes=50)),
    # Mondays at 07:00 UTC (09:00 in Romania, Moldova and Ukraine); one e-mail per member and ISO week.
    Job("tender-digests", _tender_digests, every=timedelta(days=7), offset=MONDAY + timedelta(hours=7)),
    Job("funding-digests", _funding_digests, every=timedelta(days=7), offset=MONDAY + timedelta(hours=7, minutes=15)),
]
