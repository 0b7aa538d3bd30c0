"""Administrative units (counties, raions, oblasts) with their boundaries."""

from geoalchemy2 import Geometry, WKBElement
from sqlalchemy import CheckConstraint, Index, String, Text
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
