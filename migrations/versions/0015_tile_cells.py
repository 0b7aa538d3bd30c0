"""Clustered tiles kept as the data changes: published enterprises counted per grid cell at every
clustering level, maintained by statement triggers on organisations, with a version per cell that
tells which tiles a write touched.

Revision ID: 0015
Revises: 0014
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Levels 5..15: the cells of a clustered tile at zoom z (32 × 32 a tile) are the tiles of zoom z + 5, for
# z 0..10 (api/tiles/grid.py CLUSTER_CELLS, api/tiles/service.py CLUSTER_MAX_ZOOM). A cell at level L is
# also exactly the tile (L, x, y), which is how a tile finds its version.
FIRST_LEVEL, LAST_LEVEL = 5, 15

PUBLISHED_OLD = "SELECT -1 AS sign, location, impact_areas[1] AS impact FROM old_rows WHERE status = 'published'"
PUBLISHED_NEW = "SELECT 1 AS sign, location, impact_areas[1] AS impact FROM new_rows WHERE status = 'published'"

# u, v in [0, 1): the point's place in the Web Mercator square. Cell (x, y) at level L is floor(u * 2^L), a
# multiplication by a power of two, which is exact: a cell's parent at level L - k is (x >> k, y >> k).
# One version per statement, from a sequence: every cell the statement touched gets a version higher than
# any before, so the highest version in a tile changes exactly when something in it did.
UPSERT_SQL = """
WITH changed AS ({changed}),
placed AS (
  SELECT sign, coalesce(impact, '') AS impact, mx, my,
         (mx + pi() * 6378137) / (2 * pi() * 6378137) AS u, (pi() * 6378137 - my) / (2 * pi() * 6378137) AS v
  FROM changed, LATERAL (SELECT 6378137 * radians(ST_X(location)) AS mx,
                                6378137 * ln(tan(pi() / 4 + radians(least(greatest(ST_Y(location),
                                  -85.0511287798066), 85.0511287798066)) / 2)) AS my) m
), cells AS (
  SELECT level, least(greatest(floor(u * (1 << level))::int, 0), (1 << level) - 1) AS x,
         least(greatest(floor(v * (1 << level))::int, 0), (1 << level) - 1) AS y, impact,
         sum(sign)::int AS count, sum(sign * mx) AS sum_x, sum(sign * my) AS sum_y
  FROM placed, generate_series({first}, {last}) AS level
  GROUP BY 1, 2, 3, 4
)
INSERT INTO tile_cells AS t (level, x, y, impact, count, sum_x, sum_y, version)
SELECT level, x, y, impact, count, sum_x, sum_y, {stamp} FROM cells ORDER BY level, x, y, impact
ON CONFLICT (level, x, y, impact) DO UPDATE
  SET count = t.count + excluded.count, sum_x = t.sum_x + excluded.sum_x, sum_y = t.sum_y + excluded.sum_y,
      version = excluded.version"""

FUNCTION_SQL = """
CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  stamp bigint := nextval('tile_cell_versions');
BEGIN
  {upsert};
  RETURN NULL;
END $$"""


def _upsert(changed: str, stamp: str) -> str:
    return UPSERT_SQL.format(changed=changed, first=FIRST_LEVEL, last=LAST_LEVEL, stamp=stamp)


FUNCTIONS = {
    "tile_cells_inserted": PUBLISHED_NEW,
    "tile_cells_updated": f"{PUBLISHED_OLD} UNION ALL {PUBLISHED_NEW}",
    "tile_cells_deleted": PUBLISHED_OLD,
}

# Every cell emptied, with a new version, so no cached tile of before survives.
TRUNCATED_SQL = """
CREATE FUNCTION tile_cells_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE tile_cells SET count = 0, sum_x = 0, sum_y = 0, version = nextval('tile_cell_versions');
  RETURN NULL;
END $$"""

# One trigger per event: a trigger with transition tables fires for one event only.
TRIGGERS = (
    "CREATE TRIGGER organisations_tile_cells_insert AFTER INSERT ON organisations REFERENCING NEW TABLE AS "
    "new_rows FOR EACH STATEMENT EXECUTE FUNCTION tile_cells_inserted()",
    "CREATE TRIGGER organisations_tile_cells_update AFTER UPDATE ON organisations REFERENCING OLD TABLE AS "
    "old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tile_cells_updated()",
    "CREATE TRIGGER organisations_tile_cells_delete AFTER DELETE ON organisations REFERENCING OLD TABLE AS "
    "old_rows FOR EACH STATEMENT EXECUTE FUNCTION tile_cells_deleted()",
    "CREATE TRIGGER organisations_tile_cells_truncate AFTER TRUNCATE ON organisations "
    "FOR EACH STATEMENT EXECUTE FUNCTION tile_cells_truncated()",
)
TRIGGER_NAMES = ("organisations_tile_cells_insert", "organisations_tile_cells_update",
                 "organisations_tile_cells_delete", "organisations_tile_cells_truncate")


def upgrade() -> None:
    op.execute("CREATE SEQUENCE tile_cell_versions")
    op.create_table(
        "tile_cells",
        sa.Column("level", sa.SmallInteger(), nullable=False),
        sa.Column("x", sa.Integer(), nullable=False),
        sa.Column("y", sa.Integer(), nullable=False),
        sa.Column("impact", sa.String(length=40), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("sum_x", sa.Float(), nullable=False),
        sa.Column("sum_y", sa.Float(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("level", "x", "y", "impact", name=op.f("pk_tile_cells")),
    )
    for name, changed in FUNCTIONS.items():
        op.execute(FUNCTION_SQL.format(name=name, upsert=_upsert(changed, "stamp")))
    op.execute(TRUNCATED_SQL)
    for statement in TRIGGERS:
        op.execute(statement)
    # The enterprises already there, counted once as if inserted now.
    op.execute(_upsert("SELECT 1 AS sign, location, impact_areas[1] AS impact FROM organisations "
                       "WHERE status = 'published'", "(SELECT nextval('tile_cell_versions'))"))


def downgrade() -> None:
    for name in TRIGGER_NAMES:
        op.execute(f"DROP TRIGGER IF EXISTS {name} ON organisations")
    for name in (*FUNCTIONS, "tile_cells_truncated"):
        op.execute(f"DROP FUNCTION IF EXISTS {name}()")
    op.drop_table("tile_cells")
    op.execute("DROP SEQUENCE tile_cell_versions")
