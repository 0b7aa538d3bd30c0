"""Vector tiles of the enterprises: one SQL statement per tile, clustered at low zooms from maintained cell
counts, cached by the version of the cells under each tile."""

import dataclasses
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, literal_column, select, text
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.ext.asyncio import AsyncSession

from api.db import AnySelect
from api.enterprises.filters import EnterpriseFilters, apply_filters, is_cluster_member
from api.enterprises.models import Organisation
from api.geo.params import BBox
from api.tiles.cache import TileCache
from api.tiles.grid import BUFFER, EARTH_RADIUS, EXTENT, HALF_WORLD, MAX_LATITUDE, Tile
from api.tiles.models import TileCell

# Up to this zoom a tile carries clusters (layer "clusters"), above it single enterprises (layer
# "enterprises"). Tuned with `make bench`: at 1,000,000 synthetic enterprises a z10 tile over a city
# still carries thousands of points, a z11 one stays well under 200 KB.
CLUSTER_MAX_ZOOM = 10
# Bump when the tile's layers or attributes change, so that no cache or client keeps the old shape.
TILE_FORMAT = "enterprises-3"
# The maintained cells (migration 0015): levels 5..15, the cells of a clustered tile lie 5 levels below it.
FIRST_CELL_LEVEL, LAST_CELL_LEVEL = 5, 15
CELL_LEVELS_BELOW = 5

ENTERPRISE_FIELDS = {"id": "Number", "slug": "String", "name": "String", "kind": "String",
                     "impact": "String", "verified": "Boolean", "country": "String",
                     "member": "Boolean"}
CLUSTER_FIELDS = {"count": "Number", "impact": "String"}



@dataclass(frozen=True)
class TileResult:
    etag: str
    body: bytes | None  # None when the client's copy is current (a 304)
    cached: bool  # answered without building the tile


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


def cluster_query(tile: Tile, filters: EnterpriseFilters) -> AnySelect:
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


def enterprise_query(tile: Tile, filters: EnterpriseFilters) -> AnySelect:
    """Single enterprises with the attributes the map shows: layer "enterprises", feature id = id."""
    org = Organisation
    # Written exactly as ix_organisations_location_3857's expression (3857 not a bound parameter).
    projected = func.ST_Transform(org.location, literal_column("3857"))
    margin = func.ST_TileEnvelope(tile.z, tile.x, tile.y,
                                  func.ST_MakeEnvelope(-HALF_WORLD, -HALF_WORLD, HALF_WORLD, HALF_WORLD, 3857),
                                  BUFFER / EXTENT)
    features = apply_filters(
        select(org.id, org.slug, org.name, org.kind, org.impact_areas[1].label("impact"), org.verified,
               org.country, is_cluster_member().label("member"),
               func.ST_AsMVTGeom(projected, _tile_envelope(tile), EXTENT, BUFFER).label("geom"))
        .where(projected.op("&&")(margin)),
        filters, staff=False,
    ).subquery("t")
    return select(func.ST_AsMVT(literal_column("t"), literal_column("'enterprises'"), EXTENT,
                                literal_column("'geom'"), literal_column("'id'"))).select_from(features)


def cell_cluster_query(tile: Tile) -> Select[Any]:
    """The unfiltered clustered tile from the maintained cell counts (tile_cells, level z + 5): at most
    1,024 cells whatever the number of enterprises under the tile.

    The same layer as `cluster_query`: per cell the count, the mean point and the most frequent first
    impact area (ties to the first in alphabetical order, as mode() does; enterprises without one are
    not counted for it).
    """
    level = tile.z + CELL_LEVELS_BELOW
    first_column, last_column, first_row, last_row = tile.cell_ranges()
    impact = func.array_agg(aggregate_order_by(func.nullif(TileCell.impact, ""),
                                               TileCell.impact == "", TileCell.count.desc(), TileCell.impact))
    total = func.sum(TileCell.count)
    point = func.ST_SetSRID(func.ST_MakePoint(func.sum(TileCell.sum_x) / total, func.sum(TileCell.sum_y) / total),
                            3857)
    cells = (
        select(total.label("count"), impact[1].label("impact"),
               func.ST_AsMVTGeom(point, _tile_envelope(tile), EXTENT, BUFFER).label("geom"))
        .where(TileCell.level == level, TileCell.x.between(first_column, last_column),
               TileCell.y.between(first_row, last_row), TileCell.count > 0)
        .group_by(TileCell.x, TileCell.y)
        .subquery("t")
    )
    return select(func.ST_AsMVT(literal_column("t"), literal_column("'clusters'"), EXTENT,
                                literal_column("'geom'"))).select_from(cells)


def reads_cells(filters: EnterpriseFilters) -> bool:
    """Whether the tile can be read from the maintained cells: no filter but the status, which tiles ignore."""
    return dataclasses.replace(filters, status=[]) == EnterpriseFilters()


def tile_query(tile: Tile, filters: EnterpriseFilters) -> Select[Any]:
    if tile.z > CLUSTER_MAX_ZOOM:
        return enterprise_query(tile, filters)
    if reads_cells(filters):
        return cell_cluster_query(tile)
    return cluster_query(tile, filters)


def tile_version_query(tile: Tile) -> Select[Any]:
    """The highest version of the cells that can change what the tile shows (0 when nothing ever lay there).

    A cell of level L is the tile (L, x, y). Zooms 5..10 read their own cell; zooms 0..4 the level-5 cells
    inside them. Single-enterprise tiles (zoom 11 and up) draw points up to BUFFER pixels outside their
    edge, so they also read the eight neighbours, at their own level up to 15 and at their level-15
    ancestor's beyond.
    """
    if tile.z < FIRST_CELL_LEVEL:
        shift = FIRST_CELL_LEVEL - tile.z
        level = FIRST_CELL_LEVEL
        columns = (tile.x << shift, ((tile.x + 1) << shift) - 1)
        rows = (tile.y << shift, ((tile.y + 1) << shift) - 1)
    elif tile.z <= CLUSTER_MAX_ZOOM:
        level, columns, rows = tile.z, (tile.x, tile.x), (tile.y, tile.y)
    else:
        level = min(tile.z, LAST_CELL_LEVEL)
        x, y = tile.x >> (tile.z - level), tile.y >> (tile.z - level)
        columns, rows = (x - 1, x + 1), (y - 1, y + 1)
    return select(func.coalesce(func.max(TileCell.version), 0)).where(
        TileCell.level == level, TileCell.x.between(*columns), TileCell.y.between(*rows))


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

    The tile's version is that of the cells under it, so a write changes the version (and so the cache
    key and the ETag) of the tiles holding its old and new point only, at every zoom; the rest stay
    cached. The version is read before the tile: a tile built from newer data than its version is only
    rebuilt once more, never served stale.
    """
    key = cache_key(tile, filters)
    version = int(await session.scalar(tile_version_query(tile)) or 0)
    etag = etag_of(key, version)
    if _matches(if_none_match, etag):
        return TileResult(etag, None, cached=True)
    cached = await cache.get(key, version)
    if cached is not None:
        return TileResult(etag, cached, cached=True)

    async def build() -> bytes:
        body = bytes(await session.scalar(tile_query(tile, filters)) or b"")
        await cache.put(key, version, body)
        return body

    return TileResult(etag, await cache.single_flight(f"{version}:{key}", build), cached=False)


async def bounds(session: AsyncSession) -> list[float]:
    """[west, south, east, north] of the regions the map covers (RO, MD, UA)."""
    box = (await session.execute(text(
        "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent(geom) AS e FROM regions) r"
    ))).one()
    return [round(float(v), 4) for v in box]
