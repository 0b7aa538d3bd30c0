"""Subscriptions of integration tokens, and events queued as deliveries in the writer's own transaction."""

from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Select, any_, insert, literal, select
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit import service as audit
from api.audit.models import AuditEntry
from api.auth.models import ApiToken
from api.config import Settings
from api.db import one_or_404
from api.enterprises.models import Organisation, OrganisationStatus
from api.entity import check_version
from api.errors import InvalidInput
from api.pagination import Page, PageParams, keyset_page
from api.webhooks.models import WebhookDelivery, WebhookEvent, WebhookSubscription
from api.webhooks.schemas import SubscriptionCreate, SubscriptionPatch
from api.webhooks.signing import new_secret

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


def check_url(url: str, settings: Settings) -> str:
    """HTTPS only; plain http to this machine when WEBHOOKS_ALLOW_LOOPBACK_HTTP is on (development, tests)."""
    parts = urlsplit(url)
    if parts.username or parts.password or not parts.hostname:
        raise InvalidInput("url must be an absolute https:// address without credentials.", pointer="/url")
    if parts.scheme == "https":
        return url
    if parts.scheme == "http" and settings.webhooks_allow_loopback_http and parts.hostname in LOOPBACK_HOSTS:
        return url
    raise InvalidInput("url must use https:// (deliveries carry the directory's data and a signature).",
                       pointer="/url")


def _audit_view(subscription: WebhookSubscription) -> dict[str, Any]:
    # Never the secret.
    return {"url": subscription.url, "events": list(subscription.events), "active": subscription.active}


async def create(session: AsyncSession, data: SubscriptionCreate, *, token: ApiToken,
                 settings: Settings) -> WebhookSubscription:
    subscription = WebhookSubscription(token_id=token.id, url=check_url(data.url, settings),
                                       events=list(dict.fromkeys(e.value for e in data.events)), secret=new_secret())
    session.add(subscription)
    await session.flush()
    await session.refresh(subscription)
    audit.record(session, actor=token, entity="webhook_subscription", entity_id=subscription.id, action="create",
                 changes=audit.diff({}, _audit_view(subscription)))
    return subscription


def _own(token: ApiToken) -> Select[WebhookSubscription]:
    return select(WebhookSubscription).where(WebhookSubscription.token_id == token.id)


async def list_own(session: AsyncSession, token: ApiToken) -> list[WebhookSubscription]:
    return list((await session.scalars(_own(token).order_by(WebhookSubscription.id))).all())


async def get_own(session: AsyncSession, token: ApiToken, subscription_id: int, *,
                  for_update: bool = False) -> WebhookSubscription:
    """The token's own subscription; another token's answers 404, as if it did not exist."""
    return await one_or_404(session, _own(token).where(WebhookSubscription.id == subscription_id),
                            f"No webhook subscription {subscription_id}.", for_update=for_update)


async def update(session: AsyncSession, token: ApiToken, subscription_id: int, patch: SubscriptionPatch, *,
                 expected_etag: str, settings: Settings) -> WebhookSubscription:
    subscription = await get_own(session, token, subscription_id, for_update=True)
    check_version(subscription, expected_etag)
    before = _audit_view(subscription)
    if patch.url is not None:
        subscription.url = check_url(patch.url, settings)
    if patch.events is not None:
        subscription.events = list(dict.fromkeys(e.value for e in patch.events))
    if patch.active is not None:
        subscription.active = patch.active
        if patch.active:  # re-enabled: a fresh count of failures
            subscription.failure_count, subscription.disabled_reason = 0, None
    await session.flush()
    await session.refresh(subscription)
    audit.record(session, actor=token, entity="webhook_subscription", entity_id=subscription.id, action="update",
                 changes=audit.diff(before, _audit_view(subscription)))
    return subscription


async def delete(session: AsyncSession, token: ApiToken, subscription_id: int) -> None:
    subscription = await get_own(session, token, subscription_id, for_update=True)
    audit.record(session, actor=token, entity="webhook_subscription", entity_id=subscription.id, action="delete",
                 changes=audit.diff(_audit_view(subscription), {}))
    await session.delete(subscription)
    await session.flush()


async def deliveries(session: AsyncSession, token: ApiToken, subscription_id: int,
                     page: PageParams) -> Page[WebhookDelivery]:
    """The subscription's deliveries, newest first."""
    await get_own(session, token, subscription_id)
    query = select(WebhookDelivery).where(WebhookDelivery.subscription_id == subscription_id)
    return await keyset_page(session, query, page, key=WebhookDelivery.id, descending=True)


async def emit(session: AsyncSession, event: WebhookEvent, data: dict[str, Any], *,
               token_id: int | None = None) -> None:
    """Queue a delivery of `event` for every active subscription to it (only `token_id`'s when given), in
    the caller's transaction: it is delivered if and only if the change commits. One INSERT … SELECT."""
    payload = {"event": event.value, "occurred_at": datetime.now(UTC).isoformat(), "data": data}
    chosen = select(WebhookSubscription.id, literal(event.value), literal(payload, JSONB)).where(
        WebhookSubscription.active, literal(event.value) == any_(WebhookSubscription.events))
    if token_id is not None:
        chosen = chosen.where(WebhookSubscription.token_id == token_id)
    await session.execute(insert(WebhookDelivery).from_select(
        ["subscription_id", "event", "payload"], chosen))


def _enterprise(org: Organisation) -> dict[str, Any]:
    # Public fields only: any integration may subscribe.
    return {"id": org.id, "slug": org.slug, "name": org.name, "kind": org.kind, "status": org.status,
            "country": org.country, "region_code": org.region_code, "locality": org.locality,
            "verified": org.verified, "updated_at": org.updated_at.isoformat() if org.updated_at else None,
            "links": {"self": f"/api/v1/enterprises/{org.slug}", "page": f"/e/{org.slug}"}}


def enterprise_event(before_status: str | None, after_status: str) -> WebhookEvent | None:
    """What subscribers hear of a change: only published entries exist for them."""
    published = OrganisationStatus.published.value
    if after_status == published:
        return WebhookEvent.enterprise_updated if before_status == published else WebhookEvent.enterprise_published
    if before_status == published:
        return WebhookEvent.enterprise_archived
    return None


async def enterprise_changed(session: AsyncSession, org: Organisation, before_status: str | None) -> None:
    """Called by every write of an organisation with its status before the write (None: created)."""
    event = enterprise_event(before_status, org.status)
    if event is not None:
        await session.refresh(org)  # the database sets updated_at and region_code on the write just flushed
        await emit(session, event, _enterprise(org))


async def inquiry_changed(session: AsyncSession, inquiry: Any, org: Organisation, before_status: str) -> None:
    """An inquiry marked replied is `inquiry.answered`, told only to the token that sent it."""
    if before_status != "open" or inquiry.status != "replied":
        return
    sender = await session.scalar(select(AuditEntry.actor_token_id).where(
        AuditEntry.entity == "inquiry", AuditEntry.entity_id == str(inquiry.id), AuditEntry.action == "create"))
    if sender is None:
        return
    await emit(session, WebhookEvent.inquiry_answered, {
        "inquiry_id": inquiry.id, "status": inquiry.status, "match_id": str(inquiry.match_id) if inquiry.match_id
        else None, "enterprise": {"id": org.id, "slug": org.slug, "name": org.name}}, token_id=sender)


