"""Saved needs: double opt-in, a daily re-match, a notice listing enterprises new to the results (no HTTP).

"New" covers both a newly published enterprise and one that newly qualifies (a new offering, a certification,
reserved-contract eligibility…): the match is simply run again and compared with what the buyer was told.
"""

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.audit import service as audit
from api.config import Settings
from api.errors import ProblemError
from api.links import service as links
from api.links.models import LinkPurpose
from api.matching import service as matching
from api.matching.schemas import MatchNeed, MatchResult
from api.outbox import service as outbox
from api.saved_needs.models import SavedNeed, SavedNeedStatus
from api.saved_needs.schemas import SavedNeedCreate

CONFIRM_VALID_FOR = timedelta(days=7)
STOP_VALID_FOR = timedelta(days=90)
NOTICE_MAX_ITEMS = 20


async def current_matches(session: AsyncSession, need: MatchNeed, now: datetime) -> list[MatchResult]:
    """The buyer-match's ranked results for the need today (its own scoring, not stored)."""
    location = await matching.resolve_location(session, need)
    query = matching.build_query(need, location, matching.normalised_weights(need), now.date())
    results, _ = await matching.rank(session, query)
    return results


async def save(session: AsyncSession, data: SavedNeedCreate, *, base_url: str,
               now: datetime | None = None) -> SavedNeed:
    """Store a pending saved need and e-mail its confirmation link; an unmatchable need is a 422 now."""
    now = now or datetime.now(UTC)
    await current_matches(session, data.need, now)
    saved = SavedNeed(email=str(data.email), language=data.language, label=data.label, created_at=now,
                      need=data.need.model_dump(mode="json", exclude_none=True, exclude_defaults=True))
    session.add(saved)
    await session.flush()
    token = await links.issue(session, LinkPurpose.saved_need_confirm, saved.id, now=now,
                              valid_for=CONFIRM_VALID_FOR)
    await outbox.enqueue(session, to=saved.email, template="saved_need_confirm", language=data.language,
                         context={"days": CONFIRM_VALID_FOR.days, "label": data.label,
                                  # The SPA's page: it confirms when the buyer presses its button.
                                  "link": links.url(base_url, "/saved-needs/confirm", token)},
                         dedupe_key=f"saved-need:{saved.id}:confirm")
    audit.record(session, actor=None, public=True, entity="saved_need", entity_id=saved.id, action="create",
                 changes={"label": {"before": None, "after": data.label}})
    return saved


async def confirm(session: AsyncSession, token: str, *, now: datetime | None = None) -> SavedNeed:
    """Activate the need; the enterprises matching it now are the ones the buyer has seen."""
    now = now or datetime.now(UTC)
    saved = await session.get_one(SavedNeed, await links.redeem(session, LinkPurpose.saved_need_confirm, token,
                                                                 now=now), with_for_update=True)
    results = await current_matches(session, MatchNeed.model_validate(saved.need), now)
    saved.status, saved.confirmed_at, saved.last_checked_at = SavedNeedStatus.active.value, now, now
    saved.known_enterprise_ids = [r.enterprise.id for r in results]
    audit.record(session, actor=None, public=True, entity="saved_need", entity_id=saved.id, action="confirm",
                 changes={"status": {"before": "pending", "after": "active"}})
    await session.flush()
    return saved


async def stop(session: AsyncSession, token: str, *, now: datetime | None = None) -> SavedNeed:
    now = now or datetime.now(UTC)
    saved = await session.get_one(SavedNeed, await links.redeem(session, LinkPurpose.saved_need_stop, token,
                                                                 now=now), with_for_update=True)
    before = saved.status
    saved.status, saved.unsubscribed_at = SavedNeedStatus.unsubscribed.value, now
    audit.record(session, actor=None, public=True, entity="saved_need", entity_id=saved.id, action="unsubscribe",
                 changes={"status": {"before": before, "after": saved.status}})
    await session.flush()
    return saved


@dataclass
class NoticeReport:
    notified: int = 0
    unchanged: int = 0
    failed: int = 0

    def __str__(self) -> str:
        return f"saved needs: {self.notified} notified, {self.unchanged} nothing new, {self.failed} not matchable"


async def _notify_one(session: AsyncSession, saved: SavedNeed, settings: Settings, now: datetime,
                      report: NoticeReport) -> None:
    saved.last_checked_at = now
    try:
        results = await current_matches(session, MatchNeed.model_validate(saved.need), now)
    except (ProblemError, ValidationError):  # a need that no longer resolves (its deadline passed…) is skipped
        report.failed += 1
        return
    known = set(saved.known_enterprise_ids)
    new = [r.enterprise for r in results if r.enterprise.id not in known]
    if not new:
        report.unchanged += 1
        return
    token = await links.issue(session, LinkPurpose.saved_need_stop, saved.id, now=now, valid_for=STOP_VALID_FOR)
    # Mail clients' one-click stop POSTs to the API; the body's link opens a page with a button, so a
    # mail scanner that follows links does not stop the notices.
    stop_url = links.url(settings.base_url, "/api/v1/saved-needs/stop", token)
    stop_page = links.url(settings.base_url, "/saved-needs/stop", token)
    items = [{"name": e.name, "locality": e.locality, "url": settings.absolute_url(f"/enterprises/{e.slug}")}
             for e in new[:NOTICE_MAX_ITEMS]]
    new_ids = sorted(e.id for e in new)
    digest = hashlib.sha256(",".join(map(str, new_ids)).encode()).hexdigest()[:32]
    await outbox.enqueue(session, to=saved.email, template="saved_need_news", language=saved.language,
                         context={"label": saved.label or "", "items": items, "stop_url": stop_page},
                         headers={"List-Unsubscribe": f"<{stop_url}>",
                                  "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
                         dedupe_key=f"saved-need:{saved.id}:news:{digest}")
    saved.known_enterprise_ids = sorted(known | set(new_ids))
    report.notified += 1


async def notify_saved_needs(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, *,
                             now: datetime | None = None, batch: int = 100) -> NoticeReport:
    """Match every active saved need again; tell its buyer of enterprises not listed to them before."""
    now = now or datetime.now(UTC)
    report, after = NoticeReport(), 0
    while True:
        async with sessionmaker() as session, session.begin():
            needs = (await session.scalars(
                select(SavedNeed).where(SavedNeed.status == SavedNeedStatus.active.value, SavedNeed.id > after)
                .order_by(SavedNeed.id).limit(batch).with_for_update(skip_locked=True))).all()
            for saved in needs:
                await _notify_one(session, saved, settings, now, report)
        if len(needs) < batch:
            return report
        after = needs[-1].id
