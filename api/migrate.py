"""Alembic, driven from the application (CLI, /readyz, tests)."""

from collections.abc import Callable
from typing import Any

import asyncpg
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import AsyncConnection, create_async_engine

from api.config import REPO_ROOT

# Tables that belong to PostGIS and its extensions, not to this project.
FOREIGN_TABLES = {"spatial_ref_sys", "geography_columns", "geometry_columns", "raster_columns",
                  "raster_overviews", "layer", "topology"}
FOREIGN_SCHEMAS = {"tiger", "tiger_data", "topology"}


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """Alembic's filter: leave PostGIS's own tables out of autogenerate."""
    foreign = name in FOREIGN_TABLES or getattr(obj, "schema", None) in FOREIGN_SCHEMAS
    return not (type_ == "table" and foreign)


def alembic_config(database_url: str, connection: Connection | None = None) -> Config:
    config = Config(str(REPO_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(REPO_ROOT / "migrations"))
    config.attributes["database_url"] = database_url
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade(database_url: str, revision: str = "head") -> None:
    """For synchronous callers (the CLI): Alembic runs its own event loop."""
    command.upgrade(alembic_config(database_url), revision)


async def run_in_async(database_url: str, action: Callable[[Config], Any]) -> None:
    """Run an Alembic command on an async connection, for callers inside an event loop."""
    engine = create_async_engine(database_url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(lambda sync: action(alembic_config(database_url, sync)))
    finally:
        await engine.dispose()


async def upgrade_async(database_url: str, revision: str = "head") -> None:
    await run_in_async(database_url, lambda config: command.upgrade(config, revision))


async def downgrade_async(database_url: str, revision: str) -> None:
    await run_in_async(database_url, lambda config: command.downgrade(config, revision))


async def recreate_database(database_url: str) -> None:
    """Drop and create the URL's database, empty (tests, benchmarks and restores start from it)."""
    parsed = make_url(database_url)
    admin = await asyncpg.connect(host=parsed.host, port=parsed.port or 5432, user=parsed.username,
                                  password=parsed.password, database="postgres")
    try:
        # A database name cannot be a bind parameter; it comes from our own settings, quoted.
        await admin.execute(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{parsed.database}"')
    finally:
        await admin.close()


def head_revisions() -> set[str]:
    return set(ScriptDirectory.from_config(alembic_config("")).get_heads())


async def current_revisions(connection: AsyncConnection) -> set[str]:
    def read(sync_connection: Connection) -> set[str]:
        return set(MigrationContext.configure(sync_connection).get_current_heads())

    return await connection.run_sync(read)
