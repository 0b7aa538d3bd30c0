"""Freshness reminders: one per organisation and period, so a rerun never reminds twice."""

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, String, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base
from api.entity import IdMixin


class Reminder(IdMixin, Base):
    __tablename__ = "reminders"
    __table_args__ = (UniqueConstraint("organisation_id", "period"),)

    organisation_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("organisations.id", ondelete="CASCADE"))
    # The day the entry was last touched (updated or confirmed): one reminder per quiet spell.
    period: Mapped[str] = mapped_column(String(16))
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
