"""Administrative units (counties, raions, oblasts) with their boundaries."""

from geoalchemy2 import Geography, Geometry, WKBElement
from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base


class Region(Base):
    __tablename__ = "regions"
    __table_args__ = (
        CheckConstraint("code ~ '^[A-Z]{2}-[A-Z0-9]{1,3}$'", name="iso_3166_2_code"),
        CheckConstraint("country = left(code, 2)", name="code_matches_country"),
        Index("ix_regions_geom", "geom", postgresql_using="gist"),
    )

    code: Mapped[str] = mapped_column(String(8), primary_key=True)  # ISO 3166-2
    country: Mapped[str] = mapped_column(String(2), index=True)
    name_ro: Mapped[str] = mapped_column(Text)
    name_en: Mapped[str] = mapped_column(Text)
    name_uk: Mapped[str] = mapped_column(Text)
    name_ru: Mapped[str] = mapped_column(Text)
    geom: Mapped[WKBElement] = mapped_column(
        Geometry("MULTIPOLYGON", srid=4326, spatial_index=False, nullable=False)
    )


class RegionCorrection(Base):
    """A town the coarse boundaries put in another unit: a point within `radius_m` takes the town's own unit.

    Derived from GeoNames by scripts/derive_region_corrections.py (api/geo/data/region_corrections.csv) and
    read by the database's `region_of` before the polygons (migration 0020).
    """

    __tablename__ = "region_corrections"
    __table_args__ = (
        CheckConstraint("radius_m > 0 AND radius_m <= 10000", name="radius_within_10_km"),
        Index("ix_region_corrections_centre", "centre", postgresql_using="gist"),
    )

    geonameid: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(Text)
    country: Mapped[str] = mapped_column(String(2))
    code: Mapped[str] = mapped_column(String(8), ForeignKey("regions.code"))
    centre: Mapped[WKBElement] = mapped_column(Geography("POINT", srid=4326, spatial_index=False, nullable=False))
    radius_m: Mapped[int] = mapped_column(Integer)
