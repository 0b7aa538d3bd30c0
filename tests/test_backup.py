"""`semap backup` / `semap restore`: a restore into a new database brings back every row of every table."""

import asyncio

import asyncpg
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from api import migrate
from api.backup import BackupError, backup, restore
from api.config import Settings

TABLES_SQL = "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"


async def _row_counts(url: str) -> dict[str, int]:
    parsed = make_url(url)
    connection = await asyncpg.connect(host=parsed.host, port=parsed.port or 5432, user=parsed.username,
                                       password=parsed.password, database=parsed.database)
    try:
        tables = [r["tablename"] for r in await connection.fetch(TABLES_SQL)]
        return {t: int(await connection.fetchval(f'SELECT count(*) FROM "{t}"')) for t in tables}  # noqa: S608
    finally:
        await connection.close()


async def test_restore_brings_back_every_row(engine: AsyncEngine, settings: Settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    source = settings.database_url
    target = make_url(source).set(database=f"{make_url(source).database}_restore").render_as_string(
        hide_password=False)
    dump = tmp_path / "semap.dump"
    await asyncio.to_thread(backup, settings, dump)
    assert dump.stat().st_size > 0
    await migrate.recreate_database(target)
    await asyncio.to_thread(restore, settings.model_copy(update={"database_url": target}), dump)
    expected, restored = await _row_counts(source), await _row_counts(target)
    assert restored == expected
    assert expected["organisations"] > 400 and expected["regions"] > 90
    # Restoring again over a non-empty database needs --clean, and then works.
    try:
        await asyncio.to_thread(restore, settings.model_copy(update={"database_url": target}), dump)
        raise AssertionError("a restore over existing tables must fail without clean")
    except BackupError as exc:
        assert "pg_restore" in str(exc)
    await asyncio.to_thread(restore, settings.model_copy(update={"database_url": target}), dump, clean=True)
    assert await _row_counts(target) == expected


async def test_restore_of_a_missing_file_is_an_error(settings: Settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    try:
        await asyncio.to_thread(restore, settings, tmp_path / "nothing.dump")
        raise AssertionError("expected an error")
    except BackupError as exc:
        assert "No backup file" in str(exc)
