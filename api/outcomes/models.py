"""What came of an inquiry, as the enterprise records it: quoted, won (with the contract's value), declined."""

from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import BigInteger, CheckConstraint, DateTime, ForeignKey, Numeric, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base
from api.entity import VersionedMixin

CURRENCIES = ("EUR", "RON", "MDL", "UAH")


class Outcome(StrEnum):
    quoted = "quoted"
    won = "won"
    declined = "declined"


class InquiryOutcome(VersionedMixin, Base):
    """One row per inquiry that has an outcome; the value is the social spend the platform brought."""

    __tablename__ = "inquiry_outcomes"
    __table_args__ = (
        CheckConstraint(f"outcome IN ({', '.join(repr(o.value) for o in Outcome)})", name="known_outcome"),
        CheckConstraint(f"currency IS NULL OR currency IN ({', '.join(repr(c) for c in CURRENCIES)})",
                        name="known_currency"),
        # A won contract has a value; the other outcomes have none, so no sum counts a quote as spend.
        CheckConstraint("(outcome = 'won') = (value IS NOT NULL AND currency IS NOT NULL)", name="value_when_won"),
        CheckConstraint("value IS NULL OR value > 0", name="value_positive"),
    )

    inquiry_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("inquiries.id", ondelete="CASCADE"),
                                            primary_key=True)
    outcome: Mapped[str] = mapped_column(String(16))
    value: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    currency: Mapped[str | None] = mapped_column(String(3))
    note: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    @property
    def id(self) -> int:
        """The ETag's key (`etag_of`): an outcome is one per inquiry."""
        return self.inquiry_id
