"""OGC API Features Part 1 (Core, GeoJSON) under /ogc, so that GDAL and QGIS read the map's data."""

import json
from datetime import UTC, datetime
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request, Response

from api.db import ReadSessionDep
from api.downloads.licence import LICENCE_NAME, LICENCE_URL
from api.errors import BadRequest, Responses, raises
from api.geo.params import parse_bbox
from api.ogc import filters, service
from api.ogc.schemas import (
    CONFORMANCE_CLASSES,
    Collection,
    Collections,
    Conformance,
    Extent,
    LandingPage,
    Link,
    SpatialExtent,
)
from api.tiles.service import bounds as coverage_bounds
from api.urls import public_base_url

router = APIRouter(prefix="/ogc", tags=["ogc"])

GEOJSON = "application/geo+json"
JSON = "application/json"
OPENAPI = "application/vnd.oai.openapi+json;version=3.0"
DEFAULT_LIMIT = 10
MAX_LIMIT = 1000
SCHEMA_JSON = "application/schema+json"
QUERYABLES_REL = "http://www.opengis.net/def/rel/ogc/1.0/queryables"
ITEMS_PARAMETERS = {"bbox", "limit", "offset", "f", "datetime"}
GEOJSON_RESPONSES: Responses = {200: {"content": {GEOJSON: {}}, "description": "GeoJSON"}}
LICENCE_LINK = Link(href=LICENCE_URL, rel="license", type="text/html", title=LICENCE_NAME)


@raises(400)
def _format(f: Annotated[str | None, Query(description="Output format: json (the only one).")] = None) -> None:
    if f is not None and f not in ("json", "geojson"):
        raise BadRequest(f"Unsupported format f={f!r}; this service answers f=json.", pointer="/query/f")


Format = Depends(_format)


def _base(request: Request) -> str:
    return public_base_url(request) + "/ogc"


def _collection(info: service.CollectionInfo, base: str, bbox: list[float]) -> Collection:
    url = f"{base}/collections/{info.id}"
    return Collection(
        id=info.id, title=info.title, description=info.description,
        extent=Extent(spatial=SpatialExtent(bbox=[bbox])),
        links=[Link(href=url, rel="self", type=JSON, title=info.title),
               Link(href=f"{url}/items", rel="items", type=GEOJSON, title=f"{info.title}: features"),
               Link(href=f"{url}/queryables", rel=QUERYABLES_REL, type=SCHEMA_JSON,
                    title="What the items may be filtered on"),
               LICENCE_LINK],
    )


@router.get("", response_model=LandingPage, summary="OGC API landing page", dependencies=[Format])
async def get_ogc_landing_page(request: Request) -> LandingPage:
    base = _base(request)
    root = base.removesuffix("/ogc")
    return LandingPage(
        title="Social Enterprise Map", description="OGC API Features over the map's enterprises and regions.",
        links=[Link(href=base, rel="self", type=JSON, title="This document"),
               Link(href=f"{base}/openapi.json", rel="service-desc", type=OPENAPI, title="The API definition"),
               Link(href=f"{root}/docs", rel="service-doc", type="text/html", title="The API documentation"),
               Link(href=f"{base}/conformance", rel="conformance", type=JSON, title="Conformance classes"),
               Link(href=f"{base}/collections", rel="data", type=JSON, title="Collections")],
    )


@router.get("/openapi.json", include_in_schema=False)
async def get_ogc_api_definition(request: Request) -> Response:
    """The OGC API's own definition: the /ogc paths of the OpenAPI document relative to /ogc, with the
    conventional `{collectionId}`, so that clients (GDAL, QGIS) find the items' query parameters."""
    document = request.app.openapi()
    paths = {path.removeprefix("/ogc") or "/": spec for path, spec in document["paths"].items()
             if path == "/ogc" or path.startswith("/ogc/")}
    text = json.dumps({**document, "servers": [{"url": _base(request)}], "paths": paths})
    return Response(text.replace("{collection_id}", "{collectionId}").replace('"collection_id"', '"collectionId"'),
                    media_type=OPENAPI)


@router.get("/conformance", response_model=Conformance, summary="OGC conformance classes", dependencies=[Format])
async def get_ogc_conformance() -> Conformance:
    return Conformance(conformsTo=CONFORMANCE_CLASSES)


@router.get("/collections", response_model=Collections, summary="List the OGC collections", dependencies=[Format])
async def list_ogc_collections(request: Request, session: ReadSessionDep) -> Collections:
    base, bbox = _base(request), await coverage_bounds(session)
    return Collections(links=[Link(href=f"{base}/collections", rel="self", type=JSON)],
                       collections=[_collection(info, base, bbox) for info in service.COLLECTIONS.values()])


@router.get("/collections/{collection_id}", response_model=Collection, summary="Describe an OGC collection",
            dependencies=[Format])
async def get_ogc_collection(collection_id: str, request: Request, session: ReadSessionDep) -> Collection:
    info = service.collection_or_404(collection_id)
    return _collection(info, _base(request), await coverage_bounds(session))


def _items_links(request: Request, collection_id: str, page: service.Page, *, limit: int,
                 offset: int) -> list[dict[str, Any]]:
    url = f"{_base(request)}/collections/{collection_id}/items"
    kept = [(k, v) for k, v in request.query_params.multi_items() if k not in ("offset", "limit")]

    def at(start: int) -> str:
        return f"{url}?{urlencode([*kept, ('limit', limit), ('offset', start)])}"

    links = [{"href": at(offset), "rel": "self", "type": GEOJSON},
             {"href": f"{_base(request)}/collections/{collection_id}", "rel": "collection", "type": JSON},
             LICENCE_LINK.model_dump(exclude_none=True)]
    more = offset + page.returned < page.matched if page.matched is not None else page.returned == limit
    if more:
        links.append({"href": at(offset + limit), "rel": "next", "type": GEOJSON})
    if offset > 0:
        links.append({"href": at(max(offset - limit, 0)), "rel": "prev", "type": GEOJSON})
    return links


@raises(400)
def _known_parameters(collection_id: str, request: Request) -> None:
    allowed = ITEMS_PARAMETERS | set(filters.PROPERTY_PARAMETERS.get(collection_id, ()))
    unknown = sorted(set(request.query_params) - allowed)
    if unknown:
        raise BadRequest(f"Unknown parameter(s): {', '.join(unknown)}; items of {collection_id} take "
                         f"{', '.join(sorted(allowed))}.", pointer=f"/query/{unknown[0]}")


def _selection(collection_id: str, request: Request, box: str | None, when: str | None) -> service.Selection:
    params = request.query_params.multi_items()
    if collection_id == "enterprises":
        return service.Selection(bbox=parse_bbox(box, with_heights=True),
                                 enterprises=filters.enterprise_filters(params), updated=filters.parse_datetime(when))
    if when is not None:
        raise BadRequest("Regions have no time; datetime applies to the enterprises.", pointer="/query/datetime")
    return service.Selection(bbox=parse_bbox(box, with_heights=True), region_countries=tuple(
        filters.region_countries(params)))


PropertyFilter = Annotated[str | None, Query(description="Property filter (see the queryables); "
                                             "comma-separated values are OR'ed; enterprises only but country.")]


@router.get("/collections/{collection_id}/items", summary="Get the features of an OGC collection",
            response_class=Response, responses=GEOJSON_RESPONSES, dependencies=[Format])
async def list_ogc_items(
    collection_id: str, request: Request, session: ReadSessionDep,
    bbox: Annotated[str | None, Query(description="minLon,minLat,maxLon,maxLat (CRS84).",
                                      examples=["25.9,44.3,26.3,44.6"])] = None,
    datetime_: Annotated[str | None, Query(
        alias="datetime", description="The last update (`updated_at`): an instant (`2026-05-01`, "
        "`2026-05-01T10:00:00Z`) or an interval with `..` or nothing for an open end "
        "(`2026-01-01/..`, `../2026-05-01T00:00:00Z`, `2026-01-01/2026-03-31`). Enterprises only.",
        examples=["2026-01-01T00:00:00Z/.."])] = None,
    limit: Annotated[int, Query(ge=1, description=f"Page size; above {MAX_LIMIT} it is {MAX_LIMIT}.")] = DEFAULT_LIMIT,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="Features to skip (see the next link).")] = 0,
    country: PropertyFilter = None, region_code: PropertyFilter = None, kind: PropertyFilter = None,
    sectors: PropertyFilter = None, impact_areas: PropertyFilter = None, certifications: PropertyFilter = None,
    verified: PropertyFilter = None,
) -> Response:
    """A GeoJSON FeatureCollection built by the database, with numberMatched (exact up to 100,000),
    numberReturned, timeStamp and next/prev links. Only published enterprises. Property filters
    (`country=MD`, `sectors=56`, `verified=true`…) are the collection's queryables."""
    service.collection_or_404(collection_id)
    _known_parameters(collection_id, request)
    selection = _selection(collection_id, request, bbox, datetime_)
    limit = min(limit, MAX_LIMIT)
    page = await service.features_page(session, collection_id, selection, limit=limit, offset=offset)
    head = {"type": "FeatureCollection", "timeStamp": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "numberReturned": page.returned,
            "links": _items_links(request, collection_id, page, limit=limit, offset=offset)}
    if page.matched is not None:
        head["numberMatched"] = page.matched
    # The features arrive as JSON text from PostgreSQL and are passed through, never re-parsed.
    body = _dumps(head)[:-1] + b',"features":' + page.features + b"}"
    return Response(body, media_type=GEOJSON)


@router.get("/collections/{collection_id}/queryables", summary="What an OGC collection's items may be filtered on",
            response_class=Response, dependencies=[Format],
            responses={200: {"content": {SCHEMA_JSON: {"example": {
                "$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
                "$id": "https://semap.example/ogc/collections/enterprises/queryables",
                "properties": {"country": {"title": "Country", "type": "string", "enum": ["RO", "MD", "UA"]}},
                "additionalProperties": False}}},
                "description": "A JSON Schema (OGC API Features Part 3) of the queryable properties."}})
async def get_ogc_queryables(collection_id: str, request: Request) -> Response:
    """Each queryable is also a query parameter of the items (`?country=MD&verified=true`)."""
    service.collection_or_404(collection_id)
    queryables = filters.enterprise_queryables() if collection_id == "enterprises" else filters.REGION_QUERYABLES
    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{_base(request)}/collections/{collection_id}/queryables",
        "type": "object", "title": service.COLLECTIONS[collection_id].title,
        "properties": {q.name: {"title": q.title, "description": q.description, **q.schema} for q in queryables},
        "additionalProperties": False,
    }
    return Response(_dumps(document), media_type=SCHEMA_JSON)


def _dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


@router.get("/collections/{collection_id}/items/{feature_id}", summary="Get one feature of an OGC collection",
            response_class=Response, responses=GEOJSON_RESPONSES, dependencies=[Format])
async def get_ogc_item(collection_id: str, feature_id: str, request: Request, session: ReadSessionDep) -> Response:
    service.collection_or_404(collection_id)
    feature = await service.feature(session, collection_id, feature_id)
    url = f"{_base(request)}/collections/{collection_id}"
    links = _dumps([{"href": f"{url}/items/{feature_id}", "rel": "self", "type": GEOJSON},
                    {"href": url, "rel": "collection", "type": JSON}, LICENCE_LINK.model_dump(exclude_none=True)])
    return Response(feature[:-1] + b',"links":' + links + b"}", media_type=GEOJSON)
