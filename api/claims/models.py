"""Claims: an organisation asking to manage its entry, verified by e-mail or by an admin."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import BigInteger, CheckConstraint, DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base
from api.entity import CreatedAtMixin, IdMixin


class ClaimRoute(StrEnum):
    email = "email"  # a one-time link went to the entry's public e-mail
    review = "review"  # no e-mail on file: an admin verifies by other means


class ClaimStatus(StrEnum):
    pending = "pending"
    confirmed = "confirmed"
    rejected = "rejected"


class Claim(IdMixin, CreatedAtMixin, Base):
    __tablename__ = "claims"
    __table_args__ = (
        CheckConstraint(f"route IN ({', '.join(repr(r.value) for r in ClaimRoute)})", name="known_route"),
        CheckConstraint(f"status IN ({', '.join(repr(s.value) for s in ClaimStatus)})", name="known_status"),
        Index("ix_claims_status_id", "status", "id"),
    )

    organisation_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    # Personal data: admins only.
    claimant_name: Mapped[str] = mapped_column(Text)
    claimant_email: Mapped[str] = mapped_column(Text)
    message: Mapped[str | None] = mapped_column(Text)
    route: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), server_default=ClaimStatus.pending.value)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decided_by_token_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("api_tokens.id", ondelete="SET NULL")
    )
    decision_reason: Mapped[str | None] = mapped_column(Text)
    # The member token the confirmation issued (its secret was shown once, never stored).
    member_token_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("api_tokens.id", ondelete="SET NULL")
    )
