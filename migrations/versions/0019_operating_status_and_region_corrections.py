"""An organisation's operating status (active, relocated, suspended), and per-town corrections of the coarse
region boundaries that `region_of` reads before the polygons.

Revision ID: 0019
Revises: 0018
"""

from collections.abc import Sequence

import geoalchemy2
import sqlalchemy as sa
from alembic import op

from api.geo.boundaries import read_region_corrections

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# A point within a corrected town's radius takes the town's own unit (the nearest such town); else the unit
# whose polygon contains it; a point just outside every unit of its country (a coast, a river border) takes
# the nearest unit within 30 km; farther away it has no region.
REGION_OF_SQL = """
CREATE OR REPLACE FUNCTION region_of(point geometry, country_code text) RETURNS varchar
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT coalesce(
    (SELECT code FROM region_corrections
      WHERE country = country_code AND ST_DWithin(centre, point::geography, radius_m)
      ORDER BY centre <-> point::geography LIMIT 1),
    (SELECT code FROM regions
      WHERE country = country_code AND ST_Intersects(geom, point) ORDER BY code LIMIT 1),
    (SELECT code FROM (SELECT code, geom FROM regions WHERE country = country_code
                        ORDER BY geom <-> point LIMIT 1) nearest
      WHERE ST_DWithin(nearest.geom::geography, point::geography, 30000)))
$$"""

PREVIOUS_REGION_OF_SQL = """
CREATE OR REPLACE FUNCTION region_of(point geometry, country_code text) RETURNS varchar
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT coalesce(
    (SELECT code FROM regions
      WHERE country = country_code AND ST_Intersects(geom, point) ORDER BY code LIMIT 1),
    (SELECT code FROM (SELECT code, geom FROM regions WHERE country = country_code
                        ORDER BY geom <-> point LIMIT 1) nearest
      WHERE ST_DWithin(nearest.geom::geography, point::geography, 30000)))
$$"""

# Stored rows move to the corrected unit; region_code is not in the region trigger's columns.
REPLACE_REGIONS_SQL = """
UPDATE organisations SET region_code = region_of(location, country)
WHERE region_code IS DISTINCT FROM region_of(location, country)"""


def _region_corrections() -> None:
    op.create_table(
        "region_corrections",
        sa.Column("geonameid", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.Column("centre", geoalchemy2.types.Geography(geometry_type="POINT", srid=4326, spatial_index=False,
                                                        from_text="ST_GeogFromText", name="geography",
                                                        nullable=False), nullable=False),
        sa.Column("radius_m", sa.Integer(), nullable=False),
        sa.CheckConstraint("radius_m > 0 AND radius_m <= 10000", name=op.f("ck_region_corrections_radius_within_10_km")),
        sa.ForeignKeyConstraint(["code"], ["regions.code"], name=op.f("fk_region_corrections_code_regions")),
        sa.PrimaryKeyConstraint("geonameid", name=op.f("pk_region_corrections")),
    )
    op.create_index("ix_region_corrections_centre", "region_corrections", ["centre"], unique=False,
                    postgresql_using="gist")
    table = sa.table("region_corrections", sa.column("geonameid"), sa.column("name"), sa.column("country"),
                     sa.column("code"), sa.column("centre"), sa.column("radius_m"))
    rows = [{**row, "centre": f"SRID=4326;POINT({row.pop('lon')} {row.pop('lat')})"}
            for row in read_region_corrections()]
    op.bulk_insert(table, rows)


def upgrade() -> None:
    op.add_column("organisations", sa.Column("operating_status", sa.String(length=16), server_default="active",
                                             nullable=False))
    op.create_check_constraint("known_operating_status", "organisations",
                               "operating_status IN ('active', 'relocated', 'suspended')")
    _region_corrections()
    op.execute(REGION_OF_SQL)
    op.execute(REPLACE_REGIONS_SQL)


def downgrade() -> None:
    op.execute(PREVIOUS_REGION_OF_SQL)
    op.execute(REPLACE_REGIONS_SQL)
    op.drop_index("ix_region_corrections_centre", table_name="region_corrections", postgresql_using="gist")
    op.drop_table("region_corrections")
    op.drop_constraint("known_operating_status", "organisations", type_="check")
    op.drop_column("organisations", "operating_status")
