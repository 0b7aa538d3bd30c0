"""`semap seed synthetic --count N`: benchmark-sized data that looks like a real directory.

Names and descriptions are drawn from the four-language vocabulary of `api.seed.vocabulary` with Zipf
frequencies (a few words are very common, most are rare; town names, given names and surnames make the
long tail), in the languages each country writes in. Points are placed by town population around the
bundled GeoNames towns, scattered by town size, and kept only where they fall inside the administrative
unit that holds the town (so on land, in the right country and region); each row takes that unit as its
region, which is what the per-row region trigger would compute, at a fraction of the cost.

Rows are made in Python with numpy (a million in about 15 s), sent with COPY into a staging table and
inserted in one statement, in geohash order as a directory loaded region by region would be stored.
They are marked is_demo and get slugs `synthetic-N`, so a re-run replaces them.
"""

import json
import time
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from sqlalchemy import text

from api.config import Settings
from api.db import create_engine
from api.geo.boundaries import read_region_features
from api.geo.towns import Town, all_towns
from api.seed import vocabulary as vocab

SEED = 2026
# Which languages each country's entries are written in, and how often.
COUNTRY_LANGUAGES = {"RO": {"ro": 0.9, "en": 0.1}, "MD": {"ro": 0.65, "ru": 0.3, "en": 0.05},
                     "UA": {"uk": 0.8, "ru": 0.1, "en": 0.1}}
# Scatter around a town: a village spreads over a kilometre or two, a city of a million over ten.
MIN_SPREAD_KM, SPREAD_KM_PER_SQRT_100K = 0.7, 3.0
REDRAWS = 6
KM_PER_DEGREE = 111.32
QUOTES = {"en": ("“", "”"), "ro": ("„", "”"), "uk": ("«", "»"), "ru": ("«", "»")}

STAGING_COLUMNS = ("n", "name", "locality", "country", "region_code", "lon", "lat", "languages", "description",
                   "sector", "impact", "founded_year", "employees_total", "employees_vulnerable", "turnover",
                   "verified", "attested")
INSERT_SQL = """
INSERT INTO organisations (kind, name, slug, country, region_code, locality, location, languages, description,
                           founded_year, employees_total, employees_vulnerable, annual_turnover_eur, impact_areas,
                           sectors, certifications, service_radius_km, status, verified, is_demo)
SELECT 'social_enterprise', s.name, 'synthetic-' || s.n, s.country, s.region_code, s.locality,
       ST_SetSRID(ST_MakePoint(s.lon, s.lat), 4326), s.languages, s.description, s.founded_year,
       s.employees_total, s.employees_vulnerable, s.turnover, ARRAY[s.impact], ARRAY[s.sector],
       CASE WHEN s.attested AND s.country = 'RO' THEN ARRAY['ro_social_enterprise_attestation'] ELSE '{}'::text[] END,
       50, 'published', s.verified, true
FROM synthetic_staging AS s
-- Rows stored in geohash order: neighbours share pages, which is what spatial queries read.
ORDER BY ST_GeoHash(ST_SetSRID(ST_MakePoint(s.lon, s.lat), 4326), 6), s.n
"""

# Secondary indexes (GiST, GIN, b-tree) cost far more to maintain row by row than to build once:
# the seed drops them for its bulk insert and rebuilds them in the same transaction. Unique ones
# stay, since they are constraints.
SECONDARY_INDEXES_SQL = """
SELECT indexname, indexdef FROM pg_indexes
WHERE schemaname = current_schema() AND tablename IN ('organisations', 'search_terms')
  AND indexdef NOT LIKE 'CREATE UNIQUE %'
"""


@dataclass(frozen=True)
class Units:
    """The administrative units as shapes, for point-in-polygon tests of many points at once."""

    codes: np.ndarray
    countries: np.ndarray
    tree: shapely.STRtree

    @classmethod
    def load(cls) -> "Units":
        features = list(read_region_features())
        shapes = [shapely.from_geojson(f["geometry_json"]) for f in features]
        return cls(np.array([f["code"] for f in features]), np.array([f["country"] for f in features]),
                   shapely.STRtree(shapes))

    def containing(self, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
        """Index of the unit holding each point, -1 where none does."""
        found = np.full(len(lon), -1)
        points, units = self.tree.query(shapely.points(lon, lat), predicate="within")
        found[points] = units
        return found


def placeable_towns(units: Units) -> list[Town]:
    """The towns whose own point lies in a unit of their country (a few hundred lie just outside the
    coarse boundaries, on a border river or the coast), so every draw has a valid fallback."""
    towns = list(all_towns())
    lon, lat = np.array([t.lon for t in towns]), np.array([t.lat for t in towns])
    unit = units.containing(lon, lat)
    return [t for t, u in zip(towns, unit, strict=True) if u >= 0 and units.countries[u] == t.country]


def place_points(rng: np.random.Generator, towns: list[Town], units: Units, count: int
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(town index, lon, lat, unit index) of `count` points, by town population, inside the town's own unit
    (so inside its country, and an entry of Kyiv lies in the city's region, not in the oblast around it)."""
    population = np.array([t.population for t in towns], dtype=float)
    town = rng.choice(len(towns), size=count, p=population / population.sum())
    home_lon, home_lat = np.array([t.lon for t in towns])[town], np.array([t.lat for t in towns])[town]
    home_unit = units.containing(np.array([t.lon for t in towns]), np.array([t.lat for t in towns]))[town]
    spread_km = MIN_SPREAD_KM + SPREAD_KM_PER_SQRT_100K * np.sqrt(population[town] / 100_000)
    lon, lat, unit = home_lon.copy(), home_lat.copy(), np.full(count, -1)
    pending = np.arange(count)
    for _ in range(REDRAWS):
        if not len(pending):
            break
        km = rng.normal(size=(2, len(pending))) * spread_km[pending]
        lat[pending] = home_lat[pending] + km[1] / KM_PER_DEGREE
        lon[pending] = home_lon[pending] + km[0] / (KM_PER_DEGREE * np.cos(np.radians(home_lat[pending])))
        unit[pending] = units.containing(lon[pending], lat[pending])
        inside = unit[pending] == home_unit[pending]
        pending = pending[~inside]
    lon[pending], lat[pending] = home_lon[pending], home_lat[pending]
    unit[pending] = home_unit[pending]
    return town, lon, lat, unit


def _pick(rng: np.random.Generator, size: int, count: int) -> np.ndarray:
    return rng.choice(size, size=count, p=vocab.zipf_weights(size))


def _town_name(town: Town, language: str) -> str:
    if language in ("uk", "ru"):
        return town.name_in_cyrillic() or town.name
    return town.name


def make_texts(rng: np.random.Generator, towns: list[Town], town: np.ndarray, language: np.ndarray
               ) -> tuple[list[str], list[str], np.ndarray, np.ndarray]:
    """Names, descriptions (JSON), head-word index and founding year of each row."""
    count = len(town)
    head, quality, quality2 = (_pick(rng, len(vocab.HEADS), count), _pick(rng, len(vocab.QUALITIES), count),
                               _pick(rng, len(vocab.QUALITIES), count))
    activity, beneficiary = _pick(rng, len(vocab.ACTIVITIES), count), _pick(rng, len(vocab.BENEFICIARIES), count)
    pattern = rng.choice(6, size=count, p=[0.38, 0.2, 0.14, 0.1, 0.1, 0.08])
    person = rng.integers(0, 1 << 30, size=count)
    founded = rng.integers(1991, 2026, size=count)
    english_too = rng.random(count) < 0.25
    names, descriptions = [], []
    for i in range(count):
        lang, place = language[i], towns[town[i]]
        head_word = vocab.HEADS[head[i]].forms[lang]
        quality_word = vocab.QUALITIES[quality[i]].forms[lang]
        town_name = _town_name(place, lang)
        opening, closing = QUOTES[lang]
        given = vocab.GIVEN_NAMES[lang].split()
        surnames = vocab.SURNAMES[lang].split()
        kind = pattern[i]
        if kind == 0:
            name = f"{head_word} {quality_word}" if lang != "en" else f"{quality_word} {head_word}"
        elif kind == 1:
            name = f"{head_word} {quality_word} {town_name}"
        elif kind == 2:
            name = f"{head_word} {opening}{given[person[i] % len(given)]}{closing}"
        elif kind == 3:
            name = f"{head_word} {surnames[person[i] % len(surnames)]}"
        elif kind == 4:
            name = f"{head_word} {quality_word} {vocab.QUALITIES[quality2[i]].forms[lang]}"
        else:
            name = f"{head_word} {town_name}"
        description = {lang: _sentence(lang, head_word, town_name, activity[i], beneficiary[i], founded[i])}
        if english_too[i] and lang != "en":
            description["en"] = _sentence("en", vocab.HEADS[head[i]].forms["en"], place.name, activity[i],
                                          beneficiary[i], founded[i])
        names.append(name)
        descriptions.append(json.dumps(description, ensure_ascii=False))
    return names, descriptions, head, founded


def _sentence(lang: str, head_word: str, town_name: str, activity: int, beneficiary: int, founded: int) -> str:
    where, for_whom, founded_in = vocab.CONNECTIVES[lang]
    return (f"{head_word} {where} {town_name} {vocab.ACTIVITIES[activity].forms[lang]} {for_whom} "
            f"{vocab.BENEFICIARIES[beneficiary].forms[lang]}. {founded_in} {founded}.")


def synthetic_records(count: int, *, seed: int = SEED) -> list[tuple[Any, ...]]:
    """`count` staging rows (see STAGING_COLUMNS), the same for the same seed."""
    rng = np.random.default_rng(seed)
    units = Units.load()
    towns = placeable_towns(units)
    town, lon, lat, unit = place_points(rng, towns, units, count)
    countries = np.array([t.country for t in towns])[town]
    language = np.empty(count, dtype="<U2")
    for country, shares in COUNTRY_LANGUAGES.items():
        rows = np.flatnonzero(countries == country)
        language[rows] = rng.choice(list(shares), size=len(rows), p=list(shares.values()))
    names, descriptions, head, founded = make_texts(rng, towns, town, language)
    employees = np.maximum(1, rng.lognormal(2.0, 0.9, size=count).astype(int))
    vulnerable = (employees * rng.random(count)).astype(int)
    turnover = np.round(employees * rng.lognormal(9.5, 0.6, size=count), 2)
    verified, attested = rng.random(count) < 0.5, rng.random(count) < 0.33
    return [
        (n + 1, names[n], towns[town[n]].name, str(countries[n]), str(units.codes[unit[n]]), float(lon[n]),
         float(lat[n]), [str(language[n])] + (["en"] if language[n] != "en" and '"en"' in descriptions[n] else []),
         descriptions[n], vocab.HEADS[head[n]].sector, vocab.HEADS[head[n]].impact, int(founded[n]), int(employees[n]),
         int(vulnerable[n]), float(turnover[n]), bool(verified[n]), bool(attested[n]))
        for n in range(count)
    ]


# The search-term index of synthetic rows, set-wise instead of per row by the trigger (migration 0014).
DELETE_TERMS_SQL = """
DELETE FROM search_terms s USING organisations o WHERE o.id = s.organisation_id AND o.slug LIKE 'synthetic-%'
"""
INSERT_TERMS_SQL = """
INSERT INTO search_terms (term, organisation_id, score, country)
SELECT t.term, o.id, t.score, o.country FROM organisations o, semap_name_terms(o.name, o.locality) AS t
WHERE o.slug LIKE 'synthetic-%'
"""
TERM_TRIGGER = "organisations_index_terms"


async def _delete_synthetic(connection: Any) -> None:
    await connection.execute(text(DELETE_TERMS_SQL))
    await connection.execute(text(f"ALTER TABLE organisations DISABLE TRIGGER {TERM_TRIGGER}"))
    await connection.execute(text("DELETE FROM organisations WHERE slug LIKE 'synthetic-%'"))
    await connection.execute(text(f"ALTER TABLE organisations ENABLE TRIGGER {TERM_TRIGGER}"))


async def remove_synthetic(settings: Settings) -> None:
    engine = create_engine(settings)
    try:
        async with engine.begin() as connection:
            await _delete_synthetic(connection)
    finally:
        await engine.dispose()


async def load_synthetic(settings: Settings, *, count: int, replace: bool) -> str:
    started = time.monotonic()
    records = synthetic_records(count)
    made = time.monotonic() - started
    engine = create_engine(settings)
    try:
        async with engine.begin() as connection:
            if replace:
                await _delete_synthetic(connection)
            await connection.execute(text(
                "CREATE TEMP TABLE synthetic_staging (n int, name text, locality text, country text, "
                "region_code text, lon float8, lat float8, languages text[], description jsonb, sector text, "
                "impact text, founded_year smallint, employees_total int, employees_vulnerable int, "
                "turnover numeric, verified bool, attested bool) ON COMMIT DROP"))
            raw = (await connection.get_raw_connection()).driver_connection
            assert raw is not None, "an open connection has its driver's connection"
            await raw.copy_records_to_table("synthetic_staging", records=records, columns=STAGING_COLUMNS)
            await connection.execute(text("ALTER TABLE organisations DISABLE TRIGGER organisations_set_region"))
            await connection.execute(text(f"ALTER TABLE organisations DISABLE TRIGGER {TERM_TRIGGER}"))
            indexes = (await connection.execute(text(SECONDARY_INDEXES_SQL))).all()
            for name, _ in indexes:
                await connection.execute(text(f'DROP INDEX "{name}"'))  # a name from the catalogue
            await connection.execute(text("SET LOCAL work_mem = '256MB'"))
            await connection.execute(text(INSERT_SQL))
            await connection.execute(text("ALTER TABLE organisations ENABLE TRIGGER organisations_set_region"))
            await connection.execute(text(f"ALTER TABLE organisations ENABLE TRIGGER {TERM_TRIGGER}"))
            await connection.execute(text(INSERT_TERMS_SQL))
            await connection.execute(text("SET LOCAL maintenance_work_mem = '512MB'"))
            for _, definition in indexes:
                await connection.execute(text(definition))
        async with engine.connect() as connection:
            await connection.execution_options(isolation_level="AUTOCOMMIT")
            await connection.execute(text("VACUUM ANALYZE organisations"))
            await connection.execute(text("VACUUM ANALYZE search_terms"))
    finally:
        await engine.dispose()
    return (f"loaded {count} synthetic enterprises in {time.monotonic() - started:.1f} s "
            f"(made in {made:.1f} s, copied and indexed in the database)")
