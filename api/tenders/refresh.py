"""The worker's daily re-match of open lots: an enterprise that joins, adds an offering or becomes eligible for
reserved contracts after a tender was imported is found without waiting for the buyer's next release, and a
lot whose tender closed stops naming anyone."""

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.config import Settings
from api.tenders.models import Tender, TenderLot
from api.tenders.service import match_open_lots, open_clause


@dataclass
class RematchReport:
    tenders: int = 0
    lots_matched: int = 0

    def __str__(self) -> str:
        return f"tender matches: {self.tenders} tenders looked at, {self.lots_matched} open lots matched again"


async def rematch_open_lots(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, *,
                            now: datetime | None = None) -> RematchReport:
    """Rank every open lot again (each keeps when an enterprise first appeared); clear the closed ones."""
    now = now or datetime.now(UTC)
    async with sessionmaker() as session, session.begin():
        still_listing = select(TenderLot.tender_id).where(TenderLot.matches != [])
        ids = list((await session.scalars(select(Tender.id).where(or_(open_clause(now), Tender.id.in_(still_listing)))
                                          .order_by(Tender.id).with_for_update(skip_locked=True))).all())
        matched = await match_open_lots(session, ids, now=now)
    return RematchReport(tenders=len(ids), lots_matched=matched)
