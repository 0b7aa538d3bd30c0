"""The OGC collections' features, built as GeoJSON by PostgreSQL in one statement per request."""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Text, cast, func, literal_column, select
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.ext.asyncio import AsyncSession

from api.db import AnySelect
from api.enterprises.filters import EnterpriseFilters, apply_filters
from api.enterprises.models import Organisation
from api.errors import NotFound
from api.geo.models import Region
from api.geo.params import BBox
from api.inputs import as_id
from api.ogc.filters import Interval, updated_within

# Exact numberMatched up to this many features; beyond it the count would cost more than the page,
# so numberMatched is left out (the standard makes it optional) and paging follows `next` links.
MATCHED_CAP = 100_000
COORDINATE_DIGITS = 6


@dataclass(frozen=True)
class CollectionInfo:
    id: str
    title: str
    description: str


COLLECTIONS = {
    "enterprises": CollectionInfo(
        "enterprises", "Social enterprises",
        "Published organisations of the map (social enterprises, NGOs, authorities, schools) as points."),
    "regions": CollectionInfo(
        "regions", "Administrative regions",
        "Counties (județe), raions and oblasts of Romania, Moldova and Ukraine with names in ro/en/uk/ru."),
}


@dataclass(frozen=True)
class Selection:
    """What an items request keeps: a box, property filters and a time interval on the last update."""

    bbox: BBox | None = None
    enterprises: EnterpriseFilters | None = None
    region_countries: tuple[str, ...] = ()
    updated: Interval | None = None


@dataclass(frozen=True)
class Page:
    matched: int | None
    returned: int
    features: bytes


def collection_or_404(collection_id: str) -> CollectionInfo:
    info = COLLECTIONS.get(collection_id)
    if info is None:
        raise NotFound(f"No collection {collection_id!r}; the collections are {', '.join(COLLECTIONS)}.")
    return info


def _json_object(**pairs: Any) -> ColumnElement[Any]:
    # Keys are this module's fixed names, inlined as SQL literals; values are columns.
    args: list[Any] = []
    for key, value in pairs.items():
        args += [literal_column(f"'{key}'"), value]
    return func.json_build_object(*args)


def _geojson(column: Any, digits: int = COORDINATE_DIGITS) -> ColumnElement[Any]:
    return literal_column(f"ST_AsGeoJSON({column}, {digits})::json")


def _enterprise_feature() -> ColumnElement[Any]:
    org = Organisation
    return _json_object(
        type=literal_column("'Feature'"), id=org.id,
        geometry=_geojson("organisations.location"),
        properties=_json_object(
            slug=org.slug, name=org.name, kind=org.kind, country=org.country, region_code=org.region_code,
            locality=org.locality, website=org.website, impact_areas=org.impact_areas, sectors=org.sectors,
            certifications=org.certifications, verified=org.verified, employees_total=org.employees_total,
            founded_year=org.founded_year, updated_at=org.updated_at),
    )


def _region_feature() -> ColumnElement[Any]:
    return _json_object(
        type=literal_column("'Feature'"), id=Region.code,
        geometry=_geojson("regions.geom", 5),
        properties=_json_object(code=Region.code, country=Region.country, name_ro=Region.name_ro,
                                name_en=Region.name_en, name_uk=Region.name_uk, name_ru=Region.name_ru),
    )


def _selection(collection_id: str, selection: Selection) -> tuple[AnySelect, AnySelect, Any]:
    """(features query, matching-keys query, order key) of a collection, narrowed to what is asked."""
    if collection_id == "enterprises":
        filters = selection.enterprises or EnterpriseFilters()
        filters.bbox = selection.bbox
        features = apply_filters(select(Organisation.id.label("key"), _enterprise_feature().label("feature")),
                                 filters, staff=False)
        keys = apply_filters(select(Organisation.id), filters, staff=False)
        if selection.updated is not None:
            features, keys = features.where(updated_within(selection.updated)), keys.where(
                updated_within(selection.updated))
        return features, keys, Organisation.id
    features = select(Region.code.label("key"), _region_feature().label("feature"))
    keys = select(Region.code)
    clauses = []
    if selection.bbox is not None:
        clauses.append(selection.bbox.overlapped_by(Region.geom))
    if selection.region_countries:
        clauses.append(Region.country.in_(selection.region_countries))
    if clauses:
        features, keys = features.where(*clauses), keys.where(*clauses)
    return features, keys, Region.code


def page_query(collection_id: str, selection: Selection, *, limit: int, offset: int) -> AnySelect:
    """One statement: the capped count of matches, the page's size, and its features as one JSON text."""
    features, keys, order = _selection(collection_id, selection)
    page = features.order_by(order).limit(limit).offset(offset).subquery("p")
    matched = select(func.count()).select_from(keys.limit(MATCHED_CAP + 1).subquery("m")).scalar_subquery()
    aggregated = func.json_agg(aggregate_order_by(page.c.feature, page.c.key))
    return select(matched.label("matched"), func.count().label("returned"),
                  cast(func.coalesce(aggregated, literal_column("'[]'::json")), Text).label("features")
                  ).select_from(page)


async def features_page(session: AsyncSession, collection_id: str, selection: Selection, *,
                        limit: int, offset: int) -> Page:
    row = (await session.execute(page_query(collection_id, selection, limit=limit, offset=offset))).one()
    matched = int(row.matched) if row.matched <= MATCHED_CAP else None
    return Page(matched=matched, returned=int(row.returned), features=row.features.encode())


async def feature(session: AsyncSession, collection_id: str, feature_id: str) -> bytes:
    """One feature as GeoJSON text, or a 404 problem."""
    features, _, _ = _selection(collection_id, Selection())
    if collection_id == "enterprises":
        key: Any = as_id(feature_id)
        if key is None:
            raise NotFound(f"No feature {feature_id!r} in {collection_id}.")
    else:
        key = feature_id
    body = await session.scalar(select(cast(features.subquery("f").c.feature, Text))
                                .where(literal_column("f.key") == key))
    if body is None:
        raise NotFound(f"No feature {feature_id!r} in {collection_id}.")
    return str(body).encode()
