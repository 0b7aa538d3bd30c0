"""`semap digests send`: one e-mail per active subscription and period, listing what changed in its area.

The (subscription, period) row is inserted first with ON CONFLICT DO NOTHING: a second run in the same
day (daily) or ISO week (weekly) finds it and sends nothing, even when two runs overlap.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.config import Settings
from api.links import service as links
from api.links.models import LinkPurpose
from api.outbox import service as outbox
from api.subscriptions.models import Subscription, SubscriptionStatus
from api.subscriptions.service import DIGEST_MAX_ITEMS, UNSUBSCRIBE_VALID_FOR, changes_for, period_of

TAKE_PERIOD_SQL = text("INSERT INTO digests (subscription_id, period, items, sent_at) VALUES (:id, :period, 0, :now) "
                       "ON CONFLICT (subscription_id, period) DO NOTHING RETURNING id")


@dataclass
class DigestReport:
    sent: int = 0
    empty: int = 0
    already: int = 0

    def __str__(self) -> str:
        return f"sent {self.sent}, nothing new {self.empty}, already done this period {self.already}"


async def _send_one(session: AsyncSession, subscription: Subscription, settings: Settings, now: datetime,
                    report: DigestReport) -> None:
    period = period_of(subscription.frequency, now)
    digest_id = await session.scalar(TAKE_PERIOD_SQL, {"id": subscription.id, "period": period, "now": now})
    if digest_id is None:
        report.already += 1
        return
    since = subscription.last_digest_at or subscription.confirmed_at or subscription.created_at
    items = await changes_for(session, subscription, since=since, until=now)
    subscription.last_digest_at = now
    if not items:
        report.empty += 1
        return
    token = await links.issue(session, LinkPurpose.unsubscribe, subscription.id, now=now,
                              valid_for=UNSUBSCRIBE_VALID_FOR)
    unsubscribe = links.url(settings.base_url, "/api/v1/subscriptions/unsubscribe", token)
    listed = [{"name": item["name"], "locality": item["locality"], "new": item["new"],
               "url": settings.absolute_url(f"/enterprises/{item['slug']}")} for item in items[:DIGEST_MAX_ITEMS]]
    context = {"items": listed, "more": len(items) > DIGEST_MAX_ITEMS, "map_url": settings.absolute_url("/"),
               "unsubscribe_url": unsubscribe, "frequency": subscription.frequency}
    # RFC 8058: mail clients show an unsubscribe button that POSTs to this URL, no page in between.
    headers = {"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    await outbox.enqueue(session, to=subscription.email, template="digest", language=subscription.language,
                         context=context, headers=headers, dedupe_key=f"digest:{subscription.id}:{period}")
    await session.execute(text("UPDATE digests SET items = :n WHERE id = :id"), {"n": len(items), "id": digest_id})
    report.sent += 1


async def send_digests(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, *,
                       now: datetime | None = None, batch: int = 500) -> DigestReport:
    """Every active subscription's digest for the current period, a batch of subscriptions per transaction."""
    now = now or datetime.now(UTC)
    report, after = DigestReport(), 0
    while True:
        async with sessionmaker() as session, session.begin():
            subscriptions = (await session.scalars(
                select(Subscription).where(Subscription.status == SubscriptionStatus.active.value,
                                           Subscription.id > after)
                .order_by(Subscription.id).limit(batch).with_for_update(skip_locked=True))).all()
            for subscription in subscriptions:
                await _send_one(session, subscription, settings, now, report)
        if len(subscriptions) < batch:
            return report
        after = subscriptions[-1].id
