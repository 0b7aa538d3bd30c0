"""The enterprise list: filters, sort orders with keyset cursors, and the page as JSON or GeoJSON.

Every sort pages by a keyset on (sort key, id), so a page costs the same wherever it is and a row
never shows twice: id; name; distance (the KNN operator `<->` on the geography GiST index, so
"the 20 nearest" reads about 20 index entries, not the table, then orders them by the exact
spheroid distance); relevance (descending) with `q`.

Relevance is ranked over every match, in three tiers, each above the next:

1. Exact, 3..4: an entry whose name or locality holds the typed word (or the local name of the town the
   word names, see api.places) scores 3 + its score in `search_terms` (a word of a short name scores
   more; a locality word 0.5). The b-tree on (term, score DESC) hands those out best first, so a page of
   a word in a hundred thousand names reads a page of index entries.
2. All words, 2.8..3: with several words, or one word that no name holds (a typo), an entry whose names
   and localities hold every word scores base + 0.1 × the lowest of those words' scores; base 2.9 for
   the words as typed, 2.8 when a typed word was corrected to its most similar word of the vocabulary
   (`search_words`, read before the page by api.enterprises.text.read_words). The page walks the rarest
   word's postings best first and probes the other words' postings per entry, so it stops after a page
   of hits. An entry counts under the first word (rarest first) with its lowest score: the rarest
   word's walk takes those whose other words score at least as high; an entry whose lowest score is
   another word's has that word in its locality (0.5) or in a name of over ten words, below 0.5, so a
   short walk of that word's postings scored ≤ 0.5 finds it. Each branch is in key order and an entry's
   key is the same on every page, so keyset cursors neither repeat nor skip.
3. Other matches, 2..2.8: a word of a description or offering, a region's name, a document's word
   similar to the text: ts_rank and trigram similarity, computed over all of them, and only when the
   tiers above cannot fill the page: such a page costs its number of matches.
"""

from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import fields, replace
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Numeric,
    Text,
    and_,
    bindparam,
    cast,
    exists,
    func,
    literal,
    literal_column,
    null,
    or_,
    select,
    tuple_,
    union_all,
)
from sqlalchemy.dialects.postgresql import ARRAY, DOUBLE_PRECISION, JSON, aggregate_order_by, array
from sqlalchemy.ext.asyncio import AsyncSession

from api.db import AnyColumn, AnySelect
from api.enterprises.filters import (
    SPHERE_MARGIN,
    EnterpriseFilters,
    apply_filters,
    member_clusters,
    radius_parameters,
)
from api.enterprises.models import Organisation, SearchTerm
from api.enterprises.schemas import PRIVATE_FIELDS, EnterpriseOut
from api.enterprises.text import Words, normalised, prepare_text_search, read_words, relevance, understand
from api.errors import InvalidInput
from api.geo.params import BoundBBox, BoundPoint, as_geography
from api.pagination import ESTIMATE_TRUSTED_ABOVE, EXACT_TOTAL_CAP, decode_cursor, encode_cursor, total_of

# Exact name and locality matches score above this, every other match below (see the module's note).
EXACT_TIER = 3.0
# Entries holding every typed word: base + WORDS_WIDTH × their lowest score, so 2.9..3 for the words as typed
# and 2.8..2.9 for corrected words; every other match scores below 2.8 (api.enterprises.text.relevance).
WORDS_TIER = 2.9
CORRECTED_TIER = 2.8
WORDS_WIDTH = 0.1
# A locality word's score in search_terms (semap_name_terms, migration 0014); a name word's is above it
# unless the name has over ten words.
LOCALITY_SCORE = 0.5
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


def _sort_key(sort: Sort, filters: EnterpriseFilters) -> AnyColumn:
    org = Organisation
    if sort is Sort.name:
        return org.name
    if sort is Sort.distance:
        assert filters.point is not None
        return func.ST_Distance(as_geography(org.location), filters.point.geography(), type_=DOUBLE_PRECISION)
    return org.id


def _within_reach(filters: EnterpriseFilters, metres: AnyColumn, after: ColumnElement[bool] | None,
                  limit: int, *, staff: bool) -> ColumnElement[bool]:
    """The disc that must hold the next page in exact (spheroid) distance order, found through the index.

    The KNN operator `<->` walks the GiST index in sphere distance, which differs from the spheroid's
    by well under SPHERE_MARGIN. Its first limit+1 rows lie within some spheroid distance E, so the
    page's rows do too, and so lie within E / (1 - margin) on the sphere: an index range scan.
    """
    assert filters.point is not None
    geography, point = as_geography(Organisation.location), filters.point.geography()
    query = apply_filters(select(metres.label("metres")), filters, staff=staff)
    if after is not None:
        query = query.where(after)
    nearest = query.order_by(geography.op("<->")(point)).limit(limit + 1).correlate(None).subquery("nearest")
    reach = select(func.max(nearest.c.metres) / (1 - SPHERE_MARGIN)).scalar_subquery()
    # The index's box test alone: ST_DWithin adds it only for a constant radius, and the page's own
    # ORDER BY and LIMIT drop what the box lets through beyond the disc.
    return geography.op("&&")(func._ST_Expand(point, reach))


def _after_posting(key: ColumnElement[Any], cursor: dict[str, Any]) -> ColumnElement[bool]:
    """After the cursor in (key DESC, id) order, for a key computed from the posting's score."""
    return or_(key < cursor["k"], and_(key == cursor["k"], SearchTerm.organisation_id > cursor["id"]))


def _exact_tier(filters: EnterpriseFilters, cursor: dict[str, Any] | None, limit: int, *,
                staff: bool) -> list[AnySelect]:
    """Per exact word, its best limit+1 entries after the cursor, in index order; an entry counts once,
    under the first word (in `exact_words` order) it has, so its score is the same whatever the page."""
    words = [normalised(w) for w in understand(filters.q or "").exact_words]
    unfiltered = replace(filters, q=None)
    branches = []
    for index, word in enumerate(words):
        key = (EXACT_TIER + cast(SearchTerm.score, DOUBLE_PRECISION)).label("key")
        branch = apply_filters(select(Organisation.id.label("id"), key).select_from(SearchTerm).join(
            Organisation, Organisation.id == SearchTerm.organisation_id), unfiltered, staff=staff)
        branch = branch.where(SearchTerm.term == word)
        if filters.country:  # the same as the organisation's: lets the country's own index serve the walk
            branch = branch.where(SearchTerm.country.in_(filters.country))
        earlier = [SearchTerm.__table__.alias(f"earlier_{n}") for n in range(index)]
        for n, alias in enumerate(earlier):
            branch = branch.where(~exists(select(1).select_from(alias).where(
                alias.c.term == words[n], alias.c.organisation_id == SearchTerm.organisation_id)))
        if cursor is not None:
            # The bound on score lets the index start at the cursor; the exact test follows, on the posting's
            # own columns so that it drops the postings before the cursor before any join or probe.
            branch = branch.where(SearchTerm.score <= cast(cursor["k"] - EXACT_TIER + 1e-6, SearchTerm.score.type),
                                  _after_posting(key, cursor))
        branches.append(branch.order_by(SearchTerm.score.desc(), SearchTerm.organisation_id).limit(limit + 1))
    return branches


def _holds(term: Any, table: Any = SearchTerm) -> ColumnElement[bool]:
    """The organisation of `table`'s row (or of the list's row) has `term` in its name or locality."""
    owner = table.organisation_id if table is SearchTerm else table.id
    probe = SearchTerm.__table__.alias("holds")
    return exists(select(1).select_from(probe).where(probe.c.term == term, probe.c.organisation_id == owner))


def _words_tier(filters: EnterpriseFilters, words: Words, cursor: dict[str, Any] | None, limit: int, *,
                staff: bool) -> list[AnySelect]:
    """Entries whose names and localities hold every word of `words`, keyed base + 0.1 × the lowest of the
    words' scores there, as one branch per word in key order (see the module's note)."""
    base = CORRECTED_TIER if words.corrected else WORDS_TIER
    exact_words = [normalised(w) for w in understand(filters.q or "").exact_words]
    order = [words.rarest, *[n for n in range(len(words.terms)) if n != words.rarest]]
    unfiltered = replace(filters, q=None)
    branches = []
    for position, walked in enumerate(order):
        score = cast(SearchTerm.score, DOUBLE_PRECISION)
        key = (literal(base, DOUBLE_PRECISION) + literal(WORDS_WIDTH, DOUBLE_PRECISION) * score).label("key")
        branch = apply_filters(select(Organisation.id.label("id"), key).select_from(SearchTerm).join(
            Organisation, Organisation.id == SearchTerm.organisation_id), unfiltered, staff=staff)
        branch = branch.where(SearchTerm.term == words.terms[walked])
        if filters.country:
            branch = branch.where(SearchTerm.country.in_(filters.country))
        if position > 0:
            # Its score is below the rarest word's: a locality word (0.5) under a name word, or a word of
            # a name of over ten words (score < 0.5): never above LOCALITY_SCORE, a range of the index.
            branch = branch.where(SearchTerm.score <= cast(LOCALITY_SCORE, SearchTerm.score.type))
        for other_position, other in enumerate(order):
            if other == walked:
                continue
            probe = SearchTerm.__table__.alias(f"word_{other_position}")
            # A scalar subquery, not EXISTS: the planner would turn EXISTS into a hash join of every posting of
            # both words, where a probe per walked posting stops after a page.
            its_score = select(probe.c.score).where(
                probe.c.term == words.terms[other], probe.c.organisation_id == SearchTerm.organisation_id
            ).scalar_subquery()
            # The entry counts under the first word (in walking order) with its lowest score.
            earlier = other_position < position
            branch = branch.where(its_score > SearchTerm.score if earlier else its_score >= SearchTerm.score)
        for word in exact_words:  # those rank in the exact tier
            branch = branch.where(~_holds(word))
        if cursor is not None:
            bound = (cursor["k"] - base) / WORDS_WIDTH + 1e-5
            branch = branch.where(SearchTerm.score <= cast(bound, SearchTerm.score.type), _after_posting(key, cursor))
        branches.append(branch.order_by(SearchTerm.score.desc(), SearchTerm.organisation_id).limit(limit + 1))
    return branches


def _with_words(words: Words | None) -> bool:
    """Whether the words tier applies: several words, or one corrected (one exact word is the exact tier)."""
    return words is not None and (len(words.terms) > 1 or words.corrected)


def _relevance_hits(filters: EnterpriseFilters, cursor: str | None, limit: int, *, staff: bool) -> AnySelect:
    """(id, key) of the next limit+1 matches by relevance: the exact and words tiers, then the others if still
    needed."""
    after = decode_cursor(cursor, {"k": float, "id": int}) if cursor is not None else None
    assert filters.q is not None
    exact_words = [normalised(w) for w in understand(filters.q).exact_words]
    branches = _exact_tier(filters, after, limit, staff=staff)
    key = cast(relevance(filters.q), DOUBLE_PRECISION).label("key")
    others = apply_filters(select(Organisation.id.label("id"), key), filters, staff=staff)
    if exact_words:
        others = others.where(~exists(select(1).select_from(SearchTerm).where(
            SearchTerm.organisation_id == Organisation.id, SearchTerm.term.in_(exact_words))))
    if filters.words is not None and _with_words(filters.words):
        branches += _words_tier(filters, filters.words, after, limit, staff=staff)
        others = others.where(~and_(*[_holds(term, Organisation) for term in filters.words.terms]))
    if after is not None:
        others = others.where(or_(key < after["k"], and_(key == after["k"], Organisation.id > after["id"])))
    if branches:
        exact = union_all(*branches).subquery("exact")
        first = select(exact.c.id, exact.c.key).order_by(exact.c.key.desc(), exact.c.id).limit(limit + 1).cte(
            "exact_page")
        # A one-time filter: the other matches are ranked only when the upper tiers cannot fill the page.
        others = others.where(select(func.count()).select_from(first).scalar_subquery() <= limit)
        hits = union_all(select(first.c.id, first.c.key),
                         others.order_by(key.desc(), Organisation.id).limit(limit + 1)).subquery("ranked")
    else:
        hits = others.subquery("ranked")
    return select(hits.c.id, hits.c.key).order_by(hits.c.key.desc(), hits.c.id).limit(limit + 1)


def _columns(filters: EnterpriseFilters, *, private: bool) -> list[ColumnElement[Any]]:
    org = Organisation
    columns: list[ColumnElement[Any]] = [
        cast(null(), Text).label(c.name) if c.name in PRIVATE_FIELDS and not private else c for c in LIST_COLUMNS]
    columns += [func.ST_X(org.location).label("lon"), func.ST_Y(org.location).label("lat"),
                member_clusters().label("clusters")]
    if filters.point is not None:
        metres = func.ST_Distance(as_geography(org.location), filters.point.geography())
        columns.append(cast(func.round(cast(metres / 1000.0, Numeric), 3), DOUBLE_PRECISION).label("distance_km"))
    else:
        columns.append(cast(null(), DOUBLE_PRECISION).label("distance_km"))
    return columns


def _cursor_values(sort: Sort, cursor: str | None) -> dict[str, Any]:
    """The cursor's key as the named parameters `cursor_id` and `cursor_k` of an id, name or distance page (a
    cursor this API did not issue is a 400). A relevance page writes its cursor into the statement."""
    if cursor is None or sort is Sort.relevance:
        return {}
    if sort is Sort.id:
        return {"cursor_id": decode_cursor(cursor, {"id": int})["id"]}
    after = decode_cursor(cursor, {"k": str if sort is Sort.name else float, "id": int})
    return {"cursor_id": after["id"], "cursor_k": after["k"]}


def _cursor_id(values: dict[str, Any]) -> ColumnElement[int]:
    return bindparam("cursor_id", values["cursor_id"], type_=BigInteger)


def _after(sort: Sort, key: AnyColumn, values: dict[str, Any]) -> ColumnElement[bool]:
    if sort is Sort.id:
        return Organisation.id > _cursor_id(values)
    return tuple_(key, Organisation.id) > tuple_(bindparam("cursor_k", values["cursor_k"], type_=key.type),
                                                 _cursor_id(values))


def page_query(filters: EnterpriseFilters, sort: Sort, *, limit: int, cursor: str | None, staff: bool,
               private: bool = False, extra: tuple[ColumnElement[Any], ...] = ()) -> AnySelect:
    """One page plus one row (to know whether another page follows), ordered by (key, id)."""
    if sort is Sort.relevance:
        hits = _relevance_hits(filters, cursor, limit, staff=staff).subquery("hits")
        return (select(*_columns(filters, private=private), *extra, hits.c.key.label("sort_key"))
                .select_from(Organisation).join(hits, hits.c.id == Organisation.id)
                .order_by(hits.c.key.desc(), Organisation.id).limit(limit + 1))
    key = _sort_key(sort, filters)
    query = apply_filters(select(*_columns(filters, private=private), *extra, key.label("sort_key")), filters,
                          staff=staff)
    after = _after(sort, key, _cursor_values(sort, cursor)) if cursor is not None else None
    if after is not None:
        query = query.where(after)
    if sort is Sort.distance:
        query = query.where(_within_reach(filters, key, after, limit, staff=staff))
    if sort is Sort.id and (filters.bbox is not None or filters.radius_km is not None):
        # Ids are positive, so distance from 0 is the id order; as a KNN order it walks the (location, id)
        # GiST index inside the box (or the radius' box) instead of the whole box or the whole id range.
        # Written as the index's expression (id + 0), which single-id lookups do not match.
        indexed = Organisation.id + literal_column("0")
        if cursor is not None:
            query = query.where(indexed > _cursor_id(_cursor_values(sort, cursor)))
        return query.order_by(indexed.op("<->")(literal(0, BigInteger))).limit(limit + 1)
    return query.order_by(key, Organisation.id).limit(limit + 1)


def next_cursor(sort: Sort, last: dict[str, Any]) -> str:
    if sort is Sort.id:
        return encode_cursor({"id": last["id"]})
    return encode_cursor({"k": last["sort_key"], "id": last["id"]})


def count_query(filters: EnterpriseFilters, *, staff: bool) -> AnySelect:
    return apply_filters(select(Organisation.id), filters, staff=staff)


async def prepare_search(session: AsyncSession, filters: EnterpriseFilters, sort: Sort) -> EnterpriseFilters:
    """With `q`, this transaction's search settings; by relevance, also `q`'s words read from the vocabulary."""
    if not filters.q:
        return filters
    await prepare_text_search(session)
    if sort is not Sort.relevance:
        return filters
    return replace(filters, words=await read_words(session, filters.q))


class _Statements:
    """Built statements by shape, least recently used dropped first.

    Building a page's statement costs milliseconds of Python (a few hundred column objects across its
    subqueries), more than the database takes to run it. Within a shape (the sort, the page size, the caller's
    rights and every filter but the box, the point and the radius) only the box, the point, the radius and the
    cursor's key differ, and those are named parameters (api.geo.params.BoundBBox, BoundPoint, `radius_m`,
    `cursor_id`, `cursor_k`): one statement serves every map view and every "nearest" of a shape, and
    SQLAlchemy's compiled form with it."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._built: OrderedDict[Hashable, AnySelect] = OrderedDict()

    def get(self, key: Hashable | None, build: Callable[[], AnySelect]) -> AnySelect:
        if key is None:
            return build()
        statement = self._built.get(key)
        if statement is None:
            statement = self._built[key] = build()
            if len(self._built) > self.size:
                self._built.popitem(last=False)
        else:
            self._built.move_to_end(key)
        return statement


# A statement is about 220 KB of Python objects: 128 of them, at most 28 MB a worker. Searches keep their own
# few, since each text is a shape of its own and a stream of different searches would push out the map's.
STATEMENTS = _Statements(96)
SEARCH_STATEMENTS = _Statements(32)


def _statements(filters: EnterpriseFilters) -> _Statements:
    return SEARCH_STATEMENTS if filters.q else STATEMENTS


def _bound(filters: EnterpriseFilters) -> tuple[EnterpriseFilters, dict[str, Any]]:
    """`filters` with the box and the point as named parameters, and those parameters' values."""
    values: dict[str, Any] = {}
    point, box = filters.point, filters.bbox
    if point is not None:
        point = BoundPoint(point.lon, point.lat)
        values |= point.values()
        if filters.radius_km is not None:
            values |= radius_parameters(point, filters.radius_km)
    if box is not None:
        box = BoundBBox(box.min_lon, box.min_lat, box.max_lon, box.max_lat)
        values |= box.values()
    return replace(filters, point=point, bbox=box), values


def _shape(filters: EnterpriseFilters) -> tuple[Any, ...]:
    """The filters as a key, with only whether a box, a point and a radius are asked (their values are
    parameters)."""
    shape: list[Any] = []
    for spec in fields(filters):
        value = getattr(filters, spec.name)
        if spec.name in ("bbox", "point", "radius_km"):
            value = value is not None
        elif isinstance(value, list):
            value = tuple(value)
        shape.append(value)
    return tuple(shape)


def _page_key(kind: str, filters: EnterpriseFilters, sort: Sort, *, limit: int, cursor: str | None, staff: bool,
              private: bool) -> Hashable | None:
    if sort is Sort.relevance and cursor is not None:  # the cursor's key is written into each tier: not shared
        return None
    return (kind, _shape(filters), sort, limit, cursor is not None, staff, private)


async def list_rows(session: AsyncSession, filters: EnterpriseFilters, sort: Sort, *, limit: int,
                    cursor: str | None, staff: bool, private: bool = False
                    ) -> tuple[list[dict[str, Any]], str | None]:
    """A page of rows (dicts of column values, lon/lat apart) and the next page's cursor."""
    filters, values = _bound(await prepare_search(session, filters, sort))
    values |= _cursor_values(sort, cursor)
    query = _statements(filters).get(_page_key("rows", filters, sort, limit=limit, cursor=cursor, staff=staff,
                                     private=private),
                           lambda: page_query(filters, sort, limit=limit, cursor=cursor, staff=staff,
                                              private=private))
    rows = [dict(row) for row in (await session.execute(query, values)).mappings().all()]
    following = next_cursor(sort, rows[limit - 1]) if len(rows) > limit else None
    return rows[:limit], following


async def geojson_page(session: AsyncSession, filters: EnterpriseFilters, sort: Sort, *, limit: int,
                       cursor: str | None, staff: bool, private: bool = False) -> tuple[str, str | None]:
    """The page's features as one JSON array built by the database, and the next cursor.

    Properties are the list item's fields without location; geometry is the point, lon first.
    """
    filters, values = _bound(await prepare_search(session, filters, sort))
    values |= _cursor_values(sort, cursor)

    def build() -> AnySelect:
        query = page_query(filters, sort, limit=limit, cursor=cursor, staff=staff, private=private,
                           extra=(Organisation.location.label("geom"),))
        return _as_json(sort, query, limit, _feature)

    key = _page_key("geojson", filters, sort, limit=limit, cursor=cursor, staff=staff, private=private)
    return await _run_page(session, sort, _statements(filters).get(key, build), values)


def _feature(numbered: Any) -> ColumnElement[Any]:
    properties: ColumnElement[Any] = func.to_jsonb(numbered.table_valued())
    for name in ("geom", "lon", "lat", "sort_key", "rn"):
        properties = properties.op("-")(literal(name))
    return func.json_build_object(
        literal("type"), literal("Feature"), literal("id"), numbered.c.id,
        literal("geometry"), cast(func.ST_AsGeoJSON(numbered.c.geom, 7), JSON),
        literal("properties"), properties)


# What the JSON item holds beyond or instead of the columns (EnterpriseOut's fields, as Pydantic writes them).
JSON_TIMES = ("claimed_at", "last_confirmed_at", "created_at", "updated_at")
JSON_DECIMALS = ("annual_turnover_eur", "service_radius_km")


def _json_item(numbered: Any) -> ColumnElement[Any]:
    """A page row as EnterpriseOut's JSON: the columns, the point as GeoJSON, `claimed`, timestamps in UTC with
    "Z" and decimals as strings (Pydantic's forms), without the columns the API does not show."""
    hidden = [c.name for c in LIST_COLUMNS if c.name not in EnterpriseOut.model_fields]
    item = func.to_jsonb(numbered.table_valued()).op("-")(
        array([literal(n) for n in [*hidden, "lon", "lat", "sort_key", "rn"]], type_=ARRAY(Text)))
    coordinates = func.jsonb_build_array(func.round(cast(numbered.c.lon, Numeric), 7),
                                         func.round(cast(numbered.c.lat, Numeric), 7))
    overrides: list[Any] = [literal("location"), func.jsonb_build_object(literal("type"), literal("Point"),
                                                                          literal("coordinates"), coordinates),
                            literal("claimed"), numbered.c.claimed_at.is_not(None)]
    for name in JSON_TIMES:
        overrides += [literal(name), func.semap_json_time(numbered.c[name])]
    for name in JSON_DECIMALS:
        overrides += [literal(name), cast(numbered.c[name], Text)]
    return item.op("||")(func.jsonb_build_object(*overrides))


async def json_page(session: AsyncSession, filters: EnterpriseFilters, sort: Sort, *, limit: int,
                    cursor: str | None, staff: bool, private: bool = False) -> tuple[str, str | None]:
    """The page's items as one JSON array built by the database (no per-row Python), and the next cursor."""
    filters, values = _bound(await prepare_search(session, filters, sort))
    values |= _cursor_values(sort, cursor)
    key = _page_key("json", filters, sort, limit=limit, cursor=cursor, staff=staff, private=private)
    statement = _statements(filters).get(key, lambda: json_page_statement(filters, sort, limit=limit, cursor=cursor,
                                                                staff=staff, private=private))
    return await _run_page(session, sort, statement, values)


def json_page_statement(filters: EnterpriseFilters, sort: Sort, *, limit: int, cursor: str | None, staff: bool,
                        private: bool = False) -> AnySelect:
    return _as_json(sort, page_query(filters, sort, limit=limit, cursor=cursor, staff=staff, private=private),
                    limit, _json_item)


async def _run_page(session: AsyncSession, sort: Sort, statement: AnySelect,
                    values: dict[str, Any]) -> tuple[str, str | None]:
    row = (await session.execute(statement, values)).mappings().one()
    following = next_cursor(sort, dict(row)) if row["has_more"] else None
    return row["items"], following


def _as_json(sort: Sort, query: AnySelect, limit: int, render: Any) -> AnySelect:
    """One row: the page's items rendered by `render` as a JSON array, whether more follow, the last key."""
    page = query.subquery("page")
    order = page.c.sort_key.desc() if sort is Sort.relevance else page.c.sort_key
    numbered = select(page, func.row_number().over(order_by=[order, page.c.id]).label("rn")).subquery("numbered")
    in_page = numbered.c.rn <= limit
    return select(
        cast(func.coalesce(func.json_agg(aggregate_order_by(render(numbered), numbered.c.rn)).filter(in_page),
                           literal_column("'[]'::json")), Text).label("items"),
        (func.count() > limit).label("has_more"),
        func.max(numbered.c.id).filter(numbered.c.rn == limit).label("id"),
        func.max(numbered.c.sort_key).filter(numbered.c.rn == limit).label("sort_key"),
    )


def count_trusted_above(filters: EnterpriseFilters) -> int:
    """Above this estimate the total is the estimate. A text match is checked against its document (trigram
    similarity, tens of µs a row), so counting a word in 15,000 entries costs half a second to say "over
    10,000": with `q`, an estimate over the cap is trusted."""
    return EXACT_TOTAL_CAP if filters.q else ESTIMATE_TRUSTED_ABOVE


async def total(session: AsyncSession, filters: EnterpriseFilters, *, staff: bool) -> tuple[int, bool]:
    if filters.q:
        await prepare_text_search(session)
    bound, values = _bound(filters)
    query = _statements(bound).get(("count", _shape(bound), staff), lambda: count_query(bound, staff=staff))
    return await total_of(session, query, values, estimate_first=True, trusted_above=count_trusted_above(filters))
