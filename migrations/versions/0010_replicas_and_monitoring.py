"""Ready for read replicas and PgBouncer: no table written on a read path (the tile cache moves to Redis
or the process), JIT off by a database setting instead of a startup parameter, and a token role for
metrics scrapers.

Revision ID: 0010
Revises: 0009
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The data version is still bumped once per writing statement, in the writer's transaction; cached
# tiles are keyed by it, so nothing needs deleting.
BUMP_ONLY_SQL = """
CREATE OR REPLACE FUNCTION organisations_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE data_versions SET version = version + 1, changed_at = now() WHERE name = 'organisations';
  RETURN NULL;
END $$"""

BUMP_AND_EMPTY_CACHE_SQL = """
CREATE OR REPLACE FUNCTION organisations_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE data_versions SET version = version + 1, changed_at = now() WHERE name = 'organisations';
  DELETE FROM tile_cache;
  RETURN NULL;
END $$"""

# JIT costs more than it saves on these short PostGIS queries (up to 100 ms each). Set on the database,
# it reaches every session (and the replicas, through the catalogue), and nothing goes in the startup
# packet, which PgBouncer would refuse.
JIT_SQL = "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I {action}', current_database()); END $$"

ROLES = ("admin", "editor", "member", "integration")


def _role_check(roles: Sequence[str]) -> None:
    op.drop_constraint(op.f("ck_api_tokens_known_role"), "api_tokens", type_="check")
    op.create_check_constraint(op.f("ck_api_tokens_known_role"), "api_tokens",
                               f"role IN ({', '.join(repr(r) for r in roles)})")


def upgrade() -> None:
    op.execute(BUMP_ONLY_SQL)
    op.drop_table("tile_cache")
    op.execute(JIT_SQL.format(action="SET jit = off"))
    _role_check((*ROLES, "monitoring"))


def downgrade() -> None:
    op.execute("DELETE FROM api_tokens WHERE role = 'monitoring'")
    _role_check(ROLES)
    op.execute(JIT_SQL.format(action="RESET jit"))
    op.create_table("tile_cache",
                    sa.Column("key", sa.String(length=64), nullable=False),
                    sa.Column("version", sa.BigInteger(), nullable=False),
                    sa.Column("body", sa.LargeBinary(), nullable=False),
                    sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"),
                              nullable=False),
                    sa.PrimaryKeyConstraint("key", name=op.f("pk_tile_cache")),
                    prefixes=["UNLOGGED"])
    op.execute(BUMP_AND_EMPTY_CACHE_SQL)
