"""What expires: old buyer matches, one-time links past use, unconfirmed subscriptions and saved needs, old
sent mail, and the name and address of whoever made a submission, a year after its decision.

Each DELETE takes at most BATCH rows, so one hourly run never holds a long lock; a backlog shrinks run by
run. Retention comes from the settings (MATCH_RETENTION_DAYS, LINK_RETENTION_DAYS, OUTBOX_RETENTION_DAYS,
SUBMITTER_RETENTION_DAYS).
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.config import Settings
from api.saved_needs.service import CONFIRM_VALID_FOR as NEED_CONFIRM_VALID_FOR
from api.subscriptions.service import CONFIRM_VALID_FOR

BATCH = 10_000
HEARTBEATS_KEPT_FOR = timedelta(days=7)

# (what, SQL): each deletes rows older than :cutoff, at most :batch of them.
PURGES = {
    # A match is a link that shows a buyer's need; inquiries keep their own copy (match_id becomes NULL).
    "matches": "DELETE FROM matches WHERE id IN (SELECT id FROM matches WHERE created_at < :cutoff LIMIT :batch)",
    # Kept a while after expiry so that a late click says "expired" (410) rather than "unknown" (404).
    "one_time_links": "DELETE FROM one_time_links WHERE id IN "
                      "(SELECT id FROM one_time_links WHERE expires_at < :cutoff LIMIT :batch)",
    # Never confirmed: the address was never proven to want anything, so it is not kept.
    "subscriptions": "DELETE FROM subscriptions WHERE id IN (SELECT id FROM subscriptions "
                     "WHERE status = 'pending' AND created_at < :cutoff LIMIT :batch)",
    # A buyer's saved need never confirmed: the same rule as a subscription's (the privacy notice says so).
    "saved_needs": "DELETE FROM saved_needs WHERE id IN (SELECT id FROM saved_needs "
                   "WHERE status = 'pending' AND created_at < :cutoff LIMIT :batch)",
    # Sent mail holds personal data; failed mail stays for the admins until retried.
    "outbox_messages": "DELETE FROM outbox_messages WHERE id IN (SELECT id FROM outbox_messages "
                       "WHERE status = 'sent' AND sent_at < :cutoff LIMIT :batch)",
    # The public's name and address on a decided submission: the privacy notice promises a year at most.
    "submitters": "UPDATE submissions SET submitter_name = 'erased', submitter_email = NULL WHERE id IN "
                  "(SELECT id FROM submissions WHERE decided_at < :cutoff AND submitter_email IS NOT NULL "
                  "LIMIT :batch)",
    "worker_heartbeats": "DELETE FROM worker_heartbeats WHERE worker_id IN "
                         "(SELECT worker_id FROM worker_heartbeats WHERE beat_at < :cutoff LIMIT :batch)",
}


@dataclass
class ExpiryReport:
    deleted: dict[str, int] = field(default_factory=dict)

    def __str__(self) -> str:
        return "deleted " + ", ".join(f"{name} {count}" for name, count in self.deleted.items())


def cutoffs(settings: Settings, now: datetime) -> dict[str, datetime]:
    return {
        "matches": now - timedelta(days=settings.match_retention_days),
        "one_time_links": now - timedelta(days=settings.link_retention_days),
        "subscriptions": now - CONFIRM_VALID_FOR - timedelta(days=1),
        "saved_needs": now - NEED_CONFIRM_VALID_FOR - timedelta(days=1),
        "outbox_messages": now - timedelta(days=settings.outbox_retention_days),
        "submitters": now - timedelta(days=settings.submitter_retention_days),
        "worker_heartbeats": now - HEARTBEATS_KEPT_FOR,
    }


async def expire(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, now: datetime) -> ExpiryReport:
    report = ExpiryReport()
    async with sessionmaker() as session, session.begin():
        for name, cutoff in cutoffs(settings, now).items():
            result = await session.execute(text(PURGES[name]), {"cutoff": cutoff, "batch": BATCH})
            report.deleted[name] = int(result.rowcount)  # type: ignore[attr-defined]
    return report
