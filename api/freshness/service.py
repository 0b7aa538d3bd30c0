"""Freshness: remind entries untouched for 12 months, flag them stale after 18 (no HTTP here).

An entry is touched when it is updated or its owner confirms it unchanged. The reminder's period is the
day of that last touch: one reminder per quiet spell, whatever how often `semap reminders send` runs
(the reminders table's (organisation, period) key, inserted with ON CONFLICT DO NOTHING).
Time is a parameter (`now`) so that tests, and a catch-up run, can say what day it is.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit import service as audit
from api.claims.service import grant_member_access
from api.enterprises import service as enterprises
from api.enterprises.models import Organisation, OrganisationStatus
from api.freshness.models import Reminder
from api.links import service as links
from api.links.models import LinkPurpose
from api.mail.language import of_organisation
from api.outbox import service as outbox
from api.pagination import Page, PageParams, keyset_page
from api.writes.changes import record_change

REMIND_AFTER = timedelta(days=365)
STALE_AFTER = timedelta(days=548)  # 18 months
LINK_VALID_FOR = timedelta(days=60)
LAST_TOUCH = "greatest(o.updated_at, coalesce(o.last_confirmed_at, o.updated_at))"

DUE_SQL = text(f"""
SELECT o.id, o.name, o.email, o.languages, o.country, to_char({LAST_TOUCH} AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS period
  FROM organisations o
 WHERE o.status = 'published' AND o.email IS NOT NULL AND {LAST_TOUCH} < :cutoff
   AND NOT EXISTS (SELECT 1 FROM reminders r WHERE r.organisation_id = o.id
                   AND r.period = to_char({LAST_TOUCH} AT TIME ZONE 'UTC', 'YYYY-MM-DD'))
 ORDER BY o.id LIMIT :limit
""")  # noqa: S608 - LAST_TOUCH is a fixed expression
CLAIM_PERIOD_SQL = text("INSERT INTO reminders (organisation_id, period, sent_at) VALUES (:id, :period, :now) "
                        "ON CONFLICT (organisation_id, period) DO NOTHING RETURNING id")
FLAG_STALE_SQL = text(f"""
UPDATE organisations o SET stale_since = :now
 WHERE o.status = 'published' AND o.stale_since IS NULL AND {LAST_TOUCH} < :cutoff
""")  # noqa: S608 - fixed expression; a bulk flag, not a profile change, so no version bump


@dataclass
class ReminderReport:
    reminded: int = 0
    flagged_stale: int = 0

    def __str__(self) -> str:
        return f"reminded {self.reminded}, newly stale {self.flagged_stale}"


async def send_reminders(session: AsyncSession, *, now: datetime, base_url: str, batch: int = 10_000) -> ReminderReport:
    """Queue a reminder for each due entry (once per period) and flag the long-silent ones stale."""
    report = ReminderReport()
    due = (await session.execute(DUE_SQL, {"cutoff": now - REMIND_AFTER, "limit": batch})).mappings().all()
    for row in due:
        if await session.scalar(CLAIM_PERIOD_SQL, {"id": row["id"], "period": row["period"], "now": now}) is None:
            continue  # another run took this period meanwhile
        token = await links.issue(session, LinkPurpose.freshness, row["id"], now=now, valid_for=LINK_VALID_FOR)
        await outbox.enqueue(session, to=row["email"], template="freshness_reminder",
                             language=of_organisation(row["languages"], row["country"]),
                             context={"enterprise_name": row["name"], "days": LINK_VALID_FOR.days,
                                      "link": links.url(base_url, "/freshness/confirm", token)},
                             dedupe_key=f"reminder:{row['id']}:{row['period']}")
        report.reminded += 1
    result = await session.execute(FLAG_STALE_SQL, {"now": now, "cutoff": now - STALE_AFTER})
    report.flagged_stale = int(result.rowcount)  # type: ignore[attr-defined]
    audit.record(session, actor=None, entity="reminders", entity_id=now.date().isoformat(), action="send",
                 changes={"reminded": report.reminded, "flagged_stale": report.flagged_stale})
    return report


@dataclass(frozen=True)
class Confirmed:
    """An entry confirmed current; with an update answer, the member token issued (plaintext shown once)."""

    organisation_id: int
    slug: str
    confirmed_at: datetime
    token: str | None = None
    token_id: int | None = None


async def answer(session: AsyncSession, token: str, *, update: bool, now: datetime | None = None) -> Confirmed:
    """Redeem a reminder's link: confirm the entry as it is, or (update) get a member token to change it."""
    now = now or datetime.now(UTC)
    org_id = await links.redeem(session, LinkPurpose.freshness, token, now=now)
    org = await enterprises.get_organisation(session, str(org_id), staff=True, for_update=True)
    before = enterprises.snapshot(org)
    org.last_confirmed_at, org.stale_since = now, None
    await session.flush()
    await session.refresh(org)
    record_change(session, actor=None, entity="organisation", entity_id=org.id, action="confirm", before=before,
                  after=enterprises.snapshot(org), organisation_id=org.id)
    if not update:
        return Confirmed(organisation_id=org.id, slug=org.slug, confirmed_at=now)
    member, plaintext = await grant_member_access(session, org, name=f"reminder answer: {org.name}",
                                                  actor=None, now=now, action="claim")
    return Confirmed(organisation_id=org.id, slug=org.slug, confirmed_at=now, token=plaintext, token_id=member.id)


async def list_stale(session: AsyncSession, page: PageParams) -> Page[Any]:
    """Published entries flagged stale, in id order, each with when it was last reminded."""
    org = Organisation
    last_reminded = (select(func.max(Reminder.sent_at)).where(Reminder.organisation_id == org.id)
                     .correlate(org).scalar_subquery())
    query = (select(org.id, org.slug, org.name, org.country, org.region_code, org.updated_at,
                    org.last_confirmed_at, org.stale_since, last_reminded.label("last_reminded_at"))
             .where(org.stale_since.is_not(None), org.status == OrganisationStatus.published.value))
    return await keyset_page(session, query, page, key=org.id, rows="mappings")
