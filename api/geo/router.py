"""HTTP for regions: GET /api/v1/regions and /api/v1/regions/{code}, JSON or GeoJSON, cacheable."""

import hashlib
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Response

from api.db import ReadSessionDep
from api.enterprises.schemas import Country
from api.errors import problems
from api.geo import service
from api.geo.schemas import RegionAt, RegionFormat, RegionList, RegionOut

router = APIRouter(prefix="/api/v1/regions", tags=["regions"])

GEOJSON_MEDIA_TYPE = "application/geo+json"
CACHE_CONTROL = "public, max-age=300"
GEOJSON_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "JSON by default; GeoJSON (simplified boundaries with the counts as properties) with "
                         "`format=geojson` or `Accept: application/geo+json`.",
          "content": {GEOJSON_MEDIA_TYPE: {"example": {"type": "FeatureCollection", "features": [{
              "type": "Feature", "id": "RO-CJ",
              "geometry": {"type": "MultiPolygon", "coordinates": [[[[23.1, 46.5], [24.1, 46.5], [23.6, 47.2],
                                                                      [23.1, 46.5]]]]},
              "properties": {"code": "RO-CJ", "country": "RO", "name_ro": "Cluj", "name_en": "Cluj",
                             "name_uk": "Клуж", "name_ru": "Клуж", "enterprises": 31, "members": 4}}]}}}},
    304: {"description": "Not modified: the ETag sent in If-None-Match is current."},
}
FormatParam = Annotated[RegionFormat | None, Query(alias="format", description="json or geojson; overrides "
                                                   "Accept.")]
Tolerance = Annotated[float, Query(ge=0, le=service.MAX_TOLERANCE, description="Simplification tolerance in "
                                   "degrees for GeoJSON boundaries (0 keeps every vertex).")]
AcceptHeader = Annotated[str | None, Header(include_in_schema=False)]
IfNoneMatch = Annotated[str | None, Header(description="An ETag from an earlier response.")]


def _wants_geojson(asked: str | None, accept: str | None) -> bool:
    if asked is not None:
        return asked == "geojson"
    return GEOJSON_MEDIA_TYPE in {part.split(";")[0].strip().lower() for part in (accept or "").split(",")}


def _cached(body: bytes, media_type: str, if_none_match: str | None) -> Response:
    """The body with a strong ETag of its bytes and public caching; 304 when the client has it."""
    etag = '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
    headers = {"ETag": etag, "Cache-Control": CACHE_CONTROL, "Vary": "Accept"}
    if if_none_match is not None:
        sent = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        if etag in sent or "*" in sent:
            return Response(status_code=304, headers=headers)
    return Response(body, media_type=media_type, headers=headers)


@router.get("", response_model=RegionList, summary="List regions with counts (GeoJSON for choropleths)",
            responses=GEOJSON_RESPONSES)
async def list_regions(session: ReadSessionDep,
                       country: Annotated[list[Country], Query(description="RO, MD or UA; repeat to OR.")] = [],  # noqa: B006
                       format_: FormatParam = None, tolerance: Tolerance = service.DEFAULT_TOLERANCE,
                       accept: AcceptHeader = None, if_none_match: IfNoneMatch = None) -> Response:
    """Counties, raions and oblasts with their names in ro/en/uk/ru and counts of published enterprises and
    of cluster members."""
    if _wants_geojson(format_, accept):
        body = await service.regions_geojson(session, list(country), tolerance)
        return _cached(body, GEOJSON_MEDIA_TYPE, if_none_match)
    items = await service.list_regions(session, list(country))
    return _cached(RegionList(items=items).model_dump_json().encode(), "application/json", if_none_match)


@router.get("/at", response_model=RegionAt, responses=problems(404),
            summary="The region that contains a point (for a border-crossing warning)")
async def get_region_at(session: ReadSessionDep,
                        lat: Annotated[float, Query(ge=-90, le=90, description="Latitude, WGS 84.")],
                        lon: Annotated[float, Query(ge=-180, le=180, description="Longitude, WGS 84.")]) -> RegionAt:
    """The unit that covers the point, or the nearest within 30 km (a border river, a harbour); 404 farther
    out. The members' area asks it for the pin's old and new places and warns when they differ."""
    return await service.region_at(session, lat, lon)


@router.get("/{code}", response_model=RegionOut, summary="Get one region by ISO 3166-2 code",
            responses=GEOJSON_RESPONSES)
async def get_region(code: str, session: ReadSessionDep, format_: FormatParam = None,
                     tolerance: Tolerance = service.DEFAULT_TOLERANCE, accept: AcceptHeader = None,
                     if_none_match: IfNoneMatch = None) -> Response:
    """One region with its counts; as a GeoJSON Feature with its simplified boundary on request."""
    code = code.upper()
    if _wants_geojson(format_, accept):
        return _cached(await service.region_geojson(session, code, tolerance), GEOJSON_MEDIA_TYPE, if_none_match)
    region = await service.get_region(session, code)
    return _cached(region.model_dump_json().encode(), "application/json", if_none_match)
