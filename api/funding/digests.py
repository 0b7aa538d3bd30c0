"""The weekly funding e-mail: calls published or changed this week that a member organisation may apply for.

One message per organisation and ISO week (the outbox's dedupe key): reruns queue nothing more.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.config import Settings
from api.funding.service import eligible_calls
from api.members.digest_recipients import iso_week, member_recipients
from api.outbox import service as outbox

DIGEST_WINDOW = timedelta(days=7)


@dataclass
class FundingDigestReport:
    sent: int = 0
    empty: int = 0
    already: int = 0

    def __str__(self) -> str:
        return f"funding digests: sent {self.sent}, nothing new {self.empty}, already sent this week {self.already}"


async def send_funding_digests(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, *,
                               now: datetime | None = None) -> FundingDigestReport:
    now = now or datetime.now(UTC)
    week, report = iso_week(now), FundingDigestReport()
    async with sessionmaker() as session, session.begin():
        for recipient in await member_recipients(session):
            org = recipient.organisation
            calls = await eligible_calls(session, org, today=now.date(), changed_since=now - DIGEST_WINDOW)
            if not calls:
                report.empty += 1
                continue
            listed = [{"title": c.title, "funder": c.funder, "url": c.url,
                       "deadline": c.deadline.isoformat() if c.deadline else None} for c in calls]
            queued = await outbox.enqueue(
                session, to=str(org.email), template="funding_digest", language=recipient.language,
                context={"enterprise_name": org.name, "calls": listed, "members_url": settings.absolute_url("/member")},
                dedupe_key=f"funding-digest:{org.id}:{week}")
            if queued is None:
                report.already += 1
            else:
                report.sent += 1
    return report
