"""Funding opportunities staff publish, with who may apply and by when."""

from datetime import date
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import CheckConstraint, Date, Index, Integer, Numeric, String, Text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base
from api.entity import IdMixin, TimestampsMixin, VersionedMixin


class FundingKind(StrEnum):
    grant = "grant"
    loan = "loan"
    esf_plus = "esf_plus"
    private_donor = "private_donor"
    other = "other"


class FundingStatus(StrEnum):
    draft = "draft"
    published = "published"
    archived = "archived"


class FundingCall(IdMixin, TimestampsMixin, VersionedMixin, Base):
    """A call; an empty eligibility list means "any" (a call for every country, kind or sector)."""

    __tablename__ = "funding_calls"
    __table_args__ = (
        CheckConstraint(f"kind IN ({', '.join(repr(k.value) for k in FundingKind)})", name="known_kind"),
        CheckConstraint(f"status IN ({', '.join(repr(s.value) for s in FundingStatus)})", name="known_status"),
        CheckConstraint("amount_max IS NULL OR amount_min IS NULL OR amount_max >= amount_min", name="amounts_ordered"),
        CheckConstraint("max_employees IS NULL OR min_employees IS NULL OR max_employees >= min_employees",
                        name="sizes_ordered"),
        # Members' list: published calls by deadline.
        Index("ix_funding_calls_status_deadline", "status", "deadline"),
    )

    title: Mapped[str] = mapped_column(Text)
    funder: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    summary: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    opens_on: Mapped[date | None] = mapped_column(Date)
    deadline: Mapped[date | None] = mapped_column(Date)
    amount_min: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    amount_max: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    currency: Mapped[str | None] = mapped_column(String(3))
    countries: Mapped[list[str]] = mapped_column(ARRAY(String(2)), server_default="{}")
    kinds: Mapped[list[str]] = mapped_column(ARRAY(String(32)), server_default="{}")
    # NACE codes or their prefixes (division "88", class "88.10"): an organisation fits on any prefix.
    sectors: Mapped[list[str]] = mapped_column(ARRAY(String(8)), server_default="{}")
    impact_areas: Mapped[list[str]] = mapped_column(ARRAY(String(40)), server_default="{}")
    min_employees: Mapped[int | None] = mapped_column(Integer)
    max_employees: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), server_default=FundingStatus.draft.value)
