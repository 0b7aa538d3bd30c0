"""Yearly impact reports of an organisation, entered by its members and verified by staff."""

from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Integer,
    Numeric,
    SmallInteger,
    String,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base
from api.entity import IdMixin, TimestampsMixin, VersionedMixin


class ReportStatus(StrEnum):
    submitted = "submitted"
    verified = "verified"


class ImpactReport(IdMixin, TimestampsMixin, VersionedMixin, Base):
    __tablename__ = "impact_reports"
    __table_args__ = (
        UniqueConstraint("organisation_id", "year"),
        CheckConstraint(f"status IN ({', '.join(repr(s.value) for s in ReportStatus)})", name="known_status"),
        CheckConstraint("year BETWEEN 2000 AND 2100", name="plausible_year"),
        CheckConstraint("employees_vulnerable IS NULL OR employees_total IS NULL "
                        "OR employees_vulnerable <= employees_total", name="vulnerable_within_total"),
    )

    organisation_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("organisations.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(SmallInteger)
    employees_total: Mapped[int | None] = mapped_column(Integer)
    employees_vulnerable: Mapped[int | None] = mapped_column(Integer)
    # {beneficiary group code: employees}, the groups of the "beneficiaries" code list.
    vulnerable_by_group: Mapped[dict[str, int]] = mapped_column(JSONB, server_default="{}")
    beneficiaries: Mapped[int | None] = mapped_column(Integer)
    # Null where turnover means nothing (a town hall, a school).
    turnover_eur: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    public_contracts_won: Mapped[int | None] = mapped_column(Integer)
    public_contracts_eur: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    # Optional environmental figures: {waste_diverted_t, co2_avoided_t, ...}.
    environment: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default="{}")
    status: Mapped[str] = mapped_column(String(16), server_default=ReportStatus.submitted.value)
    submitted_by_token_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("api_tokens.id", ondelete="SET NULL"), index=True)
    verified_by_token_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("api_tokens.id", ondelete="SET NULL"), index=True)
    verified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
