"""Webhooks: an integration token's subscriptions to events, and the deliveries queued for them."""

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base
from api.entity import CreatedAtMixin, IdMixin, TimestampsMixin, VersionedMixin, timestamp_now


class WebhookEvent(StrEnum):
    enterprise_published = "enterprise.published"
    enterprise_updated = "enterprise.updated"
    enterprise_archived = "enterprise.archived"
    inquiry_answered = "inquiry.answered"
    # Declared for the tender domain to come; nothing emits it yet.
    tender_lot_matched = "tender_lot.matched"


class DeliveryStatus(StrEnum):
    pending = "pending"
    delivered = "delivered"
    failed = "failed"


def _known(column: str, values: type[StrEnum]) -> str:
    return f"{column} <@ ARRAY[{', '.join(repr(v.value) for v in values)}]::varchar[]"


class WebhookSubscription(IdMixin, TimestampsMixin, VersionedMixin, Base):
    __tablename__ = "webhook_subscriptions"
    __table_args__ = (
        CheckConstraint(_known("events", WebhookEvent), name="known_events"),
        CheckConstraint("cardinality(events) > 0", name="some_events"),
        CheckConstraint("failure_count >= 0", name="failure_count_non_negative"),
        # Emitting an event looks up the active subscriptions to it.
        Index("ix_webhook_subscriptions_events", "events", postgresql_using="gin",
              postgresql_where=text("active")),
    )

    token_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("api_tokens.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(Text)
    events: Mapped[list[str]] = mapped_column(ARRAY(String(40)))
    # The signing key: it must be readable to sign each delivery, so it is stored as is (shown once at creation).
    secret: Mapped[str] = mapped_column(String(80))
    active: Mapped[bool] = mapped_column(Boolean, server_default="true")
    failure_count: Mapped[int] = mapped_column(Integer, server_default="0")
    disabled_reason: Mapped[str | None] = mapped_column(Text)
    last_status: Mapped[str | None] = mapped_column(Text)
    last_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class WebhookDelivery(IdMixin, CreatedAtMixin, Base):
    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        CheckConstraint(f"status IN ({', '.join(repr(s.value) for s in DeliveryStatus)})", name="known_status"),
        CheckConstraint("attempts >= 0", name="attempts_non_negative"),
        # The worker's claim: due pending deliveries in order; delivered ones are not in the index.
        Index("ix_webhook_deliveries_due", "next_attempt_at", "id", postgresql_where=text("status = 'pending'")),
        Index("ix_webhook_deliveries_subscription_id_id", "subscription_id", "id"),
    )

    subscription_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("webhook_subscriptions.id", ondelete="CASCADE"))
    event: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict[str, Any]] = mapped_column(JSONB)
    status: Mapped[str] = mapped_column(String(16), server_default=DeliveryStatus.pending.value)
    attempts: Mapped[int] = mapped_column(SmallInteger, server_default="0")
    next_attempt_at: Mapped[datetime] = timestamp_now()
    last_status_code: Mapped[int | None] = mapped_column(SmallInteger)
    last_error: Mapped[str | None] = mapped_column(Text)
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
