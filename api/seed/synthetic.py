"""`semap seed synthetic --count N`: benchmark-sized data, made set-based in the database.

Points scatter around real towns (weighted by population); each row takes its town's region
directly instead of running the per-row region trigger, which would cost minutes at a million
rows. Rows are marked is_demo and get slugs `synthetic-N`, so a re-run replaces them.
"""

import time

from sqlalchemy import text

from api.config import Settings
from api.db import create_engine
from api.geo.towns import all_towns

PREFIXES = ["Atelierul", "Cooperativa", "Brutăria", "Grădina", "Casa", "Tâmplăria", "Bucătăria", "Ferma",
            "Tipografia", "Spălătoria"]
QUALITIES = ["Solidară", "Speranța", "Împreună", "Bunătății", "Verde", "Incluzivă", "Meșteșug", "Roadele"]
SECTORS = ["56.21", "10.71", "14.13", "31.09", "18.12", "81.21", "81.30", "38.32", "62.01", "85.59", "88.10"]
IMPACTS = ["work_integration", "social_inclusion", "education", "green_circular_economy", "health_care",
           "local_development"]

INSERT_SQL = """
INSERT INTO organisations (kind, name, slug, country, region_code, locality, location, languages, description,
                           employees_total, employees_vulnerable, annual_turnover_eur, impact_areas, sectors,
                           certifications, service_radius_km, status, verified, is_demo)
SELECT 'social_enterprise',
       (CAST(:prefixes AS text[]))[1 + (g.n % 10)] || ' '
         || (CAST(:qualities AS text[]))[1 + ((g.n / 10) % 8)] || ' ' || t.name,
       'synthetic-' || g.n, t.country, t.admin1, t.name,
       ST_SetSRID(ST_MakePoint(t.lon + (random() - 0.5) * 0.06, t.lat + (random() - 0.5) * 0.04), 4326),
       ARRAY['ro', 'en'], jsonb_build_object('en', 'Synthetic enterprise for benchmarks.'),
       10, 4, 100000, ARRAY[(CAST(:impacts AS text[]))[1 + (g.n % 6)]],
       ARRAY[(CAST(:sectors AS text[]))[1 + (g.n % 11)]],
       CASE WHEN g.n % 3 = 0 THEN ARRAY['ro_social_enterprise_attestation'] ELSE '{}'::text[] END,
       50, 'published', g.n % 2 = 0, true
FROM (SELECT n, random() * :total_weight AS pick FROM generate_series(1, :count) AS n) AS g
CROSS JOIN LATERAL (SELECT * FROM synthetic_towns WHERE cumulative >= g.pick ORDER BY cumulative LIMIT 1) AS t
-- Rows stored in geohash order, as a directory loaded region by region would be: neighbours share
-- pages, which is what spatial queries read.
ORDER BY ST_GeoHash(ST_SetSRID(ST_MakePoint(t.lon, t.lat), 4326), 5), g.n
"""


# Secondary indexes (GiST, GIN, b-tree) cost far more to maintain row by row than to build once:
# the seed drops them for its bulk insert and rebuilds them in the same transaction. Unique ones
# stay, since they are constraints.
SECONDARY_INDEXES_SQL = """
SELECT indexname, indexdef FROM pg_indexes
WHERE schemaname = current_schema() AND tablename = 'organisations' AND indexdef NOT LIKE 'CREATE UNIQUE %'
"""


async def remove_synthetic(settings: Settings) -> None:
    engine = create_engine(settings)
    try:
        async with engine.begin() as connection:
            await connection.execute(text("DELETE FROM organisations WHERE slug LIKE 'synthetic-%'"))
    finally:
        await engine.dispose()


async def load_synthetic(settings: Settings, *, count: int, replace: bool) -> str:
    started = time.monotonic()
    engine = create_engine(settings)
    towns = [t for t in all_towns() if t.admin1]
    try:
        async with engine.begin() as connection:
            await connection.execute(text("SELECT setseed(0.2026)"))
            if replace:
                await connection.execute(text("DELETE FROM organisations WHERE slug LIKE 'synthetic-%'"))
            await connection.execute(text(
                "CREATE TEMP TABLE synthetic_towns (name text, country text, admin1 text, lat float8, "
                "lon float8, cumulative float8) ON COMMIT DROP"))
            raw = (await connection.get_raw_connection()).driver_connection
            cumulative, records = 0.0, []
            for town in towns:
                cumulative += max(town.population, 500) ** 0.5
                records.append((town.name, town.country, town.admin1, town.lat, town.lon, cumulative))
            assert raw is not None, "an open connection has its driver's connection"
            await raw.copy_records_to_table("synthetic_towns", records=records)
            await connection.execute(text("CREATE INDEX ON synthetic_towns (cumulative)"))
            await connection.execute(text("ANALYZE synthetic_towns"))
            await connection.execute(text("ALTER TABLE organisations DISABLE TRIGGER organisations_set_region"))
            indexes = (await connection.execute(text(SECONDARY_INDEXES_SQL))).all()
            for name, _ in indexes:
                await connection.execute(text(f'DROP INDEX "{name}"'))  # a name from the catalogue
            await connection.execute(text(INSERT_SQL), {
                "prefixes": PREFIXES, "qualities": QUALITIES, "impacts": IMPACTS, "sectors": SECTORS,
                "count": count, "total_weight": cumulative,
            })
            await connection.execute(text("ALTER TABLE organisations ENABLE TRIGGER organisations_set_region"))
            await connection.execute(text("SET LOCAL maintenance_work_mem = '512MB'"))
            for _, definition in indexes:
                await connection.execute(text(definition))
        async with engine.connect() as connection:
            await connection.execution_options(isolation_level="AUTOCOMMIT")
            await connection.execute(text("VACUUM ANALYZE organisations"))
    finally:
        await engine.dispose()
    return f"loaded {count} synthetic enterprises in {time.monotonic() - started:.1f} s"
