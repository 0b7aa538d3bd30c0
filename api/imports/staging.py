"""The staged rows of one import, in a temporary table, and the set-based SQL that checks and writes them."""

from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from api.imports.rows import REG_NORM_SQL

STAGE_COLUMNS = (
    "row_number", "external_id", "kind", "name", "slug_stem", "legal_form", "registration_code", "reg_norm",
    "country", "locality", "address", "lon", "lat", "has_coords", "location_problem", "email", "phone", "website",
    "contact_person", "languages", "description", "founded_year", "employees_total", "employees_vulnerable",
    "annual_turnover_eur", "impact_areas", "beneficiary_groups", "sectors", "certifications", "service_radius_km",
    "service_countries", "status", "verified", "confirmed",
)

CREATE_SQL = """
CREATE TEMP TABLE import_stage (
  row_number int PRIMARY KEY, external_id text, kind text, name text, slug_stem text, legal_form text,
  registration_code text, reg_norm text, country text, locality text, address text, lon float8, lat float8,
  has_coords bool, location_problem text, email text, phone text, website text, contact_person text,
  languages text[], description jsonb, founded_year int, employees_total int, employees_vulnerable int,
  annual_turnover_eur numeric, impact_areas text[], beneficiary_groups text[], sectors text[],
  certifications text[], service_radius_km numeric, service_countries text[],
  status text, verified bool, confirmed bool,
  geom geometry(Point, 4326), target_id bigint, ext_target_id bigint, region text, slug text,
  outcome text NOT NULL DEFAULT 'pending'
) ON COMMIT DROP"""

# Columns an update may set, by the file column that carries them (present in the file = set).
DIRECT_COLUMNS = (
    "kind", "name", "status", "country", "registration_code", "legal_form", "locality", "address", "email",
    "phone", "website", "contact_person", "languages", "founded_year", "employees_total", "employees_vulnerable",
    "annual_turnover_eur", "impact_areas", "beneficiary_groups", "sectors", "certifications", "service_radius_km",
    "service_countries", "verified",
)
INSERT_COLUMNS = (*DIRECT_COLUMNS, "slug", "description")
ARRAY_COLUMNS = frozenset({"languages", "impact_areas", "beneficiary_groups", "sectors", "certifications",
                           "service_countries"})


async def create(session: AsyncSession) -> None:
    await session.execute(text("DROP TABLE IF EXISTS import_stage"))
    await session.execute(text(CREATE_SQL))


async def drop(session: AsyncSession) -> None:
    await session.execute(text("DROP TABLE IF EXISTS import_stage"))


async def copy(session: AsyncSession, records: list[tuple[Any, ...]]) -> None:
    """COPY a batch into the stage: the fastest way into PostgreSQL, one round trip per batch."""
    if not records:
        return
    connection = await (await session.connection()).get_raw_connection()
    await connection.driver_connection.copy_records_to_table(  # type: ignore[union-attr]
        "import_stage", records=records, columns=STAGE_COLUMNS)


async def prepare(session: AsyncSession) -> None:
    for statement in (
        "UPDATE import_stage SET geom = ST_SetSRID(ST_MakePoint(lon, lat), 4326)",
        "CREATE INDEX ON import_stage (country, registration_code)",
        "CREATE INDEX ON import_stage (external_id)",
        "CREATE INDEX ON import_stage (target_id)",
        "ANALYZE import_stage",
        # Two imports at once would race on the same registration codes: one at a time.
        "SELECT pg_advisory_xact_lock(hashtext('semap:imports'))",
    ):
        await session.execute(text(statement))


async def match(session: AsyncSession) -> list[dict[str, Any]]:
    """Link rows to existing organisations; return rows whose two keys point at different ones."""
    await session.execute(text(
        "UPDATE import_stage s SET target_id = o.id FROM organisations o "
        "WHERE o.country = s.country AND o.registration_code = s.registration_code"))
    await session.execute(text(
        "UPDATE import_stage s SET ext_target_id = x.organisation_id FROM organisation_external_ids x "
        "WHERE x.external_id = s.external_id"))
    conflicts = (await session.execute(text(
        "SELECT row_number, external_id, target_id, ext_target_id FROM import_stage "
        "WHERE target_id <> ext_target_id ORDER BY row_number"))).mappings().all()
    await session.execute(text(
        "UPDATE import_stage SET target_id = ext_target_id WHERE target_id IS NULL AND ext_target_id IS NOT NULL"))
    # Fresh statistics, so that the joins that follow are planned for the rows as they now are.
    await session.execute(text("ANALYZE import_stage"))
    return [dict(row) for row in conflicts]


REPEATS_SQL = """
SELECT row_number, col, val, first_row FROM (
  SELECT row_number, 'registration_code' AS col, registration_code AS val,
         min(row_number) OVER (PARTITION BY country, registration_code) AS first_row
    FROM import_stage WHERE registration_code IS NOT NULL
  UNION ALL
  SELECT row_number, 'external_id', external_id, min(row_number) OVER (PARTITION BY external_id)
    FROM import_stage WHERE external_id IS NOT NULL
  UNION ALL
  SELECT row_number, 'name', name, min(row_number) OVER (PARTITION BY target_id)
    FROM import_stage WHERE target_id IS NOT NULL
) AS t WHERE row_number <> first_row ORDER BY row_number"""


async def repeats(session: AsyncSession) -> list[dict[str, Any]]:
    """Rows that repeat an earlier row's key, or update the same organisation as it."""
    return [dict(r) for r in (await session.execute(text(REPEATS_SQL))).mappings().all()]


async def unplaced(session: AsyncSession) -> list[dict[str, Any]]:
    """New rows that could not be placed on the map (updates keep their stored location)."""
    rows = await session.execute(text(
        "SELECT row_number, locality, location_problem FROM import_stage "
        "WHERE target_id IS NULL AND location_problem IS NOT NULL ORDER BY row_number"))
    return [dict(r) for r in rows.mappings().all()]


async def outside_country(session: AsyncSession) -> list[dict[str, Any]]:
    """Rows whose point lies in no region of their country (the rule the API applies on create)."""
    placed = "location_problem IS NULL AND (has_coords OR target_id IS NULL)"
    await session.execute(text(f"UPDATE import_stage SET region = region_of(geom, country) WHERE {placed}"))  # noqa: S608 - fixed SQL
    rows = await session.execute(text(
        f"SELECT row_number, country, lat, lon FROM import_stage WHERE {placed} AND region IS NULL "  # noqa: S608
        "ORDER BY row_number"))
    return [dict(r) for r in rows.mappings().all()]


SAME_CODE_SQL = f"""
SELECT s.row_number, o.id, o.name, o.slug, o.country, o.registration_code,
       'same_registration_code' AS reason, NULL::float8 AS distance_m, NULL::float8 AS similarity
  FROM import_stage s JOIN organisations o ON {REG_NORM_SQL.format("o.registration_code")} = s.reg_norm
 WHERE s.target_id IS NULL AND s.reg_norm IS NOT NULL"""  # noqa: S608 - a fixed expression, no user value

NEARBY_SQL = """
SELECT s.row_number, c.id, c.name, c.slug, c.country, c.registration_code, 'nearby_similar_name' AS reason,
       round(c.distance_m::numeric, 1)::float8 AS distance_m, round(c.similarity::numeric, 2)::float8 AS similarity
  FROM import_stage s
  CROSS JOIN LATERAL (
    SELECT o.id, o.name, o.slug, o.country, o.registration_code,
           ST_Distance(o.location::geography, s.geom::geography) AS distance_m,
           similarity(lower(unaccent(o.name)), lower(unaccent(s.name))) AS similarity
      FROM organisations o
     WHERE ST_DWithin(o.location::geography, s.geom::geography, :metres)
       AND similarity(lower(unaccent(o.name)), lower(unaccent(s.name))) >= :similarity
     ORDER BY similarity DESC LIMIT 3) AS c
 WHERE s.target_id IS NULL AND s.location_problem IS NULL"""


async def look_alikes(session: AsyncSession, *, metres: float, similarity: float) -> list[dict[str, Any]]:
    """Existing organisations that new rows look like: by registration code, or near with a similar name."""
    same = (await session.execute(text(SAME_CODE_SQL))).mappings().all()
    near = (await session.execute(text(NEARBY_SQL), {"metres": metres, "similarity": similarity})).mappings().all()
    return [dict(r) for r in (*same, *near)]


async def reject(session: AsyncSession, rows: set[int]) -> None:
    await session.execute(text("UPDATE import_stage SET outcome = 'rejected' WHERE row_number = ANY(:rows)"),
                          {"rows": sorted(rows)})
    await session.execute(text(
        "UPDATE import_stage SET outcome = CASE WHEN target_id IS NULL THEN 'create' ELSE 'unchanged' END "
        "WHERE outcome = 'pending'"))
    await session.execute(text("ANALYZE import_stage"))


def _new_values(present: set[str]) -> dict[str, str]:
    """SQL for the value each present column takes; the others keep the stored value."""
    values = {name: f"s.{name}" for name in DIRECT_COLUMNS if name in present}
    if {"lat", "lon"} <= present:
        values["location"] = "CASE WHEN s.has_coords THEN s.geom ELSE o.location END"
    if any(name.startswith("description_") for name in present):
        values["description"] = "(o.description - CAST(:languages AS text[])) || s.description"
    return values


def _changed(values: dict[str, str]) -> str:
    if not values:
        return "false"
    # varchar[] has no = with text[]: compare the stored arrays as text[].
    stored = [f"o.{n}::text[]" if n in ARRAY_COLUMNS else f"o.{n}" for n in values]
    return f"({', '.join(stored)}) IS DISTINCT FROM ({', '.join(values.values())})"


async def vulnerable_over_total(session: AsyncSession, present: set[str]) -> list[dict[str, Any]]:
    """Updates that would leave more vulnerable employees than employees, when only one column is given."""
    vulnerable = "s.employees_vulnerable" if "employees_vulnerable" in present else "o.employees_vulnerable"
    total = "s.employees_total" if "employees_total" in present else "o.employees_total"
    rows = await session.execute(text(
        f"SELECT s.row_number, {vulnerable} AS vulnerable, {total} AS total FROM import_stage s "  # noqa: S608 - column names from a fixed list
        f"JOIN organisations o ON o.id = s.target_id WHERE {vulnerable} > {total} ORDER BY s.row_number"))
    return [dict(r) for r in rows.mappings().all()]


async def changes_to(session: AsyncSession, columns: list[str]) -> list[dict[str, Any]]:
    """Rows that would change one of `columns` (from DIRECT_COLUMNS) of the organisation they update."""
    if not columns:
        return []
    assert set(columns) <= set(DIRECT_COLUMNS)
    selects = [
        f"SELECT s.row_number, '{name}' AS col, s.{name}::text AS val FROM import_stage s "  # noqa: S608 - fixed names
        f"JOIN organisations o ON o.id = s.target_id "
        f"WHERE {f'o.{name}::text[]' if name in ARRAY_COLUMNS else f'o.{name}'} IS DISTINCT FROM s.{name}"
        for name in columns]
    rows = await session.execute(text(" UNION ALL ".join(selects) + " ORDER BY row_number, col"))
    return [dict(r) for r in rows.mappings().all()]


async def email_changes(session: AsyncSession) -> list[dict[str, Any]]:
    """The organisations an update is about to give another contact e-mail, with the address they had."""
    rows = await session.execute(text(
        "SELECT o.id, o.name, o.version + 1 AS version, o.email AS previous, s.email AS current "
        "FROM import_stage s JOIN organisations o ON o.id = s.target_id "
        "WHERE s.outcome = 'unchanged' AND o.email IS NOT NULL AND o.email IS DISTINCT FROM s.email"))
    return [dict(r) for r in rows.mappings().all()]


async def count_changed(session: AsyncSession, present: set[str], languages: list[str]) -> int:
    values = _new_values(present)
    return int(await session.scalar(text(
        f"SELECT count(*) FROM import_stage s JOIN organisations o ON o.id = s.target_id "  # noqa: S608
        f"WHERE s.outcome = 'unchanged' AND {_changed(values)}"), {"languages": languages}) or 0)


async def update_matched(session: AsyncSession, present: set[str], languages: list[str]) -> None:
    values = _new_values(present)
    if not values:
        return
    assignments = ", ".join(f"{name} = {value}" for name, value in values.items())
    await session.execute(text(
        f"WITH updated AS (UPDATE organisations o SET {assignments}, version = o.version + 1, "  # noqa: S608
        f"updated_at = now() FROM import_stage s WHERE o.id = s.target_id AND s.outcome = 'unchanged' "
        f"AND {_changed(values)} RETURNING o.id) "
        "UPDATE import_stage s SET outcome = 'update' FROM updated WHERE s.target_id = updated.id"),
        {"languages": languages})


async def assign_slugs(session: AsyncSession) -> None:
    """Unique slugs for new rows: the name's, numbered within the file, else with a short hash."""
    await session.execute(text(
        "UPDATE import_stage s SET slug = CASE WHEN t.rank = 1 THEN s.slug_stem ELSE s.slug_stem || '-' || t.rank END "
        "FROM (SELECT row_number, row_number() OVER (PARTITION BY slug_stem ORDER BY row_number) AS rank "
        "      FROM import_stage WHERE outcome = 'create') AS t WHERE t.row_number = s.row_number"))
    for attempt in range(8):
        clashing = await session.execute(text(
            "WITH clash AS (SELECT t.row_number FROM (SELECT row_number, slug, row_number() OVER "
            "  (PARTITION BY slug ORDER BY row_number) AS k FROM import_stage WHERE outcome = 'create') AS t "
            "  WHERE t.k > 1 OR EXISTS (SELECT 1 FROM organisations o WHERE o.slug = t.slug)) "
            "UPDATE import_stage s SET slug = s.slug_stem || '-' || "
            "  substr(md5(s.row_number::text || ':' || CAST(:attempt AS text) || ':' "
            "             || clock_timestamp()::text), 1, 6) "
            "FROM clash WHERE clash.row_number = s.row_number"), {"attempt": str(attempt)})
        if clashing.rowcount == 0:  # type: ignore[attr-defined]
            return
    raise RuntimeError("could not find free slugs for the imported rows")


async def insert_new(session: AsyncSession) -> None:
    """Ids drawn from the identity's sequence first, so no join is needed to learn which row got which."""
    await session.execute(text(
        "UPDATE import_stage SET target_id = nextval(pg_get_serial_sequence('organisations', 'id')) "
        "WHERE outcome = 'create'"))
    columns = ", ".join(("id", *INSERT_COLUMNS, "location"))
    selected = ", ".join(("target_id", *INSERT_COLUMNS, "geom"))
    await session.execute(text(
        f"INSERT INTO organisations ({columns}) "  # noqa: S608 - column names from a fixed list
        f"SELECT {selected} FROM import_stage WHERE outcome = 'create' ORDER BY row_number"))


async def save_external_ids(session: AsyncSession) -> None:
    await session.execute(text(
        "INSERT INTO organisation_external_ids (organisation_id, external_id) "
        "SELECT target_id, external_id FROM import_stage "
        "WHERE outcome IN ('create', 'update', 'unchanged') AND external_id IS NOT NULL "
        "ON CONFLICT (organisation_id) DO UPDATE SET external_id = EXCLUDED.external_id "
        "WHERE organisation_external_ids.external_id IS DISTINCT FROM EXCLUDED.external_id"))


async def outcome_counts(session: AsyncSession) -> dict[str, int]:
    rows = await session.execute(text("SELECT outcome, count(*) FROM import_stage GROUP BY outcome"))
    return {outcome: int(count) for outcome, count in rows.all()}


async def audit_rows(session: AsyncSession, *, run_id: int, actor: str, token_id: int | None) -> None:
    """One audit row per organisation written, set-based: cheap next to the import itself."""
    await session.execute(text(
        "INSERT INTO audit_log (actor_token_id, actor, entity, entity_id, action, changes) "
        "SELECT :token_id, :actor, 'organisation', target_id::text, 'import_' || outcome, "
        "       jsonb_build_object('import_run', CAST(:run_id AS bigint), 'row', row_number) "
        "FROM import_stage WHERE outcome IN ('create', 'update')"),
        {"token_id": token_id, "actor": actor, "run_id": run_id})
