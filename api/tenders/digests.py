"""The weekly "tenders for you" e-mail: each member enterprise's open lots that it newly matches this week.

One message per organisation and ISO week, guarded by the outbox's dedupe key: a rerun in the same week
(or two workers at once) queues nothing more.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.config import Settings
from api.members.digest_recipients import iso_week, member_recipients
from api.outbox import service as outbox
from api.tenders.models import Tender, TenderLot
from api.tenders.service import open_clause

DIGEST_WINDOW = timedelta(days=7)
DIGEST_MAX_LOTS = 20


@dataclass
class TenderDigestReport:
    sent: int = 0
    empty: int = 0
    already: int = 0

    def __str__(self) -> str:
        return f"tender digests: sent {self.sent}, nothing new {self.empty}, already sent this week {self.already}"


def _listed_since(organisation_id: int, since: datetime, now: datetime) -> Any:
    """The organisation first appeared among the lot's matches in (since, now]: the daily re-match refreshes
    `matched_at` on every open lot, so an enterprise hears of a lot once, not every week until it closes."""
    return text("""EXISTS (SELECT 1 FROM jsonb_array_elements(tender_lots.matches) m
                   WHERE (m->>'enterprise_id')::bigint = :organisation_id
                     AND COALESCE((m->>'since')::timestamptz, tender_lots.matched_at) > :since
                     AND COALESCE((m->>'since')::timestamptz, tender_lots.matched_at) <= :now)""").bindparams(
        organisation_id=organisation_id, since=since, now=now)


async def lots_for(session: AsyncSession, organisation_id: int, *, since: datetime,
                   now: datetime) -> list[dict[str, Any]]:
    """Open lots whose matches name the organisation, matched in (since, now], soonest deadline first: the
    e-mail's context (a document by nature, rendered by the template), so plain dicts."""
    rows = (await session.execute(
        select(TenderLot, Tender).join(Tender, Tender.id == TenderLot.tender_id)
        .where(TenderLot.matches.contains([{"enterprise_id": organisation_id}]), open_clause(now),
               _listed_since(organisation_id, since, now))
        .order_by(Tender.deadline.asc().nulls_last(), TenderLot.id).limit(DIGEST_MAX_LOTS + 1))).all()
    return [{"tender_id": tender.id, "title": lot.title, "buyer": tender.buyer_name,
             "deadline": tender.deadline.date().isoformat() if tender.deadline else None, "reserved": lot.reserved}
            for lot, tender in rows]


async def send_tender_digests(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, *,
                              now: datetime | None = None) -> TenderDigestReport:
    now = now or datetime.now(UTC)
    week, report = iso_week(now), TenderDigestReport()
    async with sessionmaker() as session, session.begin():
        for recipient in await member_recipients(session):
            org = recipient.organisation
            lots = await lots_for(session, org.id, since=now - DIGEST_WINDOW, now=now)
            if not lots:
                report.empty += 1
                continue
            listed = [lot | {"url": settings.absolute_url(f"/tenders/{lot['tender_id']}")} for lot in lots]
            queued = await outbox.enqueue(
                session, to=str(org.email), template="tender_digest", language=recipient.language,
                context={"enterprise_name": org.name, "lots": listed[:DIGEST_MAX_LOTS],
                         "more": len(lots) > DIGEST_MAX_LOTS, "members_url": settings.absolute_url("/member")},
                dedupe_key=f"tender-digest:{org.id}:{week}")
            if queued is None:
                report.already += 1
            else:
                report.sent += 1
    return report
