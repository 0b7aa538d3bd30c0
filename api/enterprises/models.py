"""Organisations (any actor on the map) and the offerings they sell."""

from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from geoalchemy2 import Geometry, WKBElement
from sqlalchemy import (
    ARRAY,
    BigInteger,
    Boolean,
    CheckConstraint,
    Computed,
    DateTime,
    FetchedValue,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, REAL, TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.audit import names as audit_names
from api.db import Base
from api.entity import IdMixin, TimestampsMixin, VersionedMixin

COUNTRIES = ("RO", "MD", "UA")


class OrganisationKind(StrEnum):
    social_enterprise = "social_enterprise"
    public_authority = "public_authority"
    educational_institution = "educational_institution"
    ngo = "ngo"
    company = "company"
    financial_institution = "financial_institution"


class OrganisationStatus(StrEnum):
    draft = "draft"
    pending = "pending"
    published = "published"
    suspended = "suspended"
    archived = "archived"


class OperatingStatus(StrEnum):
    """Whether the organisation works where its entry places it: `relocated` when war or occupation moved it
    elsewhere (its entry keeps the place it left), `suspended` when it has stopped for now."""

    active = "active"
    relocated = "relocated"
    suspended = "suspended"


class DeliveryMode(StrEnum):
    pickup = "pickup"
    delivery = "delivery"
    shipping = "shipping"
    on_site = "on_site"
    remote = "remote"


# The search document (see migration 0002): lower case, Cyrillic romanised (KMU 2010), diacritics
# removed, so that a query normalised by the same SQL function meets it in Latin.
SEARCH_TEXT_SQL = (
    "semap_normalise(name || ' ' || coalesce(locality, '') || ' ' || semap_descriptions(description) || ' ' "
    "|| offerings_text)")
SEARCH_VECTOR_SQL = (
    "setweight(to_tsvector('simple'::regconfig, semap_normalise(name)), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, semap_normalise(coalesce(locality, '') || ' ' "
    "|| semap_descriptions(description) || ' ' || offerings_text)), 'B')"
)


def _in(values: tuple[str, ...] | type[StrEnum]) -> str:
    return ", ".join(f"'{v}'" for v in values)


class Organisation(IdMixin, TimestampsMixin, VersionedMixin, Base):
    __tablename__ = "organisations"
    __table_args__ = (
        UniqueConstraint("country", "registration_code"),
        CheckConstraint(f"country IN ({_in(COUNTRIES)})", name="known_country"),
        CheckConstraint(f"kind IN ({_in(OrganisationKind)})", name="known_kind"),
        CheckConstraint(f"status IN ({_in(OrganisationStatus)})", name="known_status"),
        CheckConstraint(f"operating_status IN ({_in(OperatingStatus)})", name="known_operating_status"),
        CheckConstraint(
            "ST_X(location) BETWEEN -180 AND 180 AND ST_Y(location) BETWEEN -90 AND 90",
            name="coordinates_in_range",
        ),
        CheckConstraint("employees_total >= 0", name="employees_total_non_negative"),
        CheckConstraint(
            "employees_vulnerable >= 0 AND employees_vulnerable <= employees_total",
            name="employees_vulnerable_within_total",
        ),
        CheckConstraint("annual_turnover_eur >= 0", name="turnover_non_negative"),
        CheckConstraint("founded_year BETWEEN 1800 AND 2100", name="founded_year_plausible"),
        CheckConstraint("service_radius_km > 0", name="service_radius_positive"),
        CheckConstraint("slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'", name="slug_format"),
        Index("ix_organisations_location", "location", postgresql_using="gist"),
        # Deleting an organisation looks up the rows merged into it.
        Index("ix_organisations_merged_into_id", "merged_into_id", postgresql_where=text("merged_into_id IS NOT NULL")),
        # Distances in metres on the spheroid go through the geography cast; ST_DWithin uses this.
        Index("ix_organisations_location_geog", text("(location::geography)"), postgresql_using="gist"),
        # A country's entries in id order (the list by id), and its entries of a NACE division (migration 0021).
        Index("ix_organisations_status_country_id", "status", "country", "id"),
        Index("ix_organisations_country_divisions", "country", text("semap_nace_divisions(sectors)"),
              postgresql_using="gin"),
        Index("ix_organisations_status_region_code", "status", "region_code"),
        # A search that names a region (see api/places) pages through the region's entries by id.
        Index("ix_organisations_region_code_id", "region_code", "id"),
        # A bbox listed by id: `ORDER BY (id + 0) <-> 0` walks this (btree_gist) inside the box (migration 0014).
        Index("ix_organisations_location_id", "location", text("(id + 0)"), postgresql_using="gist"),
        Index("ix_organisations_name_id", "name", "id"),
        # Vector tiles clip in Web Mercator: the projected point, indexed, serves a tile's &&.
        Index("ix_organisations_location_3857", text("ST_Transform(location, 3857)"), postgresql_using="gist"),
        # Text search, within a country when one is asked (btree_gin's country; migration 0022).
        Index("ix_organisations_country_search_text", "country", "search_text", postgresql_using="gin",
              postgresql_ops={"search_text": "gin_trgm_ops"}),
        Index("ix_organisations_country_search_vector", "country", "search_vector", postgresql_using="gin"),
    )

    kind: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(Text)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    legal_form: Mapped[str | None] = mapped_column(Text)
    registration_code: Mapped[str | None] = mapped_column(String(40))
    country: Mapped[str] = mapped_column(String(2))
    # Derived from the location by a trigger (see the migration): never set by clients.
    region_code: Mapped[str | None] = mapped_column(
        String(8), ForeignKey("regions.code"), index=True,
        server_default=FetchedValue(), server_onupdate=FetchedValue(),
    )
    locality: Mapped[str | None] = mapped_column(Text)
    address: Mapped[str | None] = mapped_column(Text)
    location: Mapped[WKBElement] = mapped_column(
        Geometry("POINT", srid=4326, spatial_index=False, nullable=False)
    )
    email: Mapped[str | None] = mapped_column(Text)
    phone: Mapped[str | None] = mapped_column(Text)
    website: Mapped[str | None] = mapped_column(Text)
    # Personal data: visible to admins only.
    contact_person: Mapped[str | None] = mapped_column(Text)
    languages: Mapped[list[str]] = mapped_column(ARRAY(String(8)), server_default="{}")
    description: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default="{}")
    founded_year: Mapped[int | None] = mapped_column(SmallInteger)
    employees_total: Mapped[int] = mapped_column(Integer, server_default="0")
    employees_vulnerable: Mapped[int] = mapped_column(Integer, server_default="0")
    annual_turnover_eur: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    impact_areas: Mapped[list[str]] = mapped_column(ARRAY(String(40)), server_default="{}")
    beneficiary_groups: Mapped[list[str]] = mapped_column(ARRAY(String(40)), server_default="{}")
    sectors: Mapped[list[str]] = mapped_column(ARRAY(String(8)), server_default="{}")
    certifications: Mapped[list[str]] = mapped_column(ARRAY(String(60)), server_default="{}")
    service_radius_km: Mapped[Decimal | None] = mapped_column(Numeric(7, 1))
    service_countries: Mapped[list[str]] = mapped_column(ARRAY(String(2)), server_default="{}")
    reserved_contract_eligible: Mapped[bool] = mapped_column(Boolean, server_default="false")
    status: Mapped[str] = mapped_column(String(16), server_default=OrganisationStatus.draft.value)
    verified: Mapped[bool] = mapped_column(Boolean, server_default="false")
    # Migration 0020: relocated or suspended, e.g. an enterprise of a territory under occupation.
    operating_status: Mapped[str] = mapped_column(String(16), server_default=OperatingStatus.active.value)
    is_demo: Mapped[bool] = mapped_column(Boolean, server_default="false")
    # Trust and freshness (migration 0007): OpenStreetMap opening_hours, when the owner claimed the entry,
    # when it last confirmed it unchanged, since when it is stale, and the survivor of a merge.
    opening_hours: Mapped[str | None] = mapped_column(Text)
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    stale_since: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    merged_into_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("organisations.id", ondelete="SET NULL"))
    # Offerings' titles and descriptions, kept by a trigger on offerings; part of the search document.
    offerings_text: Mapped[str] = mapped_column(Text, server_default="", deferred=True)
    search_text: Mapped[str] = mapped_column(Text, Computed(SEARCH_TEXT_SQL, persisted=True), deferred=True)
    search_vector: Mapped[str] = mapped_column(TSVECTOR, Computed(SEARCH_VECTOR_SQL, persisted=True),
                                               deferred=True)

    offerings: Mapped[list["Offering"]] = relationship(
        back_populates="organisation", lazy="raise", order_by="Offering.id"
    )


class Offering(IdMixin, TimestampsMixin, VersionedMixin, Base):
    __tablename__ = "offerings"
    __table_args__ = (
        CheckConstraint(f"delivery_mode IN ({_in(DeliveryMode)})", name="known_delivery_mode"),
        CheckConstraint("lead_time_days >= 0", name="lead_time_non_negative"),
        CheckConstraint("min_order_quantity >= 0", name="min_quantity_non_negative"),
        CheckConstraint("max_order_quantity >= min_order_quantity", name="max_quantity_above_min"),
        CheckConstraint("min_order_value_eur >= 0", name="min_value_non_negative"),
        CheckConstraint("price_from_eur >= 0", name="price_non_negative"),
        CheckConstraint("delivery_radius_km > 0", name="delivery_radius_positive"),
    )

    organisation_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    cpv_codes: Mapped[list[str]] = mapped_column(ARRAY(String(10)), server_default="{}")
    delivery_mode: Mapped[str] = mapped_column(String(16), server_default=DeliveryMode.delivery.value)
    lead_time_days: Mapped[int | None] = mapped_column(Integer)
    min_order_quantity: Mapped[int | None] = mapped_column(Integer)
    max_order_quantity: Mapped[int | None] = mapped_column(Integer)
    quantity_unit: Mapped[str | None] = mapped_column(String(40))
    min_order_value_eur: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    price_from_eur: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    # Where this offering is delivered, when narrower than the organisation's service area: within a
    # radius of the organisation, or to whole countries; neither set = the organisation's service area.
    delivery_radius_km: Mapped[Decimal | None] = mapped_column(Numeric(6, 1))
    delivery_countries: Mapped[list[str]] = mapped_column(ARRAY(String(2)), server_default="{}")

    organisation: Mapped[Organisation] = relationship(back_populates="offerings", lazy="raise")


class SearchTerm(Base):
    """A word of an organisation's name or locality with its score there, kept by a trigger (migration 0014).

    Read through ix_search_terms_ranked, it gives the best-scored entries with a word first."""

    __tablename__ = "search_terms"
    __table_args__ = (
        Index("ix_search_terms_ranked", "term", text("score DESC"), "organisation_id"),
        Index("ix_search_terms_country_ranked", "term", "country", text("score DESC"), "organisation_id"),
    )

    term: Mapped[str] = mapped_column(Text, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    score: Mapped[float] = mapped_column(REAL)
    country: Mapped[str] = mapped_column(String(2))


class SearchWord(Base):
    """A distinct word of `search_terms` and in how many entries, kept by triggers (migration 0021): search
    corrects a typed word that is in no name to its most similar word here, and walks the rarest word's postings."""

    __tablename__ = "search_words"
    __table_args__ = (Index("ix_search_words_trigram", "term", postgresql_using="gin",
                            postgresql_ops={"term": "gin_trgm_ops"}),)

    term: Mapped[str] = mapped_column(Text, primary_key=True)
    entries: Mapped[int] = mapped_column(Integer)


audit_names.register("organisation", Organisation.id, Organisation.name)
audit_names.register("offering", Offering.id, Offering.title)
