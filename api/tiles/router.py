"""HTTP for vector tiles: /api/v1/tiles/enterprises/{z}/{x}/{y}.mvt and its TileJSON."""

from typing import Annotated

from fastapi import APIRouter, Header, Request, Response

from api.db import AutocommitReadSessionDep, ReadSessionDep
from api.enterprises.filters import EnterpriseFiltersDep
from api.tiles import service
from api.tiles.cache import TileCache
from api.tiles.grid import MAX_ZOOM, Tile
from api.tiles.schemas import TileJSON, VectorLayer
from api.urls import public_base_url

router = APIRouter(prefix="/api/v1/tiles", tags=["tiles"])

MVT_MEDIA_TYPE = "application/vnd.mapbox-vector-tile"
# Short enough that an edit shows on the map within a minute, long enough for a CDN to absorb a
# crowd; after it, clients revalidate with If-None-Match and get a 304 while nothing changed.
CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=60"
# Beyond this zoom there is nothing new to draw: clients overzoom the z16 tiles.
TILEJSON_MAX_ZOOM = 16


def tile_cache_of(request: Request) -> TileCache:
    """The app's tile cache, made on first use from the app's settings (one per worker)."""
    cache: TileCache | None = getattr(request.app.state, "tile_cache", None)
    if cache is None:
        cache = TileCache(request.app.state.settings)
        request.app.state.tile_cache = cache
    return cache


@router.get("/enterprises/{z}/{x}/{y}.mvt", summary="Get a vector tile of enterprises",
            response_class=Response,
            responses={200: {"content": {MVT_MEDIA_TYPE: {}}, "description": "A Mapbox Vector Tile."},
                       204: {"description": "Nothing lies in this tile."},
                       304: {"description": "The client's copy (If-None-Match) is current."},
                       400: {"description": "The tile is outside the grid."}})
async def get_enterprise_tile(z: int, x: int, y: int, request: Request, session: AutocommitReadSessionDep,
                              filters: EnterpriseFiltersDep,
                              if_none_match: Annotated[str | None, Header()] = None) -> Response:
    """Up to zoom 10 the layer `clusters` (count, dominant impact area, per grid cell); from zoom 11 the
    layer `enterprises` (id, slug, name, kind, impact, verified, country; member: an active member of a
    cluster). Takes the list's filters; only published enterprises."""
    tile = Tile.checked(z, x, y)
    result = await service.render_tile(session, tile, filters, if_none_match=if_none_match,
                                       cache=tile_cache_of(request))
    # X-Cache says whether the tile was built for this request: what `make bench` counts as a hit.
    headers = {"ETag": result.etag, "Cache-Control": CACHE_CONTROL, "X-Cache": "hit" if result.cached else "miss"}
    if result.body is None:
        return Response(status_code=304, headers=headers)
    if not result.body:
        return Response(status_code=204, headers=headers)
    return Response(result.body, media_type=MVT_MEDIA_TYPE, headers=headers)


@router.get("/enterprises.json", response_model=TileJSON, summary="Describe the enterprise tiles (TileJSON)")
async def get_enterprise_tilejson(request: Request, session: ReadSessionDep, _: EnterpriseFiltersDep) -> TileJSON:
    """TileJSON 3.0.0; the filters given here are carried into the tiles' URL template."""
    base = public_base_url(request)
    query = f"?{request.url.query}" if request.url.query else ""
    bounds = await service.bounds(session)
    return TileJSON(
        name="Social enterprises", description="Social enterprises of Romania, Moldova and Ukraine.",
        attribution="Social Enterprise Map", tiles=[f"{base}/api/v1/tiles/enterprises/{{z}}/{{x}}/{{y}}.mvt{query}"],
        minzoom=0, maxzoom=min(TILEJSON_MAX_ZOOM, MAX_ZOOM), bounds=bounds,
        center=[round((bounds[0] + bounds[2]) / 2, 4), round((bounds[1] + bounds[3]) / 2, 4), 5],
        vector_layers=[
            VectorLayer(id="clusters", description="Enterprises counted per grid cell (32 × 32 cells a tile).",
                        minzoom=0, maxzoom=service.CLUSTER_MAX_ZOOM, fields=service.CLUSTER_FIELDS),
            VectorLayer(id="enterprises", description="Single published enterprises.",
                        minzoom=service.CLUSTER_MAX_ZOOM + 1, maxzoom=TILEJSON_MAX_ZOOM,
                        fields=service.ENTERPRISE_FIELDS),
        ],
    )
