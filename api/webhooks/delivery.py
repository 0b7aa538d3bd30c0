"""Delivering queued webhooks: a job for the worker (and `semap webhooks deliver`).

Each delivery is claimed in a short transaction (FOR UPDATE SKIP LOCKED, so several workers share the
queue) and leased by moving its next attempt past the HTTP timeout; the POST happens outside any
transaction; the outcome is written in another. A worker that dies mid-send leaves the delivery to be
retried when the lease ends, so a receiver may see a delivery twice: `Semap-Delivery` identifies it.
"""

import json
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.config import Settings
from api.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookSubscription
from api.webhooks.signing import DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, sign

MAX_ERROR_LENGTH = 2000
USER_AGENT = "semap-webhooks/1"


@dataclass
class DeliveryRun:
    delivered: int = 0
    retrying: int = 0
    failed: int = 0
    disabled_subscriptions: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class _Claimed:
    delivery_id: int
    subscription_id: int
    url: str
    secret: str
    event: str
    body: bytes


def backoff(attempts: int, *, base_seconds: int) -> timedelta:
    """Delay after `attempts` failures: base, 2×base, 4×base …, at most a day."""
    return timedelta(seconds=min(base_seconds * 2 ** max(attempts - 1, 0), 86_400))


async def _claim(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings,
                 now: datetime) -> _Claimed | None:
    async with sessionmaker() as session:
        row = (await session.execute(
            select(WebhookDelivery, WebhookSubscription)
            .join(WebhookSubscription, WebhookSubscription.id == WebhookDelivery.subscription_id)
            .where(WebhookDelivery.status == DeliveryStatus.pending.value, WebhookDelivery.next_attempt_at <= now,
                   WebhookSubscription.active)
            .order_by(WebhookDelivery.next_attempt_at, WebhookDelivery.id).limit(1)
            .with_for_update(of=WebhookDelivery, skip_locked=True))).first()
        if row is None:
            return None
        delivery, subscription = row
        delivery.next_attempt_at = now + timedelta(seconds=settings.webhook_timeout_seconds + 60)
        body = json.dumps({"id": delivery.id, **delivery.payload}, ensure_ascii=False,
                          separators=(",", ":")).encode()
        claimed = _Claimed(delivery.id, subscription.id, subscription.url, subscription.secret, delivery.event, body)
        await session.commit()
        return claimed


async def _post(client: httpx.AsyncClient, claimed: _Claimed) -> tuple[int | None, str | None]:
    """(status code, error) of one attempt; error is None on a 2xx."""
    headers = {"Content-Type": "application/json", "User-Agent": USER_AGENT, EVENT_HEADER: claimed.event,
               DELIVERY_HEADER: str(claimed.delivery_id),
               SIGNATURE_HEADER: sign(claimed.secret, int(time.time()), claimed.body)}
    try:
        response = await client.post(claimed.url, content=claimed.body, headers=headers)
    except httpx.HTTPError as exc:
        return None, f"{type(exc).__name__}: {exc}"[:MAX_ERROR_LENGTH]
    if response.is_success:
        return response.status_code, None
    return response.status_code, f"HTTP {response.status_code}: {response.text[:500]}"


async def _record(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, now: datetime,
                  claimed: _Claimed, code: int | None, error: str | None, run: DeliveryRun) -> None:
    async with sessionmaker() as session:
        delivery = await session.get(WebhookDelivery, claimed.delivery_id, with_for_update=True)
        subscription = await session.get(WebhookSubscription, claimed.subscription_id, with_for_update=True)
        if delivery is None or subscription is None:  # the subscription was deleted meanwhile
            return
        delivery.attempts += 1
        delivery.last_status_code, delivery.last_error = code, error
        subscription.last_attempt_at, subscription.last_status = now, str(code) if code else (error or "")[:200]
        if error is None:
            delivery.status, delivery.delivered_at = DeliveryStatus.delivered.value, now
            subscription.failure_count = 0
            run.delivered += 1
        else:
            if delivery.attempts >= settings.webhook_max_attempts:
                delivery.status = DeliveryStatus.failed.value
                run.failed += 1
            else:
                delay = backoff(delivery.attempts, base_seconds=settings.webhook_backoff_seconds)
                delivery.next_attempt_at = now + delay
                run.retrying += 1
            subscription.failure_count += 1
            if subscription.active and subscription.failure_count >= settings.webhook_disable_after_failures:
                # Its pending deliveries wait: re-enabling the subscription (PATCH active) resumes them.
                subscription.active = False
                subscription.disabled_reason = (f"disabled after {subscription.failure_count} failed attempts in a "
                                                f"row; the last: {error[:300]}")
                run.disabled_subscriptions.append(subscription.id)
        await session.commit()


async def deliver_webhooks(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, now: datetime, *,
                           limit: int = 500) -> DeliveryRun:
    """Send the deliveries due at `now` (at most `limit`), retrying failures with exponential backoff."""
    run = DeliveryRun()
    async with httpx.AsyncClient(timeout=settings.webhook_timeout_seconds, follow_redirects=False) as client:
        for _ in range(limit):
            claimed = await _claim(sessionmaker, settings, now)
            if claimed is None:
                break
            code, error = await _post(client, claimed)
            await _record(sessionmaker, settings, now, claimed, code, error, run)
    return run
