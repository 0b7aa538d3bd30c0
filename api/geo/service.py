"""Regions with their published enterprises and cluster members counted, as JSON rows or GeoJSON."""

from typing import Any

from sqlalchemy import Row, text
from sqlalchemy.ext.asyncio import AsyncSession

from api.errors import NotFound
from api.geo.schemas import RegionAt, RegionNames, RegionOut

DEFAULT_TOLERANCE = 0.005  # degrees, about 400 m: light enough for a choropleth of three countries
MAX_TOLERANCE = 0.5

# Enterprises: an index-only scan of (status, region_code). Members: open memberships, few rows.
# Counts cover published organisations only, since the endpoint is public.
COUNTS_SQL = """
WITH enterprises AS (
  SELECT region_code, count(*) AS n FROM organisations
  WHERE status = 'published' AND region_code IS NOT NULL GROUP BY region_code),
members AS (
  SELECT o.region_code, count(DISTINCT o.id) AS n
  FROM memberships m JOIN organisations o ON o.id = m.organisation_id
  WHERE m.left_on IS NULL AND o.status = 'published' AND o.region_code IS NOT NULL
  GROUP BY o.region_code),
counted AS (
  SELECT r.*, coalesce(e.n, 0) AS enterprises, coalesce(m.n, 0) AS members
  FROM regions r LEFT JOIN enterprises e ON e.region_code = r.code LEFT JOIN members m ON m.region_code = r.code
  WHERE (cardinality(CAST(:countries AS text[])) = 0 OR r.country = ANY(CAST(:countries AS text[])))
    AND (CAST(:code AS text) IS NULL OR r.code = :code))
"""

ROWS_SQL = COUNTS_SQL + """
SELECT code, country, name_ro, name_en, name_uk, name_ru, enterprises, members,
       ST_XMin(geom) AS min_lon, ST_YMin(geom) AS min_lat, ST_XMax(geom) AS max_lon, ST_YMax(geom) AS max_lat
FROM counted ORDER BY code
"""

FEATURE_SQL = """
json_build_object(
  'type', 'Feature', 'id', code,
  'geometry', ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom, :tolerance), 5)::json,
  'properties', json_build_object('code', code, 'country', country, 'name_ro', name_ro, 'name_en', name_en,
                                  'name_uk', name_uk, 'name_ru', name_ru, 'enterprises', enterprises,
                                  'members', members))
"""

# One statement builds the whole FeatureCollection; Python passes its bytes through.
# Composed of this module's constants only; values travel as bound parameters.
COLLECTION_SQL = COUNTS_SQL + f"""
SELECT json_build_object('type', 'FeatureCollection',
                         'features', coalesce(json_agg({FEATURE_SQL} ORDER BY code), '[]'::json))::text
FROM counted
"""  # noqa: S608

ONE_FEATURE_SQL = COUNTS_SQL + f"SELECT ({FEATURE_SQL})::text FROM counted"  # noqa: S608


# The unit that covers the point; on a border river or just off the coast, the nearest one within 30 km,
# as the organisations' own region_of() does. Both use the boundaries' GiST index.
REGION_AT_SQL = """
WITH point AS (SELECT ST_SetSRID(ST_MakePoint(:lon, :lat), 4326) AS geom)
(SELECT r.code, r.country, r.name_ro, r.name_en, r.name_uk, r.name_ru
   FROM regions r, point p WHERE ST_Covers(r.geom, p.geom) LIMIT 1)
UNION ALL
(SELECT r.code, r.country, r.name_ro, r.name_en, r.name_uk, r.name_ru
   FROM regions r, point p WHERE ST_DWithin(r.geom::geography, p.geom::geography, 30000)
   ORDER BY r.geom <-> p.geom LIMIT 1)
LIMIT 1
"""


def _params(countries: list[str], code: str | None, tolerance: float = DEFAULT_TOLERANCE) -> dict[str, Any]:
    return {"countries": countries, "code": code, "tolerance": tolerance}


def _names(row: Row[Any]) -> RegionNames:
    return RegionNames(ro=row.name_ro, en=row.name_en, uk=row.name_uk, ru=row.name_ru)


def _region_out(row: Row[Any]) -> RegionOut:
    return RegionOut(code=row.code, country=row.country, names=_names(row),
                     bbox=(row.min_lon, row.min_lat, row.max_lon, row.max_lat),
                     enterprises=row.enterprises, members=row.members)


async def list_regions(session: AsyncSession, countries: list[str]) -> list[RegionOut]:
    """Every region of the countries (all when empty), by code, with its counts."""
    rows = await session.execute(text(ROWS_SQL), _params(countries, None))
    return [_region_out(row) for row in rows]


async def get_region(session: AsyncSession, code: str) -> RegionOut:
    row = (await session.execute(text(ROWS_SQL), _params([], code))).first()
    if row is None:
        raise NotFound(f"No region {code!r}; codes are ISO 3166-2, e.g. RO-CJ.")
    return _region_out(row)


async def region_at(session: AsyncSession, lat: float, lon: float) -> RegionAt:
    """The region (and so the country) a point lies in, for warning an editor whose pin crosses a border."""
    row = (await session.execute(text(REGION_AT_SQL), {"lat": lat, "lon": lon})).first()
    if row is None:
        raise NotFound("No region of Romania, Moldova or Ukraine lies at or within 30 km of this point.")
    return RegionAt(code=row.code, country=row.country, names=_names(row))


async def regions_geojson(session: AsyncSession, countries: list[str], tolerance: float) -> bytes:
    """A FeatureCollection of simplified boundaries (5 decimals, about a metre) with the counts."""
    body = await session.scalar(text(COLLECTION_SQL), _params(countries, None, tolerance))
    return str(body).encode()


async def region_geojson(session: AsyncSession, code: str, tolerance: float) -> bytes:
    body = await session.scalar(text(ONE_FEATURE_SQL), _params([], code, tolerance))
    if body is None:
        raise NotFound(f"No region {code!r}; codes are ISO 3166-2, e.g. RO-CJ.")
    return str(body).encode()
