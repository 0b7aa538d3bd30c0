"""Subscriptions to new or updated enterprises in an area, and the digests sent for them."""

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base
from api.entity import CreatedAtMixin, IdMixin, timestamp_now


class Frequency(StrEnum):
    daily = "daily"
    weekly = "weekly"


class SubscriptionStatus(StrEnum):
    pending = "pending"  # waiting for the double opt-in
    active = "active"
    unsubscribed = "unsubscribed"


class Subscription(IdMixin, CreatedAtMixin, Base):
    __tablename__ = "subscriptions"
    __table_args__ = (
        CheckConstraint(f"frequency IN ({', '.join(repr(f.value) for f in Frequency)})", name="known_frequency"),
        CheckConstraint(f"status IN ({', '.join(repr(s.value) for s in SubscriptionStatus)})",
                        name="known_status"),
        Index("ix_subscriptions_status_frequency", "status", "frequency"),
    )

    # Personal data: never shown by the API, used only to send the digest.
    email: Mapped[str] = mapped_column(Text)
    # {"bbox": [minLon, minLat, maxLon, maxLat]} | {"region": "RO-CJ"} | {"point": [lon, lat], "radius_km": 25}
    area: Mapped[dict[str, Any]] = mapped_column(JSONB)
    # The list's filters: {"country": [...], "kind": [...], "impact": [...], "certification": [...]}.
    filters: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default="{}")
    frequency: Mapped[str] = mapped_column(String(8))
    language: Mapped[str] = mapped_column(String(2), server_default="en")
    status: Mapped[str] = mapped_column(String(16), server_default=SubscriptionStatus.pending.value)
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    unsubscribed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Changes after this moment go into the next digest.
    last_digest_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Digest(IdMixin, Base):
    __tablename__ = "digests"
    __table_args__ = (UniqueConstraint("subscription_id", "period"),)

    subscription_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("subscriptions.id", ondelete="CASCADE"))
    # 2026-11-25 (daily) or 2026-W48 (weekly).
    period: Mapped[str] = mapped_column(String(16))
    items: Mapped[int] = mapped_column(Integer)
    sent_at: Mapped[datetime] = timestamp_now()
