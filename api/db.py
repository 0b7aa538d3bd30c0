"""The async engine, the session factory and the request's unit of work."""

from collections.abc import AsyncIterator
from typing import Annotated, TypeVar

from fastapi import Depends, Request
from sqlalchemy import MetaData, Select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase

from api.config import Settings
from api.errors import NotFound, raises

T = TypeVar("T")

# Stable constraint names, so that migrations and autogenerate agree on them.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def create_engine(settings: Settings) -> AsyncEngine:
    return create_async_engine(
        settings.database_url,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        pool_timeout=settings.db_pool_timeout_seconds,
        # Each connection is pinged before use: after an outage, dead ones are replaced and the service
        # recovers by itself.
        pool_pre_ping=True,
        # JIT compilation costs more than it saves on these short PostGIS queries (up to 100 ms each).
        connect_args={"server_settings": {"application_name": "semap-api", "jit": "off"},
                      "timeout": settings.db_connect_timeout_seconds},
    )


def create_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


@raises(503)
async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One transaction per request: services flush, this commits once.

    Declared with scope="function" below, so the commit runs before the response is
    sent: a failed commit becomes an error response, never a 200 with a lost write.
    """
    sessionmaker: async_sessionmaker[AsyncSession] = request.app.state.sessionmaker
    async with sessionmaker() as session:
        try:
            yield session
            await session.commit()
        except BaseException:
            await session.rollback()
            raise


@raises(503)
async def get_read_session(request: Request) -> AsyncIterator[AsyncSession]:
    """A session in autocommit for hot read paths (tiles): no BEGIN/COMMIT round trips.

    Each statement is its own transaction, so use it only where no two statements must agree.
    """
    sessionmaker: async_sessionmaker[AsyncSession] = request.app.state.read_sessionmaker
    async with sessionmaker() as session:
        yield session


def create_read_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return create_sessionmaker(engine.execution_options(isolation_level="AUTOCOMMIT"))  # type: ignore[arg-type]


SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]
ReadSessionDep = Annotated[AsyncSession, Depends(get_read_session, scope="function")]


async def one_or_404(session: AsyncSession, query: Select[tuple[T]], missing: str, *, for_update: bool = False) -> T:
    """The row `query` finds, locked FOR UPDATE when asked (a change follows), or a 404 saying `missing`."""
    row = await session.scalar(query.with_for_update() if for_update else query)
    if row is None:
        raise NotFound(missing)
    return row
