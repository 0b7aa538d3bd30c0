"""Models and migrations agree, and the migrations run both ways."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from httpx import ASGITransport, AsyncClient
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from api import migrate
from api.config import Settings
from api.main import create_app
from api.migrate import include_object
from api.models import Base


async def test_autogenerate_finds_no_difference(engine: AsyncEngine) -> None:
    def diff(sync_connection):  # type: ignore[no-untyped-def]
        context = MigrationContext.configure(sync_connection, opts={
            "include_object": include_object, "compare_type": True})
        return compare_metadata(context, Base.metadata)

    async with engine.connect() as connection:
        assert await connection.run_sync(diff) == []


async def test_downgrade_to_base_and_upgrade_to_head(engine: AsyncEngine) -> None:
    url = make_url(engine.url).set(database=f"{engine.url.database}_migrations")
    database_url = url.render_as_string(hide_password=False)
    await migrate.recreate_database(database_url)
    await migrate.upgrade_async(database_url)
    await migrate.downgrade_async(database_url, "base")
    scratch = create_async_engine(database_url)
    try:
        assert await _readyz_status(scratch) == 503  # a schema behind the head is not ready
        async with scratch.connect() as connection:
            tables = set((await connection.execute(text(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))).scalars())
            assert tables <= {"alembic_version", "spatial_ref_sys"}
        await migrate.upgrade_async(database_url)
        async with scratch.connect() as connection:
            regions = await connection.scalar(text("SELECT count(*) FROM regions"))
            assert await migrate.current_revisions(connection) == migrate.head_revisions()
            assert regions > 90
        assert await _readyz_status(scratch) == 200
    finally:
        await scratch.dispose()


async def _readyz_status(engine: AsyncEngine) -> int:
    app = create_app(Settings(database_url=engine.url.render_as_string(hide_password=False)))
    app.state.engine = engine
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as client:
        return (await client.get("/readyz")).status_code
