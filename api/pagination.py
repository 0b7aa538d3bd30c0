"""Lists page here: page parameters, opaque keyset cursors, one keyset-page helper, cheap totals.

A list endpoint takes `PageDep` (limit and cursor), builds its filtered query, and hands it to
`keyset_page(session, query, page, key=Model.id)`, which continues after the cursor, fetches one row more
than the page to know whether another follows, and returns the rows with the next cursor; lists ordered by
a deadline that may be missing (tenders, funding calls) use `deadline_page` with a `DeadlineKeyset`. Lists whose page
the database builds as one document (GeoJSON) use the same `Keyset` for the filter and the cursor.
"""

import base64
import json
import math
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any, Generic, Literal, TypeVar

from fastapi import Depends, Query
from sqlalchemy import ColumnElement, Date, DateTime, String, and_, cast, func, literal, or_, select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from api.db import AnySelect
from api.errors import BadRequest
from api.inputs import BIGINT_MAX

MAX_LIMIT = 200
DEFAULT_LIMIT = 50
# Above this many matches a count is replaced by the planner's estimate, so that a page of a
# million-row result costs the page, not a full count.
EXACT_TOTAL_CAP = 10_000
# The planner's estimates of large results (PostGIS and tsvector statistics) are good to a factor of two.
ESTIMATE_TRUSTED_ABOVE = 2 * EXACT_TOTAL_CAP

Row = TypeVar("Row")

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Page size, at most {MAX_LIMIT}.")]
Cursor = Annotated[str | None, Query(description="The `next_cursor` of the previous page.")]


@dataclass(frozen=True)
class PageParams:
    """Which page a client asks for: its size and where the previous page ended."""

    limit: int = DEFAULT_LIMIT
    cursor: str | None = None


def page_params(limit: Limit = DEFAULT_LIMIT, cursor: Cursor = None) -> PageParams:
    return PageParams(limit=limit, cursor=cursor)


PageDep = Annotated[PageParams, Depends(page_params)]


@dataclass(frozen=True)
class Page(Generic[Row]):
    """One page of rows and the cursor of the next one (None on the last page)."""

    items: list[Row]
    limit: int
    next_cursor: str | None


@dataclass(frozen=True)
class Keyset:
    """A unique integer column a list is ordered by, and its direction (newest first is descending)."""

    column: InstrumentedAttribute[int]  # e.g. Submission.id
    descending: bool = False

    def after(self, cursor: str) -> ColumnElement[bool]:
        """The rows that follow the cursor's row, in this order; a cursor this API did not issue is a 400."""
        last: int = decode_cursor(cursor, {"id": int})["id"]
        return self.column < last if self.descending else self.column > last

    def apply(self, query: AnySelect, page: PageParams) -> AnySelect:
        """The query continued after the cursor, ordered by the key, one row longer than the page."""
        if page.cursor is not None:
            query = query.where(self.after(page.cursor))
        return query.order_by(self.column.desc() if self.descending else self.column).limit(page.limit + 1)

    @staticmethod
    def cursor_after(last_key: int) -> str:
        return encode_cursor({"id": last_key})


async def keyset_page(session: AsyncSession, query: AnySelect, page: PageParams, *, key: InstrumentedAttribute[int],
                      descending: bool = False, rows: Literal["entities", "mappings", "tuples"] = "entities",
                      key_of: Callable[[Any], int] | None = None) -> Page[Any]:
    """One page of `query` ordered by the unique integer `key`, after `page.cursor`.

    `rows` says what a row is: the one ORM entity the query selects, a dict-like row of columns, or a tuple
    of entities. `key_of` reads the key from a row; by default the attribute (or column) named like `key`,
    of the tuple's first entity for tuples.
    """
    keyset = Keyset(key, descending=descending)
    result = await session.execute(keyset.apply(query, page))
    found: Sequence[Any] = (result.scalars().all() if rows == "entities"
                            else result.mappings().all() if rows == "mappings" else result.all())
    following = None
    if len(found) > page.limit:
        following = keyset.cursor_after((key_of or _default_key_of(key.key, rows))(found[page.limit - 1]))
    return Page(items=list(found[:page.limit]), limit=page.limit, next_cursor=following)


@dataclass(frozen=True)
class DeadlineKeyset:
    """Soonest first by a date or timestamp that may be missing (missing ones last), then by a unique integer
    id: the tender radar's and the funding calls' order. The cursor is {"deadline": the last row's value in
    ISO 8601, or `far_future` when it had none, "id": …}."""

    deadline: InstrumentedAttribute[Any]  # e.g. Tender.deadline (a timestamp) or FundingCall.deadline (a date)
    column: InstrumentedAttribute[int]
    sql_type: Date | DateTime
    far_future: str  # sorts after every value: "infinity", "9999-12-31"

    def _at(self, value: str) -> ColumnElement[Any]:
        return cast(literal(value, String), self.sql_type)

    @property
    def sort_key(self) -> ColumnElement[Any]:
        return func.coalesce(self.deadline, self._at(self.far_future))

    def after(self, cursor: str) -> ColumnElement[bool]:
        """The rows that follow the cursor's row; a cursor this API did not issue is a 400."""
        key = decode_cursor(cursor, {"deadline": str, "id": int})
        if key["deadline"] != self.far_future:
            parse = datetime.fromisoformat if isinstance(self.sql_type, DateTime) else date.fromisoformat
            try:
                parse(key["deadline"])
            except ValueError as exc:
                raise BadRequest("The cursor is not one this API issued.", pointer="/cursor") from exc
        at = self._at(key["deadline"])
        return or_(self.sort_key > at, and_(self.sort_key == at, self.column > key["id"]))

    def cursor_after(self, row: Any) -> str:
        deadline = getattr(row, self.deadline.key)
        return encode_cursor({"deadline": deadline.isoformat() if deadline is not None else self.far_future,
                              "id": getattr(row, self.column.key)})


async def deadline_page(session: AsyncSession, query: AnySelect, page: PageParams,
                        keyset: DeadlineKeyset) -> Page[Any]:
    """One page of `query` (selecting one ORM entity) in the keyset's order, after `page.cursor`."""
    if page.cursor is not None:
        query = query.where(keyset.after(page.cursor))
    found = (await session.scalars(query.order_by(keyset.sort_key, keyset.column).limit(page.limit + 1))).all()
    following = keyset.cursor_after(found[page.limit - 1]) if len(found) > page.limit else None
    return Page(items=list(found[:page.limit]), limit=page.limit, next_cursor=following)


def _default_key_of(name: str, rows: str) -> Callable[[Any], int]:
    if rows == "mappings":
        return lambda row: int(row[name])
    if rows == "tuples":
        return lambda row: int(getattr(row[0], name))
    return lambda row: int(getattr(row, name))


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


class _Counting:
    """What counting a query takes, made once per query object: the capped count, and (when first needed) the
    EXPLAIN that estimates it, compiled to SQL with its parameters' names in order."""

    def __init__(self, query: AnySelect) -> None:
        self.unordered = query.order_by(None)
        self.capped = select(func.count()).select_from(self.unordered.limit(EXACT_TOTAL_CAP + 1).subquery())
        self._explain: tuple[str, tuple[str, ...], dict[str, Any]] | None = None

    def explain(self, dialect: Any) -> tuple[str, tuple[str, ...], dict[str, Any]]:
        if self._explain is None:
            # EXPLAIN takes no bind parameters through SQLAlchemy, so send the compiled statement and its
            # parameters to asyncpg directly: still parameterised, never values spliced into SQL.
            compiled = self.unordered.compile(dialect=dialect, compile_kwargs={"render_postcompile": True})
            self._explain = (f"EXPLAIN (FORMAT JSON) {compiled.string}", tuple(compiled.positiontup or ()),
                             dict(compiled.params))
        return self._explain


# Per query object: a list statement built once and kept (api.enterprises.search.STATEMENTS) is counted
# without building or compiling anything again; any other query is forgotten with it.
_COUNTING: "weakref.WeakKeyDictionary[AnySelect, _Counting]" = weakref.WeakKeyDictionary()


def _counting(query: AnySelect) -> _Counting:
    found = _COUNTING.get(query)
    if found is None:
        found = _COUNTING[query] = _Counting(query)
    return found


async def total_of(session: AsyncSession, query: AnySelect, values: dict[str, Any] | None = None, *,
                   estimate_first: bool = False, trusted_above: int = ESTIMATE_TRUSTED_ABOVE) -> tuple[int, bool]:
    """(total, exact): an exact count up to EXACT_TOTAL_CAP, the planner's estimate beyond.

    `values`: the query's named parameters, when it was built once for many requests. `estimate_first`: ask
    the planner first and count only when it expects a countable result (at most `trusted_above` rows), so
    that a query matching a hundred thousand rows does not read ten thousand of them to say so.
    """
    counting, values = _counting(query), values or {}
    if estimate_first:
        estimate, parallel = await _planner_estimate(session, counting, values)
        if estimate > trusted_above:
            return estimate, False
        if parallel:
            # Parallel workers take tens of milliseconds to start on a busy machine, more than counting ten
            # thousand rows alone (radius 50 km: 114 ms with two workers, 24-32 ms without): this
            # transaction's count runs in one process. Only when the plan asks for workers: a round trip.
            await session.execute(text("SET LOCAL max_parallel_workers_per_gather = 0"))
    count = await session.scalar(counting.capped, values)
    if count is not None and count <= EXACT_TOTAL_CAP:
        return count, True
    return max((await _planner_estimate(session, counting, values))[0], EXACT_TOTAL_CAP + 1), False


async def _planner_estimate(session: AsyncSession, counting: _Counting, values: dict[str, Any]) -> tuple[int, bool]:
    """The planner's estimate of the rows, and whether its plan starts parallel workers."""
    connection = await session.connection()
    sql, names, params = counting.explain(connection.dialect)
    raw = (await connection.get_raw_connection()).driver_connection
    assert raw is not None, "an open connection has its driver's connection"
    plan = await raw.fetchval(sql, *[values.get(name, params[name]) for name in names])
    # asyncpg may hand back the JSON already decoded, depending on the connection's codecs.
    top = (plan if isinstance(plan, list) else json.loads(plan))[0]["Plan"]
    return int(top["Plan Rows"]), _starts_workers(top)


def _starts_workers(node: dict[str, Any]) -> bool:
    return "Workers Planned" in node or any(_starts_workers(child) for child in node.get("Plans", []))
