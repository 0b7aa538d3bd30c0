"""A membership that starts, changes or ends re-stamps the tile cells under its organisation's point.

Tiles mark cluster members (the `member` attribute of the `enterprises` layer), and a tile's cache key and
ETag are the highest version of the cells under it (0015). Those versions moved only when organisations
changed, so a membership ending left the member ring on cached tiles. These triggers give the cells under
the organisations a statement touched a new version without changing any count (sign 0).

Revision ID: 0020
Revises: 0019
"""

import importlib.util
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TOUCHED = ("SELECT 0 AS sign, o.location, o.impact_areas[1] AS impact FROM organisations o "
           "WHERE o.status = 'published' AND o.id IN (SELECT organisation_id FROM {rows})")
FUNCTIONS = {
    "tile_cells_membership_inserted": TOUCHED.format(rows="new_rows"),
    "tile_cells_membership_updated": TOUCHED.format(rows="new_rows UNION SELECT organisation_id FROM old_rows"),
    "tile_cells_membership_deleted": TOUCHED.format(rows="old_rows"),
}
TRIGGERS = {
    "memberships_tile_cells_insert": "AFTER INSERT ON memberships REFERENCING NEW TABLE AS new_rows "
                                     "FOR EACH STATEMENT EXECUTE FUNCTION tile_cells_membership_inserted()",
    "memberships_tile_cells_update": "AFTER UPDATE ON memberships REFERENCING OLD TABLE AS old_rows NEW TABLE AS "
                                     "new_rows FOR EACH STATEMENT EXECUTE FUNCTION tile_cells_membership_updated()",
    "memberships_tile_cells_delete": "AFTER DELETE ON memberships REFERENCING OLD TABLE AS old_rows "
                                     "FOR EACH STATEMENT EXECUTE FUNCTION tile_cells_membership_deleted()",
}


def _tile_cells() -> ModuleType:
    """Migration 0015, whose cell arithmetic these triggers share (one formula for where a point lies)."""
    spec = importlib.util.spec_from_file_location("tile_cells_0015", Path(__file__).with_name("0015_tile_cells.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def upgrade() -> None:
    cells = _tile_cells()
    for name, touched in FUNCTIONS.items():
        op.execute(cells.FUNCTION_SQL.format(name=name, upsert=cells._upsert(touched, "stamp")))
    for name, definition in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {definition}")


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name} ON memberships")
    for name in FUNCTIONS:
        op.execute(f"DROP FUNCTION IF EXISTS {name}()")
