"""Opaque keyset cursors and cheap totals for list endpoints."""

import base64
import json
import math
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.errors import BadRequest
from api.inputs import BIGINT_MAX

MAX_LIMIT = 200
DEFAULT_LIMIT = 50
# Above this many matches a count is replaced by the planner's estimate, so that a page of a
# million-row result costs the page, not a full count.
EXACT_TOTAL_CAP = 10_000
# The planner's estimates of large results (PostGIS and tsvector statistics) are good to a factor of two.
ESTIMATE_TRUSTED_ABOVE = 2 * EXACT_TOTAL_CAP


def encode_cursor(key: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(key, separators=(",", ":")).encode()).decode().rstrip("=")


def decode_cursor(cursor: str, expected: dict[str, type]) -> dict[str, Any]:
    """The key a cursor carries, each value of the type the query expects ({"id": int}), or a 400.

    A cursor comes back from the client, so it is input like any other: right keys with wrong types
    ({"id": "abc"}), ids beyond a bigint or text with NUL would otherwise reach the database.
    """
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        key = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise BadRequest("The cursor is not one this API issued.", pointer="/cursor") from exc
    if not isinstance(key, dict) or set(key) != set(expected) \
            or not all(_fits(key[name], kind) for name, kind in expected.items()):
        raise BadRequest("The cursor does not belong to this query or sort order.", pointer="/cursor")
    return key


def _fits(value: Any, kind: type) -> bool:
    if isinstance(value, bool):
        return False
    if kind is int:
        return isinstance(value, int) and -BIGINT_MAX - 1 <= value <= BIGINT_MAX
    if kind is float:
        return isinstance(value, int | float) and math.isfinite(value)
    return isinstance(value, str) and "\x00" not in value


async def total_of(session: AsyncSession, query: Select[Any], *, estimate_first: bool = False) -> tuple[int, bool]:
    """(total, exact): an exact count up to EXACT_TOTAL_CAP, the planner's estimate beyond.

    `estimate_first`: ask the planner first and count only when it expects a countable result, so
    that a query matching a hundred thousand rows does not read ten thousand of them to say so.
    """
    if estimate_first:
        estimate = await _planner_estimate(session, query.order_by(None))
        if estimate > ESTIMATE_TRUSTED_ABOVE:
            return estimate, False
    capped = query.order_by(None).limit(EXACT_TOTAL_CAP + 1).subquery()
    count = await session.scalar(select(func.count()).select_from(capped))
    if count is not None and count <= EXACT_TOTAL_CAP:
        return count, True
    return max(await _planner_estimate(session, query.order_by(None)), EXACT_TOTAL_CAP + 1), False


async def _planner_estimate(session: AsyncSession, query: Select[Any]) -> int:
    # EXPLAIN takes no bind parameters through SQLAlchemy, so send the compiled statement and
    # its parameters to asyncpg directly: still parameterised, never values spliced into SQL.
    connection = await session.connection()
    compiled = query.compile(dialect=connection.dialect, compile_kwargs={"render_postcompile": True})
    args = [compiled.params[name] for name in (compiled.positiontup or [])]
    raw = (await connection.get_raw_connection()).driver_connection
    plan = await raw.fetchval(f"EXPLAIN (FORMAT JSON) {compiled.string}", *args)
    # asyncpg may hand back the JSON already decoded, depending on the connection's codecs.
    document = plan if isinstance(plan, list) else json.loads(plan)
    return int(document[0]["Plan"]["Plan Rows"])
