"""The enterprise list: filters, sort orders with keyset cursors, and the page as JSON or GeoJSON.

Every sort pages by a keyset on (sort key, id), so a page costs the same wherever it is and a row
never shows twice: id; name; distance (the KNN operator `<->` on the geography GiST index, so
"the 20 nearest" reads about 20 index entries, not the table, then orders them by the exact
spheroid distance); relevance (descending) with `q`.
"""

from enum import StrEnum
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Numeric,
    Select,
    Text,
    and_,
    cast,
    func,
    literal,
    literal_column,
    null,
    or_,
    select,
    tuple_,
)
from sqlalchemy.dialects.postgresql import DOUBLE_PRECISION, JSON, aggregate_order_by
from sqlalchemy.ext.asyncio import AsyncSession

from api.enterprises.filters import SPHERE_MARGIN, EnterpriseFilters, apply_filters
from api.enterprises.models import Organisation
from api.enterprises.text import prepare_text_search, relevance
from api.errors import InvalidInput
from api.geo.params import as_geography
from api.pagination import decode_cursor, encode_cursor, total_of

PRIVATE_FIELDS = ("email", "contact_person")
RELEVANCE_WINDOW = 1000
SEARCH_COLUMNS = ("location", "offerings_text", "search_text", "search_vector")
# Columns a list row needs, read with Core: loading ORM objects costs several times more.
LIST_COLUMNS = [c for c in Organisation.__table__.c if c.name not in SEARCH_COLUMNS]


class Sort(StrEnum):
    id = "id"
    name = "name"
    distance = "distance"
    relevance = "relevance"


def resolve_sort(sort: Sort | None, filters: EnterpriseFilters) -> Sort:
    """The asked order, or relevance with `q` and id otherwise; distance needs a point, relevance `q`."""
    if sort is None:
        return Sort.relevance if filters.q else Sort.id
    if sort is Sort.distance and filters.point is None:
        raise InvalidInput("sort=distance needs lat and lon.", pointer="/query/sort")
    if sort is Sort.relevance and not filters.q:
        raise InvalidInput("sort=relevance needs q.", pointer="/query/sort")
    return sort


def _sort_key(sort: Sort, filters: EnterpriseFilters) -> ColumnElement[Any]:
    org = Organisation
    if sort is Sort.name:
        return org.name
    if sort is Sort.distance:
        assert filters.point is not None
        return func.ST_Distance(as_geography(org.location), filters.point.geography(), type_=DOUBLE_PRECISION)
    if sort is Sort.relevance:
        assert filters.q is not None
        return cast(relevance(filters.q), DOUBLE_PRECISION)
    return org.id


def _within_reach(filters: EnterpriseFilters, metres: ColumnElement[Any], after: ColumnElement[bool] | None,
                  limit: int, *, staff: bool) -> ColumnElement[bool]:
    """The disc that must hold the next page in exact (spheroid) distance order, found through the index.

    The KNN operator `<->` walks the GiST index in sphere distance, which differs from the spheroid's
    by well under SPHERE_MARGIN. Its first limit+1 rows lie within some spheroid distance E, so the
    page's rows do too, and so lie within E / (1 - margin) on the sphere: an index range scan.
    """
    assert filters.point is not None
    geography, point = as_geography(Organisation.location), filters.point.geography()
    nearest = apply_filters(select(metres.label("metres")), filters, staff=staff)
    if after is not None:
        nearest = nearest.where(after)
    nearest = nearest.order_by(geography.op("<->")(point)).limit(limit + 1).correlate(None).subquery("nearest")
    reach = select(func.max(nearest.c.metres) / (1 - SPHERE_MARGIN)).scalar_subquery()
    # The index's box test alone: ST_DWithin adds it only for a constant radius, and the page's own
    # ORDER BY and LIMIT drop what the box lets through beyond the disc.
    return geography.op("&&")(func._ST_Expand(point, reach))


def _relevance_window(filters: EnterpriseFilters, after: ColumnElement[bool] | None, *,
                      staff: bool) -> ColumnElement[bool]:
    """The matches a relevance page is ranked among: at most RELEVANCE_WINDOW, as the indexes find them.

    Ranking every match of a common word (a tenth of a million-row table) costs seconds; beyond the
    window a page is the best of the first RELEVANCE_WINDOW matches after the cursor. Pages stay in
    non-increasing relevance and never repeat a row; when there are more matches than the window,
    some may not be shown (narrow the query or add filters). Below the window the order is exact.
    """
    window = apply_filters(select(Organisation.id), filters, staff=staff)
    if after is not None:
        window = window.where(after)
    return Organisation.id.in_(window.limit(RELEVANCE_WINDOW).correlate(None).scalar_subquery())


def _columns(filters: EnterpriseFilters, *, private: bool) -> list[ColumnElement[Any]]:
    org = Organisation
    columns: list[ColumnElement[Any]] = [
        cast(null(), Text).label(c.name) if c.name in PRIVATE_FIELDS and not private else c for c in LIST_COLUMNS]
    columns += [func.ST_X(org.location).label("lon"), func.ST_Y(org.location).label("lat")]
    if filters.point is not None:
        metres = func.ST_Distance(as_geography(org.location), filters.point.geography())
        columns.append(cast(func.round(cast(metres / 1000.0, Numeric), 3), DOUBLE_PRECISION).label("distance_km"))
    else:
        columns.append(cast(null(), DOUBLE_PRECISION).label("distance_km"))
    return columns


def _after(sort: Sort, key: ColumnElement[Any], cursor: str) -> ColumnElement[bool]:
    if sort is Sort.id:
        return Organisation.id > decode_cursor(cursor, {"id": int})["id"]
    after = decode_cursor(cursor, {"k": str if sort is Sort.name else float, "id": int})
    if sort is Sort.relevance:
        return or_(key < after["k"], and_(key == after["k"], Organisation.id > after["id"]))
    return tuple_(key, Organisation.id) > tuple_(literal(after["k"], key.type), literal(after["id"]))


def page_query(filters: EnterpriseFilters, sort: Sort, *, limit: int, cursor: str | None, staff: bool,
               private: bool = False, extra: tuple[ColumnElement[Any], ...] = ()) -> Select[Any]:
    """One page plus one row (to know whether another page follows), ordered by (key, id)."""
    key = _sort_key(sort, filters)
    query = apply_filters(select(*_columns(filters, private=private), *extra, key.label("sort_key")), filters,
                          staff=staff)
    after = _after(sort, key, cursor) if cursor is not None else None
    if after is not None:
        query = query.where(after)
    if sort is Sort.distance:
        query = query.where(_within_reach(filters, key, after, limit, staff=staff))
    if sort is Sort.relevance:
        query = query.where(_relevance_window(filters, after, staff=staff))
    ordered = key.desc() if sort is Sort.relevance else key
    return query.order_by(ordered, Organisation.id).limit(limit + 1)


def next_cursor(sort: Sort, last: dict[str, Any]) -> str:
    if sort is Sort.id:
        return encode_cursor({"id": last["id"]})
    return encode_cursor({"k": last["sort_key"], "id": last["id"]})


def count_query(filters: EnterpriseFilters, *, staff: bool) -> Select[Any]:
    return apply_filters(select(Organisation.id), filters, staff=staff)


async def list_rows(session: AsyncSession, filters: EnterpriseFilters, sort: Sort, *, limit: int,
                    cursor: str | None, staff: bool, private: bool = False
                    ) -> tuple[list[dict[str, Any]], str | None]:
    """A page of rows (dicts of column values, lon/lat apart) and the next page's cursor."""
    if filters.q:
        await prepare_text_search(session)
    query = page_query(filters, sort, limit=limit, cursor=cursor, staff=staff, private=private)
    rows = [dict(row) for row in (await session.execute(query)).mappings().all()]
    following = next_cursor(sort, rows[limit - 1]) if len(rows) > limit else None
    return rows[:limit], following


async def geojson_page(session: AsyncSession, filters: EnterpriseFilters, sort: Sort, *, limit: int,
                       cursor: str | None, staff: bool, private: bool = False) -> tuple[str, str | None]:
    """The page's features as one JSON array built by the database, and the next cursor.

    Properties are the list item's fields without location; geometry is the point, lon first.
    """
    if filters.q:
        await prepare_text_search(session)
    page = page_query(filters, sort, limit=limit, cursor=cursor, staff=staff, private=private,
                      extra=(Organisation.location.label("geom"),)).subquery("page")
    order = page.c.sort_key.desc() if sort is Sort.relevance else page.c.sort_key
    numbered = select(page, func.row_number().over(order_by=[order, page.c.id]).label("rn")).subquery("numbered")
    properties = func.to_jsonb(numbered.table_valued())
    for name in ("geom", "lon", "lat", "sort_key", "rn"):
        properties = properties.op("-")(literal(name))
    feature = func.json_build_object(
        literal("type"), literal("Feature"), literal("id"), numbered.c.id,
        literal("geometry"), cast(func.ST_AsGeoJSON(numbered.c.geom, 7), JSON),
        literal("properties"), properties)
    in_page = numbered.c.rn <= limit
    statement = select(
        cast(func.coalesce(func.json_agg(aggregate_order_by(feature, numbered.c.rn)).filter(in_page),
                           literal_column("'[]'::json")), Text).label("features"),
        (func.count() > limit).label("has_more"),
        func.max(numbered.c.id).filter(numbered.c.rn == limit).label("id"),
        func.max(numbered.c.sort_key).filter(numbered.c.rn == limit).label("sort_key"),
    )
    row = (await session.execute(statement)).mappings().one()
    following = next_cursor(sort, dict(row)) if row["has_more"] else None
    return row["features"], following


async def total(session: AsyncSession, filters: EnterpriseFilters, *, staff: bool) -> tuple[int, bool]:
    if filters.q:
        await prepare_text_search(session)
    return await total_of(session, count_query(filters, staff=staff))
