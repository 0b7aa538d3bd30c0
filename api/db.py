"""The async engine, the session factory and the request's unit of work."""

import random
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Annotated, Any, TypeAlias, TypeVar

from fastapi import Depends, Request
from sqlalchemy import ColumnElement, MetaData, Select, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, InstrumentedAttribute

from api.config import Settings
from api.errors import NotFound, raises

T = TypeVar("T")
# A SELECT of any columns (SQLAlchemy 2.1 types a Select by its columns: Select[int, str]).
AnySelect: TypeAlias = Select[*tuple[Any, ...]]
# A column of a query: a mapped attribute (Organisation.location) or an SQL expression. SQLAlchemy 2.1 types
# them apart (an InstrumentedAttribute is not a ColumnElement) though both compile alike: helpers take either.
AnyColumn: TypeAlias = ColumnElement[Any] | InstrumentedAttribute[Any]

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


def create_engine(settings: Settings, url: str | URL | None = None, *, name: str = "semap-api") -> AsyncEngine:
    """An engine for the primary (or `url`, a replica). Nothing session-specific travels in the startup
    packet, which PgBouncer refuses: JIT is off by a database setting (migration 0010)."""
    connect_args: dict[str, object] = {"server_settings": {"application_name": name},
                                      "timeout": settings.db_connect_timeout_seconds}
    if settings.database_pgbouncer:
        # In transaction mode a prepared statement lives on one server connection, shared by clients:
        # asyncpg caches none, SQLAlchemy's own cache is off, and each statement gets a unique name.
        connect_args["statement_cache_size"] = 0
        connect_args["prepared_statement_name_func"] = lambda: f"__semap_{uuid.uuid4().hex}__"
        url = make_url(url or settings.database_url).update_query_dict({"prepared_statement_cache_size": "0"})
    engine = create_async_engine(
        url or settings.database_url,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        pool_timeout=settings.db_pool_timeout_seconds,
        connect_args=connect_args,
    )
    _ping_when_idle(engine)
    return engine


# A connection back in the pool for less than this is used without a ping.
PING_IDLE_AFTER_SECONDS = 1.0


def _ping_when_idle(engine: AsyncEngine) -> None:
    """Ping a connection before use when it has been idle a while; a dead one is replaced, so that after an
    outage the service recovers by itself.

    Not SQLAlchemy's pool_pre_ping, which pings before every use: asyncpg's ping is a transaction of its own
    (so that it works through PgBouncer), three round trips that cost more than a light request's whole query.
    A connection used within the last second is alive or its failure has just invalidated the pool (a
    disconnect error drops every connection older than it)."""
    pool_events = engine.sync_engine.pool

    @event.listens_for(pool_events, "connect")
    @event.listens_for(pool_events, "checkin")
    def _note_idle_since(_: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(pool_events, "checkout")
    def _ping_if_idle(dbapi_connection: Any, record: Any, _: Any) -> None:
        if time.monotonic() - record.info.get("idle_since", 0.0) < PING_IDLE_AFTER_SECONDS:
            return
        try:
            dbapi_connection.ping()
        except Exception as exc:  # the pool retries the checkout with a new connection
            raise DisconnectionError("the pooled connection is gone") from exc


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


@dataclass(frozen=True)
class ReadDatabase:
    """One database's read sessions: in a transaction, or in autocommit (one statement, no BEGIN/COMMIT
    round trips; through PgBouncer in transaction mode this one is transactional too)."""

    transactional: async_sessionmaker[AsyncSession]
    autocommit: async_sessionmaker[AsyncSession]

    @classmethod
    def of(cls, engine: AsyncEngine, *, pgbouncer: bool) -> "ReadDatabase":
        sessionmaker = create_sessionmaker(engine)
        if pgbouncer:  # only a transaction keeps a statement's parse and execute on one server
            return cls(sessionmaker, sessionmaker)
        autocommit = engine.execution_options(isolation_level="AUTOCOMMIT")
        return cls(sessionmaker, create_sessionmaker(autocommit))


@dataclass
class ReadDatabases:
    """Where public reads go: a replica, or the primary when there is none or the caller has a token."""

    primary: ReadDatabase
    replicas: list[ReadDatabase] = field(default_factory=list)

    def for_request(self, request: Request) -> ReadDatabase:
        """A replica for anonymous reads; the primary for anyone with a token, who may have just written
        (only token holders change what public reads show, so they always read their own writes)."""
        if not self.replicas or "authorization" in request.headers or request.method not in ("GET", "HEAD"):
            return self.primary
        return random.choice(self.replicas)  # noqa: S311 - spreading load, not a secret


def read_database(request: Request) -> ReadDatabase:
    databases: ReadDatabases = request.app.state.read_databases
    return databases.for_request(request)


@raises(503)
async def get_read_session(request: Request) -> AsyncIterator[AsyncSession]:
    """A session for public reads (lists, search, OGC, statistics, code lists): on a replica when one is
    configured and the caller is anonymous. Never write through it: a replica refuses."""
    async with read_database(request).transactional() as session:
        yield session


@raises(503)
async def get_autocommit_read_session(request: Request) -> AsyncIterator[AsyncSession]:
    """As get_read_session, in autocommit for the hottest path (tiles): each statement is its own
    transaction, so use it only where no two statements must agree."""
    async with read_database(request).autocommit() as session:
        yield session


SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]
ReadSessionDep = Annotated[AsyncSession, Depends(get_read_session, scope="function")]
AutocommitReadSessionDep = Annotated[AsyncSession, Depends(get_autocommit_read_session, scope="function")]


async def one_or_404(session: AsyncSession, query: Select[T], missing: str, *, for_update: bool = False) -> T:
    """The row `query` finds, locked FOR UPDATE when asked (a change follows), or a 404 saying `missing`."""
    row = await session.scalar(query.with_for_update() if for_update else query)
    if row is None:
        raise NotFound(missing)
    return row
