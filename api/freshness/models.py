"""Freshness reminders: one per organisation and period, so a rerun never reminds twice."""

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base
from api.entity import IdMixin, timestamp_now


class Reminder(IdMixin, Base):
    __tablename__ = "reminders"
    __table_args__ = (UniqueConstraint("organisation_id", "period"),)

    organisation_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("organisations.id", ondelete="CASCADE"))
    # The day the entry was last touched (updated or confirmed): one reminder per quiet spell.
    period: Mapped[str] = mapped_column(String(16))
    sent_at: Mapped[datetime] = timestamp_now()
