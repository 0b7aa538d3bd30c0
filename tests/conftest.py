"""The test database: real PostgreSQL + PostGIS, migrated once per pytest worker, each test rolled back.

Under pytest-xdist (`pytest -n 2`) each worker owns a database of its own, `<TEST_DATABASE_URL's name>_gw0`,
`…_gw1`, which it recreates, migrates and fills with the demo data at its start: workers never share rows,
locks or sequences. Tests make their own rows with `tests/factories.py`; the demo data is there for the
tests that test it.
"""

import os
from collections.abc import AsyncIterator
from typing import Any

import pytest
from httpx import ASGITransport, AsyncClient
from sqlalchemy import make_url, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker

from api import migrate
from api.auth import service as auth_service
from api.auth.models import Role
from api.config import Settings
from api.db import ReadDatabase, ReadDatabases, create_engine
from api.main import create_app
from api.seed.demo import load_demo

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL",
                                   "postgresql+asyncpg://postgres@127.0.0.1:5432/semap_test")


def worker_database_url(url: str, worker: str | None) -> str:
    """The database of one xdist worker (`gw0`, `gw1`…): the configured name with the worker's suffix."""
    if not worker or worker == "master":
        return url
    parsed = make_url(url)
    return parsed.set(database=f"{parsed.database}_{worker}").render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def settings() -> Settings:
    database_url = worker_database_url(TEST_DATABASE_URL, os.environ.get("PYTEST_XDIST_WORKER"))
    return Settings(database_url=database_url, redis_url=os.environ.get("TEST_REDIS_URL"))


@pytest.fixture(scope="session")
async def engine(settings: Settings) -> AsyncIterator[AsyncEngine]:
    """A fresh database at the migrations' head with the demo data, once per run."""
    await migrate.recreate_database(settings.database_url)
    await migrate.upgrade_async(settings.database_url)
    await load_demo(settings)
    engine = create_engine(settings)
    yield engine
    await engine.dispose()


@pytest.fixture
async def connection(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    """A connection inside a transaction that is rolled back after the test."""
    async with engine.connect() as connection:
        transaction = await connection.begin()
        yield connection
        if transaction.is_active:
            await transaction.rollback()


@pytest.fixture
def sessionmaker(connection: AsyncConnection) -> async_sessionmaker[AsyncSession]:
    # Code under test commits into savepoints of the test's transaction.
    return async_sessionmaker(bind=connection, expire_on_commit=False, autoflush=False,
                              join_transaction_mode="create_savepoint")


@pytest.fixture
async def session(sessionmaker: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    async with sessionmaker() as session:
        yield session


@pytest.fixture
def app(settings: Settings, engine: AsyncEngine, sessionmaker: async_sessionmaker[AsyncSession]) -> Any:
    return wire_app(create_app(settings), engine, sessionmaker)


def wire_app(application: Any, engine: AsyncEngine, sessionmaker: async_sessionmaker[AsyncSession]) -> Any:
    """`application` on the test's engine and rolled-back transaction, writes and reads alike."""
    application.state.engine = engine
    application.state.sessionmaker = sessionmaker
    # Reads see the test's own uncommitted rows, through the same rolled-back transaction; without
    # savepoints of their own, which the unit of work's savepoints (on the same connection) would end.
    reads = async_sessionmaker(bind=sessionmaker.kw["bind"], expire_on_commit=False, autoflush=False,
                               join_transaction_mode="rollback_only")
    application.state.read_databases = ReadDatabases(primary=ReadDatabase(reads, reads))
    return application


@pytest.fixture
async def client(app: Any) -> AsyncIterator[AsyncClient]:
    transport = ASGITransport(app=app, raise_app_exceptions=False)
    async with AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


async def _token_headers(session: AsyncSession, role: Role, organisation_id: int | None = None) -> dict[str, str]:
    _, plaintext = await auth_service.create_token(session, name=f"test {role.value}", role=role,
                                                   organisation_id=organisation_id)
    await session.commit()
    return {"Authorization": f"Bearer {plaintext}"}


@pytest.fixture
async def admin_headers(session: AsyncSession) -> dict[str, str]:
    return await _token_headers(session, Role.admin)


@pytest.fixture
async def editor_headers(session: AsyncSession) -> dict[str, str]:
    return await _token_headers(session, Role.editor)


@pytest.fixture
async def integration_headers(session: AsyncSession) -> dict[str, str]:
    return await _token_headers(session, Role.integration)


def enterprise_body(**overrides: Any) -> dict[str, Any]:
    """A valid create body: a bakery in Cluj-Napoca."""
    body: dict[str, Any] = {
        "name": "Brutăria de Test Cluj", "country": "RO", "locality": "Cluj-Napoca",
        "location": {"type": "Point", "coordinates": [23.6236, 46.7712]},
        "registration_code": "RO99999901", "employees_total": 10, "employees_vulnerable": 4,
        "annual_turnover_eur": "50000.00", "impact_areas": ["work_integration"], "sectors": ["10.71"],
        "email": "private@example.org", "contact_person": "Ana Pop",
    }
    return body | overrides


@pytest.fixture
async def enterprise(client: AsyncClient, admin_headers: dict[str, str]) -> dict[str, Any]:
    response = await client.post("/api/v1/enterprises", json=enterprise_body(), headers=admin_headers)
    assert response.status_code == 201, response.text
    return response.json()


async def count_rows(session: AsyncSession, table: str) -> int:
    return int(await session.scalar(text(f"SELECT count(*) FROM {table}")))  # noqa: S608 - test helper, fixed names
