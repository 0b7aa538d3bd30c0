"""Vector tiles of the enterprises: one SQL statement per tile, clustered at low zooms, cached by version."""

import dataclasses
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, literal_column, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from api.enterprises.filters import EnterpriseFilters, apply_filters
from api.enterprises.models import Organisation
from api.geo.params import BBox
from api.tiles.cache import TileCache
from api.tiles.grid import BUFFER, EARTH_RADIUS, EXTENT, HALF_WORLD, MAX_LATITUDE, Tile
from api.tiles.models import DataVersion

# Up to this zoom a tile carries clusters (layer "clusters"), above it single enterprises (layer
# "enterprises"). Tuned with `make bench`: at 1,000,000 synthetic enterprises a z10 tile over a city
# still carries thousands of points, a z11 one stays well under 200 KB.
CLUSTER_MAX_ZOOM = 10
# Bump when the tile's layers or attributes change, so that no cache or client keeps the old shape.
TILE_FORMAT = "enterprises-2"
ORGANISATIONS = "organisations"

ENTERPRISE_FIELDS = {"id": "Number", "slug": "String", "name": "String", "kind": "String",
                     "impact": "String", "verified": "Boolean", "country": "String"}
CLUSTER_FIELDS = {"count": "Number", "impact": "String"}



@dataclass(frozen=True)
class TileResult:
    etag: str
    body: bytes | None  # None when the client's copy is current (a 304)


def _filters_key(filters: EnterpriseFilters) -> str:
    values = dataclasses.asdict(filters)
    values.pop("status")  # tiles are public: only published enterprises, whatever is asked
    canonical = {k: sorted(v) if isinstance(v, list) else v for k, v in values.items()}
    return json.dumps(canonical, sort_keys=True, default=str)


def cache_key(tile: Tile, filters: EnterpriseFilters) -> str:
    """The tile and its filters as a short stable hash: the cache key and the ETag's stem."""
    raw = f"{TILE_FORMAT}|{tile.z}/{tile.x}/{tile.y}|{_filters_key(filters)}"
    return hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()


def _mercator_x() -> Any:
    # Spherical Mercator by arithmetic: a few float operations per row instead of a PROJ call.
    return literal_column(f"{EARTH_RADIUS} * radians(ST_X(organisations.location))")


def _mercator_y() -> Any:
    lat = f"least(greatest(ST_Y(organisations.location), -{MAX_LATITUDE}), {MAX_LATITUDE})"
    return literal_column(f"{EARTH_RADIUS} * ln(tan(pi() / 4 + radians({lat}) / 2))")


def _tile_envelope(tile: Tile) -> Any:
    return func.ST_TileEnvelope(tile.z, tile.x, tile.y)


def cluster_query(tile: Tile, filters: EnterpriseFilters) -> Select[Any]:
    """Counts per grid cell with the mean point and the most frequent impact area: layer "clusters".

    The && prefilter uses the lon/lat GiST index; the cell test keeps exactly the cells of this tile,
    so the counts of all tiles of a zoom add up to the total, each enterprise counted once.
    """
    points = apply_filters(
        select(Organisation.impact_areas[1].label("impact"), _mercator_x().label("mx"), _mercator_y().label("my"))
        .where(BBox(*tile.lonlat_bounds()).overlapped_by(Organisation.location)),
        filters, staff=False,
    ).subquery("p")
    size = tile.cell_size
    column = func.floor((points.c.mx + HALF_WORLD) / size)
    row = func.floor((HALF_WORLD - points.c.my) / size)
    first_column, last_column, first_row, last_row = tile.cell_ranges()
    point = func.ST_SetSRID(func.ST_MakePoint(func.avg(points.c.mx), func.avg(points.c.my)), 3857)
    cells = (
        select(func.count().label("count"),
               func.mode().within_group(points.c.impact).label("impact"),
               func.ST_AsMVTGeom(point, _tile_envelope(tile), EXTENT, BUFFER).label("geom"))
        .where(column.between(first_column, last_column), row.between(first_row, last_row))
        .group_by(column, row)
        .subquery("t")
    )
    return select(func.ST_AsMVT(literal_column("t"), literal_column("'clusters'"), EXTENT,
                                literal_column("'geom'"))).select_from(cells)


def enterprise_query(tile: Tile, filters: EnterpriseFilters) -> Select[Any]:
    """Single enterprises with the attributes the map shows: layer "enterprises", feature id = id."""
    org = Organisation
    # Written exactly as ix_organisations_location_3857's expression (3857 not a bound parameter).
    projected = func.ST_Transform(org.location, literal_column("3857"))
    margin = func.ST_TileEnvelope(tile.z, tile.x, tile.y,
                                  func.ST_MakeEnvelope(-HALF_WORLD, -HALF_WORLD, HALF_WORLD, HALF_WORLD, 3857),
                                  BUFFER / EXTENT)
    features = apply_filters(
        select(org.id, org.slug, org.name, org.kind, org.impact_areas[1].label("impact"), org.verified,
               org.country, func.ST_AsMVTGeom(projected, _tile_envelope(tile), EXTENT, BUFFER).label("geom"))
        .where(projected.op("&&")(margin)),
        filters, staff=False,
    ).subquery("t")
    return select(func.ST_AsMVT(literal_column("t"), literal_column("'enterprises'"), EXTENT,
                                literal_column("'geom'"), literal_column("'id'"))).select_from(features)


def tile_query(tile: Tile, filters: EnterpriseFilters) -> Select[Any]:
    if tile.z <= CLUSTER_MAX_ZOOM:
        return cluster_query(tile, filters)
    return enterprise_query(tile, filters)


def etag_of(key: str, version: int) -> str:
    return f'"{key}.{version}"'


def _matches(if_none_match: str | None, etag: str) -> bool:
    if not if_none_match:
        return False
    candidates = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return etag in candidates or "*" in candidates


async def render_tile(session: AsyncSession, tile: Tile, filters: EnterpriseFilters, *,
                      if_none_match: str | None, cache: TileCache) -> TileResult:
    """The tile's bytes (empty when nothing lies in it) and ETag, or no bytes when the client's copy is current.

    Clustered tiles cost the aggregation of every enterprise under them, so their bytes are kept in
    the tile cache for the current data version; single-enterprise tiles are cheap index scans, read
    with the data version in one statement (one round trip on the read session's autocommit).
    """
    key = cache_key(tile, filters)
    if tile.z > CLUSTER_MAX_ZOOM and not if_none_match:
        version_and_tile = select(DataVersion.version, tile_query(tile, filters).scalar_subquery()).where(
            DataVersion.name == ORGANISATIONS)
        version, body = (await session.execute(version_and_tile)).one()
        return TileResult(etag_of(key, version), bytes(body or b""))
    version = await session.scalar(select(DataVersion.version).where(DataVersion.name == ORGANISATIONS))
    etag = etag_of(key, version)
    if _matches(if_none_match, etag):
        return TileResult(etag, None)
    clustered = tile.z <= CLUSTER_MAX_ZOOM
    cached = await cache.get(key, version) if clustered else None
    if cached is not None:
        return TileResult(etag, cached)
    body = bytes(await session.scalar(tile_query(tile, filters)) or b"")
    if clustered:
        await cache.put(key, version, body)
    return TileResult(etag, body)


async def bounds(session: AsyncSession) -> list[float]:
    """[west, south, east, north] of the regions the map covers (RO, MD, UA)."""
    box = (await session.execute(text(
        "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent(geom) AS e FROM regions) r"
    ))).one()
    return [round(float(v), 4) for v in box]
