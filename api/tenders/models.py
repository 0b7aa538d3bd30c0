"""Public tenders imported from OCDS packages, their lots, and each open lot's best-matching enterprises."""

from datetime import datetime
from decimal import Decimal
from typing import Any

from geoalchemy2 import Geometry, WKBElement
from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base
from api.entity import IdMixin, TimestampsMixin


class Tender(IdMixin, TimestampsMixin, Base):
    """One contracting process (its OCDS `ocid`), as its latest imported release describes it."""

    __tablename__ = "tenders"
    __table_args__ = (
        # The radar's default order (soonest deadline first) and its "open" filter.
        Index("ix_tenders_deadline_id", "deadline", "id"),
        Index("ix_tenders_country", "country"),
    )

    ocid: Mapped[str] = mapped_column(String(200), unique=True)
    release_id: Mapped[str] = mapped_column(String(200))
    release_date: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # Where the package came from (a URL, or the file's name), for the staff's trail.
    source: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    buyer_name: Mapped[str] = mapped_column(Text)
    buyer_identifier: Mapped[str | None] = mapped_column(String(120))
    country: Mapped[str | None] = mapped_column(String(2))
    # OCDS tender.status: planning, planned, active, cancelled, unsuccessful, complete, withdrawn.
    status: Mapped[str] = mapped_column(String(20))
    procurement_method: Mapped[str | None] = mapped_column(String(20))
    value_amount: Mapped[Decimal | None] = mapped_column(Numeric(16, 2))
    currency: Mapped[str | None] = mapped_column(String(3))
    deadline: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The buyer's own notice (Prozorro, MTender, SEAP…): the radar only points at it.
    notice_url: Mapped[str | None] = mapped_column(Text)


class TenderLot(IdMixin, Base):
    """A lot (or the whole tender when it has none), with what the match needs and its best matches."""

    __tablename__ = "tender_lots"
    __table_args__ = (
        UniqueConstraint("tender_id", "lot_key"),
        Index("ix_tender_lots_cpv_codes", "cpv_codes", postgresql_using="gin"),
        Index("ix_tender_lots_region_code", "region_code"),
        # "Tenders for you": the lots whose matches name an enterprise (jsonb containment).
        Index("ix_tender_lots_matches", "matches", postgresql_using="gin",
              postgresql_ops={"matches": "jsonb_path_ops"}),
    )

    tender_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("tenders.id", ondelete="CASCADE"), index=True)
    lot_key: Mapped[str] = mapped_column(String(120))
    title: Mapped[str] = mapped_column(Text)
    status: Mapped[str | None] = mapped_column(String(20))
    cpv_codes: Mapped[list[str]] = mapped_column(ARRAY(String(8)), server_default="{}")
    value_amount: Mapped[Decimal | None] = mapped_column(Numeric(16, 2))
    currency: Mapped[str | None] = mapped_column(String(3))
    quantity: Mapped[int | None] = mapped_column(Integer)
    unit: Mapped[str | None] = mapped_column(Text)
    # Reserved for sheltered workshops / social and professional integration (OCDS reservedParticipation).
    reserved: Mapped[bool] = mapped_column(Boolean, server_default="false")
    reserved_for: Mapped[list[str]] = mapped_column(ARRAY(String(40)), server_default="{}")
    locality: Mapped[str | None] = mapped_column(Text)
    region_code: Mapped[str | None] = mapped_column(String(6))
    location: Mapped[WKBElement | None] = mapped_column(Geometry("POINT", srid=4326, spatial_index=False))
    # [{"enterprise_id", "slug", "name", "score", "rank"}], best first; [] for a closed lot.
    matches: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, server_default="[]")
    matched_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
