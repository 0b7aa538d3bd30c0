"""Inquiries: a buyer contacting an enterprise, delivered to it by e-mail through the outbox."""

import uuid
from datetime import date
from enum import StrEnum

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base
from api.entity import IdMixin, TimestampsMixin, VersionedMixin


class InquiryStatus(StrEnum):
    open = "open"
    replied = "replied"
    won = "won"
    lost = "lost"


class Inquiry(IdMixin, TimestampsMixin, VersionedMixin, Base):
    __tablename__ = "inquiries"
    __table_args__ = (
        CheckConstraint(f"status IN ({', '.join(repr(s.value) for s in InquiryStatus)})", name="known_status"),
        CheckConstraint("quantity > 0", name="quantity_positive"),
        # The enterprise's own list, newest first, and the per-month statistics.
        Index("ix_inquiries_organisation_id_created_at", "organisation_id", "created_at"),
    )

    organisation_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("organisations.id", ondelete="CASCADE"))
    match_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("matches.id", ondelete="SET NULL"), index=True
    )
    # Personal data of the buyer: shown to the enterprise's members and admins only.
    buyer_name: Mapped[str] = mapped_column(Text)
    buyer_organisation: Mapped[str | None] = mapped_column(Text)
    buyer_email: Mapped[str] = mapped_column(Text)
    message: Mapped[str] = mapped_column(Text)
    quantity: Mapped[int | None] = mapped_column(Integer)
    wanted_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), server_default=InquiryStatus.open.value)
    emailed: Mapped[bool] = mapped_column(server_default="false")
