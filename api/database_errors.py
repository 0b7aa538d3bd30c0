"""What a failure of the database means to a client: an outage is a 503, a value it cannot hold a 400.

Every request's database work goes through SQLAlchemy and asyncpg, so their exceptions are sorted
here once, for every route, instead of a try/except per endpoint:

- the server cannot be reached, is starting or shutting down, or dropped the connection, or the
  pool has no connection to give within its timeout: `503 unavailable` with `Retry-After`; the pool
  pings each connection before use, so the service recovers by itself when the database is back;
- a value the database cannot store (a number beyond its column, NUL in text) that slipped past the
  validation at the edge: `400 bad_request`, logged, so that the edge gets fixed;
- anything else stays a 500.
"""

import logging
import socket
from collections.abc import Iterator

import asyncpg
import sqlalchemy.exc
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from api.errors import on_unexpected, problem_response

log = logging.getLogger("semap.database")

RETRY_AFTER_SECONDS = 5
# SQLSTATE classes: 08 connection exception, 53 insufficient resources (too many connections),
# 57P0x the server is shutting down, crashed or not yet accepting connections.
_UNAVAILABLE_STATES = ("08", "53", "57P01", "57P02", "57P03")
# 22003 numeric value out of range, 22021 a character not in the encoding (NUL), 22P05 untranslatable.
_VALUE_STATES = ("22003", "22021", "22P05")
HANDLED = (sqlalchemy.exc.DBAPIError, sqlalchemy.exc.TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError,
           ConnectionError, TimeoutError, socket.gaierror)


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def is_unavailable(exc: BaseException) -> bool:
    """The database (or the way to it) failed, not the request: worth a retry later."""
    for error in _chain(exc):
        if isinstance(error, ConnectionError | TimeoutError | socket.gaierror | sqlalchemy.exc.TimeoutError):
            return True
        if isinstance(error, sqlalchemy.exc.DBAPIError) and error.connection_invalidated:
            return True
        if isinstance(error, asyncpg.InterfaceError) and "connection is closed" in str(error):
            return True
        if str(getattr(error, "sqlstate", None) or "").startswith(_UNAVAILABLE_STATES):
            return True
    return False


def _is_bad_value(exc: BaseException) -> bool:
    for error in _chain(exc):
        # asyncpg's own check of a parameter before it is sent: an int beyond 64 bits.
        if isinstance(error, OverflowError):
            return True
        if str(getattr(error, "sqlstate", None) or "") in _VALUE_STATES:
            return True
    return False


def unavailable_response() -> JSONResponse:
    return problem_response(503, "unavailable", "Service unavailable",
                            "The database cannot be reached just now; nothing was changed. Try again shortly.",
                            {"Retry-After": str(RETRY_AFTER_SECONDS)})


async def _on_database_error(request: Request, exc: Exception) -> JSONResponse:
    if is_unavailable(exc):
        log.warning("database unavailable on %s %s: %s", request.method, request.url.path, exc.__class__.__name__)
        return unavailable_response()
    if _is_bad_value(exc):
        log.warning("a value the database refused reached it on %s %s (validate it at the edge): %s",
                    request.method, request.url.path, exc)
        return problem_response(400, "bad_request", "Bad request",
                                "A value in the request is outside what can be stored (too large a number, "
                                "or a character text may not hold).")
    return await on_unexpected(request, exc)


def install_database_problem_handlers(app: FastAPI) -> None:
    for exc_class in HANDLED:
        app.add_exception_handler(exc_class, _on_database_error)
