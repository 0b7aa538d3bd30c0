"""What is measured: each query as an HTTP path (ours, tipg's) and as the SQL the API runs (the floor)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, TextClause, func, select, text
from sqlalchemy.dialects.postgresql.asyncpg import PGDialect_asyncpg

from api.enterprises import search
from api.enterprises.filters import read_filters
from api.geo.params import BBox
from api.matching import scoring
from api.matching import service as matching
from api.matching.schemas import MatchNeed, ResolvedLocation
from api.ogc import service as ogc
from api.pagination import EXACT_TOTAL_CAP, MAX_LIMIT
from api.tiles import service as tiles
from api.tiles.grid import Tile

BUCHAREST = "25.95,44.35,26.25,44.52"
MOLDOVA = "26.6,45.4,30.2,48.5"
# The list's page size is capped at MAX_LIMIT (200): the "limit 500" becomes 200 there.
LIST_LIMIT = min(500, MAX_LIMIT)
TIPG_COLLECTION = "/collections/public.organisations"
TIPG_PROPERTIES = "properties=id,slug,name,kind,verified,country"


@dataclass(frozen=True)
class Scenario:
    name: str
    path: str
    statements: Callable[[], list[Select[Any] | TextClause]]  # what the API runs for it, in order
    peer_path: str | None = None
    body: dict[str, Any] | None = None  # sent with POST when set


# Buyer-match from the same point as "nearest 20": catering within 50 km, 20 results.
MATCH_NEED = {"cpv_codes": ["55520000"], "location": {"type": "Point", "coordinates": [28.86, 47.02]},
              "max_distance_km": 50, "limit": 20}


def _match() -> list[Select[Any] | TextClause]:
    need = MatchNeed.model_validate(MATCH_NEED)
    location = ResolvedLocation(point=MATCH_NEED["location"], town=None, country="MD", region_code="MD-CU")
    query = matching.build_query(need, location, matching.normalised_weights(need), date.today())
    sql, params = scoring.statement(query)
    return [text(sql).bindparams(**params)]


def _list(limit: int, sort: search.Sort | None = None, **params: Any) -> list[Select[Any]]:
    filters = read_filters(**params)
    order = search.resolve_sort(sort, filters)
    page = search.page_query(filters, order, limit=limit, cursor=None, staff=False)
    count = select(func.count()).select_from(
        search.count_query(filters, staff=False).limit(EXACT_TOTAL_CAP + 1).subquery())
    return [page, count]


def _tile(z: int, x: int, y: int) -> list[Select[Any]]:
    return [tiles.tile_query(Tile(z, x, y), read_filters())]


def _tile_scenario(z: int, x: int, y: int) -> Scenario:
    return Scenario(f"tile z{z}", f"/api/v1/tiles/enterprises/{z}/{x}/{y}.mvt", lambda: _tile(z, x, y),
                    f"{TIPG_COLLECTION}/tiles/WebMercatorQuad/{z}/{x}/{y}?{TIPG_PROPERTIES}")


def scenarios() -> list[Scenario]:
    api = "/api/v1/enterprises"
    box = [float(v) for v in BUCHAREST.split(",")]
    return [
        Scenario("bbox city", f"{api}?bbox={BUCHAREST}&limit={LIST_LIMIT}",
                 lambda: _list(LIST_LIMIT, bbox=BUCHAREST)),
        Scenario("bbox country", f"{api}?bbox={MOLDOVA}&limit={LIST_LIMIT}",
                 lambda: _list(LIST_LIMIT, bbox=MOLDOVA)),
        Scenario("radius 50 km", f"{api}?lat=46.77&lon=23.62&radius_km=50&limit=100",
                 lambda: _list(100, lat=46.77, lon=23.62, radius_km=50)),
        Scenario("nearest 20", f"{api}?lat=47.02&lon=28.86&sort=distance&limit=20",
                 lambda: _list(20, lat=47.02, lon=28.86, sort=search.Sort.distance)),
        Scenario("buyer-match", "/api/v1/matches", _match, body=MATCH_NEED),
        Scenario("text + filter", f"{api}?q=brutaria&country=RO&limit=20",
                 lambda: _list(20, q="brutaria", country=["RO"])),
        _tile_scenario(5, 18, 11),
        _tile_scenario(8, 146, 92),
        _tile_scenario(12, 2344, 1482),
        Scenario("OGC items", f"/ogc/collections/enterprises/items?bbox={BUCHAREST}&limit=500",
                 lambda: [ogc.page_query("enterprises", ogc.Selection(bbox=BBox(*box)), limit=500, offset=0)],
                 f"{TIPG_COLLECTION}/items?bbox={BUCHAREST}&limit=500&{TIPG_PROPERTIES}"),
    ]


def compiled(statement: Select[Any] | TextClause) -> tuple[str, list[Any]]:
    """The statement as asyncpg receives it from the API: SQL text with $n parameters, and their values."""
    result = statement.compile(dialect=PGDialect_asyncpg(), compile_kwargs={"render_postcompile": True})
    return result.string, [result.params[name] for name in (result.positiontup or [])]
