"""OGC API Features Part 1 (Core, GeoJSON) under /ogc, so that GDAL and QGIS read the map's data."""

import json
from datetime import UTC, datetime
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request, Response

from api.db import ReadSessionDep
from api.enterprises.filters import BBox, parse_bbox
from api.errors import BadRequest, raises
from api.ogc import service
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

router = APIRouter(prefix="/ogc", tags=["ogc"])

GEOJSON = "application/geo+json"
JSON = "application/json"
OPENAPI = "application/vnd.oai.openapi+json;version=3.0"
DEFAULT_LIMIT = 10
MAX_LIMIT = 1000
ITEMS_PARAMETERS = {"bbox", "limit", "offset", "f"}
GEOJSON_RESPONSES = {200: {"content": {GEOJSON: {}}, "description": "GeoJSON"}}


@raises(400)
def _format(f: Annotated[str | None, Query(description="Output format: json (the only one).")] = None) -> None:
    if f is not None and f not in ("json", "geojson"):
        raise BadRequest(f"Unsupported format f={f!r}; this service answers f=json.", pointer="/query/f")


Format = Depends(_format)


def _base(request: Request) -> str:
    configured = request.app.state.settings.public_base_url
    return (configured or str(request.base_url)).rstrip("/") + "/ogc"


def _collection(info: service.CollectionInfo, base: str, bbox: list[float]) -> Collection:
    url = f"{base}/collections/{info.id}"
    return Collection(
        id=info.id, title=info.title, description=info.description,
        extent=Extent(spatial=SpatialExtent(bbox=[bbox])),
        links=[Link(href=url, rel="self", type=JSON, title=info.title),
               Link(href=f"{url}/items", rel="items", type=GEOJSON, title=f"{info.title}: features")],
    )


@router.get("", response_model=LandingPage, summary="OGC API landing page", dependencies=[Format])
async def get_ogc_landing_page(request: Request) -> LandingPage:
    base = _base(request)
    root = base.removesuffix("/ogc")
    return LandingPage(
        title="Social Enterprise Map", description="OGC API Features over the map's enterprises and regions.",
        links=[Link(href=base, rel="self", type=JSON, title="This document"),
               Link(href=f"{root}/openapi.json", rel="service-desc", type=OPENAPI, title="The API definition"),
               Link(href=f"{root}/docs", rel="service-doc", type="text/html", title="The API documentation"),
               Link(href=f"{base}/conformance", rel="conformance", type=JSON, title="Conformance classes"),
               Link(href=f"{base}/collections", rel="data", type=JSON, title="Collections")],
    )


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


def _items_links(request: Request, collection_id: str, page: service.Page, *, limit: int, offset: int) -> list[dict]:
    url = f"{_base(request)}/collections/{collection_id}/items"
    kept = [(k, v) for k, v in request.query_params.multi_items() if k not in ("offset", "limit")]

    def at(start: int) -> str:
        return f"{url}?{urlencode([*kept, ('limit', limit), ('offset', start)])}"

    links = [{"href": at(offset), "rel": "self", "type": GEOJSON},
             {"href": f"{_base(request)}/collections/{collection_id}", "rel": "collection", "type": JSON}]
    more = offset + page.returned < page.matched if page.matched is not None else page.returned == limit
    if more:
        links.append({"href": at(offset + limit), "rel": "next", "type": GEOJSON})
    if offset > 0:
        links.append({"href": at(max(offset - limit, 0)), "rel": "prev", "type": GEOJSON})
    return links


@raises(400)
def _known_parameters(request: Request) -> None:
    unknown = sorted(set(request.query_params) - ITEMS_PARAMETERS)
    if unknown:
        raise BadRequest(f"Unknown parameter(s): {', '.join(unknown)}; items take bbox, limit, offset and f.",
                         pointer=f"/query/{unknown[0]}")


@router.get("/collections/{collection_id}/items", summary="Get the features of an OGC collection",
            response_class=Response, responses=GEOJSON_RESPONSES,
            dependencies=[Format, Depends(_known_parameters)])
async def list_ogc_items(
    collection_id: str, request: Request, session: ReadSessionDep,
    bbox: Annotated[str | None, Query(description="minLon,minLat,maxLon,maxLat (CRS84).",
                                      examples=["25.9,44.3,26.3,44.6"])] = None,
    limit: Annotated[int, Query(ge=1, description=f"Page size; above {MAX_LIMIT} it is {MAX_LIMIT}.")] = DEFAULT_LIMIT,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="Features to skip (see the next link).")] = 0,
) -> Response:
    """A GeoJSON FeatureCollection built by the database, with numberMatched (exact up to 100,000),
    numberReturned, timeStamp and next/prev links. Only published enterprises."""
    service.collection_or_404(collection_id)
    box: BBox | None = parse_bbox(_six_to_four(bbox))
    limit = min(limit, MAX_LIMIT)
    page = await service.features_page(session, collection_id, box, limit=limit, offset=offset)
    head = {"type": "FeatureCollection", "timeStamp": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "numberReturned": page.returned,
            "links": _items_links(request, collection_id, page, limit=limit, offset=offset)}
    if page.matched is not None:
        head["numberMatched"] = page.matched
    # The features arrive as JSON text from PostgreSQL and are passed through, never re-parsed.
    body = _dumps(head)[:-1] + b',"features":' + page.features + b"}"
    return Response(body, media_type=GEOJSON)


def _dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def _six_to_four(bbox: str | None) -> str | None:
    # A 3D box (minLon,minLat,minZ,maxLon,maxLat,maxZ) is allowed by the standard; heights do not matter here.
    if bbox is not None and bbox.count(",") == 5:
        parts = bbox.split(",")
        return ",".join([parts[0], parts[1], parts[3], parts[4]])
    return bbox


@router.get("/collections/{collection_id}/items/{feature_id}", summary="Get one feature of an OGC collection",
            response_class=Response, responses=GEOJSON_RESPONSES, dependencies=[Format])
async def get_ogc_item(collection_id: str, feature_id: str, request: Request, session: ReadSessionDep) -> Response:
    service.collection_or_404(collection_id)
    feature = await service.feature(session, collection_id, feature_id)
    url = f"{_base(request)}/collections/{collection_id}"
    links = _dumps([{"href": f"{url}/items/{feature_id}", "rel": "self", "type": GEOJSON},
                                              {"href": url, "rel": "collection", "type": JSON}])
    return Response(feature[:-1] + b',"links":' + links + b"}", media_type=GEOJSON)
