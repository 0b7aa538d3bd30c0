"""A buyer's saved need: matched again by the worker, the buyer told of enterprises new to its results."""

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, DateTime, Index, String, Text
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base
from api.entity import CreatedAtMixin, IdMixin


class SavedNeedStatus(StrEnum):
    pending = "pending"  # waiting for the e-mailed confirmation
    active = "active"
    unsubscribed = "unsubscribed"


class SavedNeed(IdMixin, CreatedAtMixin, Base):
    __tablename__ = "saved_needs"
    __table_args__ = (
        CheckConstraint(f"status IN ({', '.join(repr(s.value) for s in SavedNeedStatus)})", name="known_status"),
        Index("ix_saved_needs_status", "status"),
    )

    # Personal data: never shown by the API, used only to write to the buyer.
    email: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(2), server_default="en")
    label: Mapped[str | None] = mapped_column(Text)
    # The MatchNeed as validated (JSON), matched again as it was saved.
    need: Mapped[dict[str, Any]] = mapped_column(JSONB)
    status: Mapped[str] = mapped_column(String(16), server_default=SavedNeedStatus.pending.value)
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    unsubscribed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Enterprises the buyer already knows of (listed at confirmation or in an earlier notice).
    known_enterprise_ids: Mapped[list[int]] = mapped_column(ARRAY(BigInteger), server_default="{}")
    last_checked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
