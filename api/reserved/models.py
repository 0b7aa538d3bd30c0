"""Evidence that an organisation qualifies for reserved contracts under a legal basis (api/reserved/rules.py)."""

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import BigInteger, CheckConstraint, Date, DateTime, ForeignKey, Index, Numeric, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base
from api.entity import IdMixin, TimestampsMixin, VersionedMixin
from api.reserved.rules import BASES


class EvidenceStatus(StrEnum):
    proposed = "proposed"
    verified = "verified"
    rejected = "rejected"


def _in(values: object) -> str:
    return ", ".join(f"'{v}'" for v in values)  # type: ignore[attr-defined]


class ReservedEligibility(IdMixin, TimestampsMixin, VersionedMixin, Base):
    """A member's claim (proposed), checked by an admin (verified or rejected); it lapses on `expires_on`.

    Only verified, unexpired evidence counts, and the expiry is compared with the date at query time, so
    nothing has to run for an eligibility to end.
    """

    __tablename__ = "reserved_eligibilities"
    __table_args__ = (
        CheckConstraint(f"status IN ({_in(EvidenceStatus)})", name="known_status"),
        CheckConstraint(f"legal_basis IN ({_in(BASES)})", name="known_legal_basis"),
        CheckConstraint("share_disadvantaged_pct >= 0 AND share_disadvantaged_pct <= 100", name="share_is_percent"),
        CheckConstraint("issued_on IS NULL OR expires_on > issued_on", name="expires_after_issue"),
        CheckConstraint("status <> 'verified' OR verified_at IS NOT NULL", name="verified_has_time"),
        # The match's EXISTS looks up an organisation's verified evidence by basis.
        Index("ix_reserved_eligibilities_verified", "organisation_id", "legal_basis", "expires_on",
              postgresql_where=text("status = 'verified'")),
    )

    organisation_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    legal_basis: Mapped[str] = mapped_column(String(40))
    share_disadvantaged_pct: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    attestation_number: Mapped[str] = mapped_column(String(80))
    issuer: Mapped[str] = mapped_column(Text)
    issued_on: Mapped[date | None] = mapped_column(Date)
    expires_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), server_default=EvidenceStatus.proposed.value)
    decision_note: Mapped[str | None] = mapped_column(Text)
    verified_by: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("api_tokens.id", ondelete="SET NULL"))
    verified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # When the worker last told the organisation that this evidence is about to expire.
    reminded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
