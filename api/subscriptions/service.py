"""Subscriptions: double opt-in, one digest per subscription and period, one-click unsubscribe (no HTTP)."""

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit import service as audit
from api.enterprises.filters import EnterpriseFilters, apply_filters
from api.enterprises.models import Organisation
from api.errors import InvalidInput
from api.geo.params import BBox, Point
from api.links import service as links
from api.links.models import LinkPurpose
from api.outbox import service as outbox
from api.subscriptions.models import Frequency, Subscription, SubscriptionStatus
from api.subscriptions.schemas import SubscriptionCreate

CONFIRM_VALID_FOR = timedelta(days=7)
UNSUBSCRIBE_VALID_FOR = timedelta(days=90)
DIGEST_MAX_ITEMS = 50


async def subscribe(session: AsyncSession, data: SubscriptionCreate, *, base_url: str,
                    now: datetime | None = None) -> Subscription:
    """Store a pending subscription and e-mail the confirmation link (double opt-in)."""
    now = now or datetime.now(UTC)
    if data.region and not await session.scalar(text("SELECT 1 FROM regions WHERE code = :c"), {"c": data.region}):
        raise InvalidInput(f"No region {data.region}; see GET /api/v1/regions.", pointer="/region")
    area: dict[str, Any] = ({"bbox": data.bbox} if data.bbox else {"region": data.region} if data.region
                            else {"point": [data.lon, data.lat], "radius_km": data.radius_km})
    filters = {"country": list(data.country), "kind": [k.value for k in data.kind], "impact": data.impact,
               "certification": data.certification}
    subscription = Subscription(email=str(data.email), area=area, filters={k: v for k, v in filters.items() if v},
                                frequency=data.frequency.value, language=data.language, created_at=now)
    session.add(subscription)
    await session.flush()
    token = await links.issue(session, LinkPurpose.subscription_confirm, subscription.id, now=now,
                              valid_for=CONFIRM_VALID_FOR)
    await outbox.enqueue(session, to=subscription.email, template="subscription_confirm", language=data.language,
                         context={"days": CONFIRM_VALID_FOR.days,
                                  "link": links.url(base_url, "/api/v1/subscriptions/confirm", token)},
                         dedupe_key=f"subscription:{subscription.id}:confirm")
    audit.record(session, actor=None, public=True, entity="subscription", entity_id=subscription.id, action="create",
                 changes={"area": {"before": None, "after": area},
                          "frequency": {"before": None, "after": data.frequency}})
    return subscription


async def _set_status(session: AsyncSession, purpose: LinkPurpose, token: str, status: SubscriptionStatus,
                      now: datetime) -> Subscription:
    subscription_id = await links.redeem(session, purpose, token, now=now)
    subscription = await session.get_one(Subscription, subscription_id, with_for_update=True)
    before = subscription.status
    subscription.status = status.value
    if status is SubscriptionStatus.active:
        subscription.confirmed_at = subscription.last_digest_at = now
    else:
        subscription.unsubscribed_at = now
    await session.flush()
    audit.record(session, actor=None, public=True, entity="subscription", entity_id=subscription.id,
                 action=status.value,
                 changes={"status": {"before": before, "after": status.value}})
    return subscription


async def confirm(session: AsyncSession, token: str, *, now: datetime | None = None) -> Subscription:
    return await _set_status(session, LinkPurpose.subscription_confirm, token, SubscriptionStatus.active,
                             now or datetime.now(UTC))


async def unsubscribe(session: AsyncSession, token: str, *, now: datetime | None = None) -> Subscription:
    return await _set_status(session, LinkPurpose.unsubscribe, token, SubscriptionStatus.unsubscribed,
                             now or datetime.now(UTC))


def period_of(frequency: str, now: datetime) -> str:
    if frequency == Frequency.daily.value:
        return now.date().isoformat()
    year, week, _ = now.isocalendar()
    return f"{year}-W{week:02d}"


def filters_of(subscription: Subscription) -> EnterpriseFilters:
    area, stored = subscription.area, subscription.filters
    filters = EnterpriseFilters(country=stored.get("country", []), kind=stored.get("kind", []),
                                impact=stored.get("impact", []), certification=stored.get("certification", []))
    if "bbox" in area:
        filters.bbox = BBox(*area["bbox"])
    elif "region" in area:
        filters.region = [area["region"]]
    else:
        filters.point, filters.radius_km = Point(*area["point"]), float(area["radius_km"])
    return filters


async def changes_for(session: AsyncSession, subscription: Subscription, *, since: datetime,
                      until: datetime) -> list[dict[str, Any]]:
    """Published enterprises in the area created or updated in (since, until], newest first."""
    org = Organisation
    query = apply_filters(select(org.id, org.slug, org.name, org.locality, org.created_at, org.updated_at),
                          filters_of(subscription), staff=False)
    query = query.where(org.updated_at > since, org.updated_at <= until).order_by(org.updated_at.desc(), org.id)
    rows = await session.execute(query.limit(DIGEST_MAX_ITEMS + 1))
    return [dict(r) | {"new": r.created_at > since} for r in rows.mappings()]
