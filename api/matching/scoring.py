"""The buyer-match query: candidates and factor values in one SQL statement, and the reasons in words.

Candidates are the nearest eligible enterprises, candidate_cap(limit) of them (a KNN walk of the
geography GiST index, bounded by ST_DWithin when the need has a maximum distance), after every hard
constraint: published social enterprise, maximum distance, required certifications, countries,
reserved-contract eligibility under the buyer's country's law (verified evidence, unexpired on the
query's date: api/reserved/rules.py), the enterprise's own service area, and some fit with the need (a
CPV division of its offerings, a NACE section that supplies the asked CPV divisions, or a keyword). Only
that bounded set is scored, so the cost does not grow with the size of the directory.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from api.reserved.rules import LegalBasis
from api.taxonomies import catalog

# Scored candidates: three times the results asked for, at least 60. Every candidate costs a heap
# visit at a million rows, so the set stays small (the benchmark's target is 3× a nearest-20 query).
CANDIDATES_PER_RESULT, MIN_CANDIDATES = 3, 60
DEFAULT_DISTANCE_SCALE_KM = 100.0
# Category fit by how close the enterprise's CPV code is to the buyer's (CPV is a prefix hierarchy).
FIT_EXACT, FIT_GROUP, FIT_DIVISION, FIT_NACE = 1.0, 0.75, 0.5, 0.3
# An enterprise without offerings says nothing about its capacity: neither fits nor fails.
CAPACITY_UNKNOWN = 0.5

POINT = "ST_SetSRID(ST_MakePoint(CAST(:lon AS float8), CAST(:lat AS float8)), 4326)::geography"


@dataclass
class Query:
    """Everything the statement needs, already validated and normalised."""

    lon: float
    lat: float
    buyer_country: str | None
    weights: dict[str, float]
    limit: int
    max_distance_km: float | None = None
    countries: list[str] = field(default_factory=list)
    certifications: list[str] = field(default_factory=list)
    reserved_only: bool = False
    cpv_codes: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    impacts: list[str] = field(default_factory=list)
    beneficiaries: list[str] = field(default_factory=list)
    quantity: int | None = None
    quantity_unit: str | None = None
    budget_eur: Decimal | None = None
    # The budget as the buyer gave it, when converted: (amount, currency, the rate table's date).
    budget_given: tuple[Decimal, str, str] | None = None
    days_left: int | None = None
    today: date = field(default_factory=date.today)
    # The legal bases under which the buyer's country lets it reserve a contract (empty: none modelled).
    reserved_bases: tuple[LegalBasis, ...] = ()

    @property
    def distance_scale_m(self) -> float:
        km = self.max_distance_km / 2 if self.max_distance_km else DEFAULT_DISTANCE_SCALE_KM
        return km * 1000


def candidate_cap(limit: int) -> int:
    return max(CANDIDATES_PER_RESULT * limit, MIN_CANDIDATES)


def cpv_prefix(code: str) -> str:
    """The significant digits of a CPV code: 55520000 → 5552; a division keeps its two digits."""
    return code.rstrip("0").ljust(2, "0")


def cpv_fit(enterprise_code: str, buyer_codes: list[str]) -> tuple[float, str | None]:
    """(fit, the buyer's code it fits best) — the same rule as the SQL, for the sentences."""
    best: tuple[float, str | None] = (0.0, None)
    for buyer in buyer_codes:
        prefix = cpv_prefix(buyer)
        if enterprise_code.startswith(prefix):
            fit = FIT_EXACT
        elif len(prefix) >= 3 and enterprise_code[:3] == buyer[:3]:
            fit = FIT_GROUP
        elif enterprise_code[:2] == buyer[:2]:
            fit = FIT_DIVISION
        else:
            fit = 0.0
        if fit > best[0]:
            best = (fit, buyer)
    return best


def nace_divisions(cpv_codes: list[str]) -> list[str]:
    """NACE divisions in the sections that supply the buyer's CPV divisions (cpv_nace.json)."""
    sections: set[str] = set()
    for code in cpv_codes:
        sections |= catalog.nace_sections_for_cpv_division(code[:2])
    return list(catalog.nace_divisions_of_sections(frozenset(sections)))


def _capacity_sql(q: Query) -> str:
    checks = []
    if q.quantity is not None:
        # Squared: an offering that covers half the quantity is a poor fit (0.25), not a middling one.
        checks.append(f"""CASE
            WHEN CAST(:quantity_unit AS text) IS NOT NULL AND f.quantity_unit IS NOT NULL
                 AND f.quantity_unit <> CAST(:quantity_unit AS text) THEN {CAPACITY_UNKNOWN}
            WHEN f.max_order_quantity IS NOT NULL AND :quantity > f.max_order_quantity
              THEN power(f.max_order_quantity::float8 / :quantity, 2)
            WHEN f.min_order_quantity IS NOT NULL AND :quantity < f.min_order_quantity
              THEN CAST(:quantity AS float8) / f.min_order_quantity
            ELSE 1.0 END""")
    if q.budget_eur is not None:
        checks.append("""CASE
            WHEN f.min_order_value_eur IS NOT NULL AND CAST(:budget AS numeric) < f.min_order_value_eur
              THEN (CAST(:budget AS numeric) / f.min_order_value_eur)::float8
            ELSE 1.0 END""")
    if q.days_left is not None:
        checks.append("""CASE WHEN f.lead_time_days IS NOT NULL AND f.lead_time_days > :days_left
            THEN greatest(CAST(:days_left AS float8), 0) / f.lead_time_days ELSE 1.0 END""")
    if not checks:
        return "0::float8"
    return f"(({' + '.join(checks)}) / {len(checks)}.0)"


def _candidate_filters(q: Query) -> list[str]:
    where = ["o.status = 'published'", "o.kind = 'social_enterprise'",
             # The enterprise delivers to the buyer: within its radius, or to the buyer's country, or
             # (it states neither) anywhere.
             f"""((o.service_radius_km IS NULL AND cardinality(o.service_countries) = 0)
                 OR ST_DWithin(o.location::geography, {POINT}, (o.service_radius_km * 1000)::float8)
                 OR CAST(:buyer_country AS varchar) = ANY(o.service_countries))"""]
    if q.max_distance_km is not None:
        where.append(f"ST_DWithin(o.location::geography, {POINT}, CAST(:max_m AS float8))")
    if q.certifications:
        where.append("o.certifications @> CAST(:certifications AS varchar[])")
    if q.countries:
        where.append("o.country = ANY(CAST(:countries AS varchar[]))")
    if q.reserved_only:
        where.append(f"EXISTS ({RESERVED_EVIDENCE})")
    fits = []
    if q.cpv_codes:
        fits.append("""EXISTS (SELECT 1 FROM offerings f, unnest(f.cpv_codes) code WHERE f.organisation_id = o.id
                               AND left(code, 2) = ANY(CAST(:cpv_divisions AS text[])))""")
        fits.append("""EXISTS (SELECT 1 FROM unnest(o.sectors) s
                               WHERE left(s, 2) = ANY(CAST(:nace_divisions AS text[])))""")
    if q.keywords:
        fits.append("EXISTS (SELECT 1 FROM words WHERE strpos(o.search_text, words.w) > 0)")
    where.append("(" + " OR ".join(fits) + ")")
    return where


# Verified evidence, unexpired on the query's date, under a basis of the buyer's country, meeting its
# minimum share, from a supplier country the basis accepts; the bases come in as three parallel arrays.
RESERVED_EVIDENCE = """SELECT e.legal_basis, e.expires_on FROM reserved_eligibilities e
      JOIN unnest(CAST(:reserved_bases AS text[]), CAST(:reserved_min_pct AS numeric[]),
                  CAST(:reserved_countries AS text[])) AS b(code, min_pct, countries) ON b.code = e.legal_basis
      WHERE e.organisation_id = o.id AND e.status = 'verified' AND e.expires_on >= CAST(:today AS date)
        AND e.share_disadvantaged_pct >= b.min_pct AND o.country = ANY(string_to_array(b.countries, ','))"""

# The offering is delivered to the buyer: within its own radius, to the buyer's country, or (it states
# neither) wherever the organisation serves.
OFFERING_DELIVERS = f"""((f.delivery_radius_km IS NULL AND cardinality(f.delivery_countries) = 0)
      OR ST_DWithin(o.location::geography, {POINT}, (f.delivery_radius_km * 1000)::float8)
      OR CAST(:buyer_country AS varchar) = ANY(f.delivery_countries))"""

CODE_FIT = f"""CASE WHEN code LIKE ANY(CAST(:cpv_like AS text[])) THEN {FIT_EXACT}
                    WHEN left(code, 3) = ANY(CAST(:cpv_groups AS text[])) THEN {FIT_GROUP}
                    WHEN left(code, 2) = ANY(CAST(:cpv_divisions AS text[])) THEN {FIT_DIVISION}
                    ELSE 0.0 END"""

PROFILE = """0.5 * o.verified::int + 0.5 * (
      (o.description <> '{}'::jsonb)::int + (o.website IS NOT NULL)::int + (o.phone IS NOT NULL)::int
      + (o.founded_year IS NOT NULL)::int + (o.employees_total > 0)::int + (best.offering_id IS NOT NULL)::int
    ) / 6.0"""


def statement(q: Query) -> tuple[str, dict[str, Any]]:
    """The SQL (assembled from fixed fragments only) and its bind parameters."""
    # S608: every interpolated piece is a constant of this module; user values are bind parameters.
    sql = f"""
WITH words AS MATERIALIZED (
  SELECT k, semap_normalise(k) AS w FROM unnest(CAST(:keywords AS text[])) AS k
),
candidates AS MATERIALIZED (
  SELECT o.id, ST_Distance(o.location::geography, {POINT}) AS distance_m
  FROM organisations o
  WHERE {" AND ".join(_candidate_filters(q))}
  ORDER BY o.location::geography <-> {POINT}
  LIMIT :candidate_cap
),
factors AS (
  SELECT o.id, o.slug, o.name, o.country, o.region_code, o.locality, ST_X(o.location) AS lon,
         ST_Y(o.location) AS lat, o.verified, o.certifications, o.impact_areas,
         o.beneficiary_groups, o.sectors, c.distance_m, reserved.legal_basis AS reserved_basis,
         reserved.expires_on AS reserved_until,
         best.offering_id, best.title, best.cpv_codes, best.min_order_quantity, best.max_order_quantity,
         best.quantity_unit, best.lead_time_days, best.min_order_value_eur,
         greatest(coalesce(best.cpv_fit, 0), nace.fit, kw.fit)::float8 AS category,
         coalesce(best.cpv_fit, 0)::float8 AS cpv_fit, nace.fit::float8 AS nace_fit, kw.fit AS keyword_fit, kw.matched,
         exp(-c.distance_m / CAST(:scale_m AS float8)) AS distance,
         CASE WHEN CAST(:n_preferences AS int) = 0 THEN 0.0 ELSE (
           (SELECT count(*) FROM unnest(o.impact_areas) x WHERE x = ANY(CAST(:impacts AS text[])))
           + (SELECT count(*) FROM unnest(o.beneficiary_groups) x WHERE x = ANY(CAST(:beneficiaries AS text[])))
         )::float8 / CAST(:n_preferences AS int) END::float8 AS impact,
         coalesce(best.capacity, {CAPACITY_UNKNOWN})::float8 AS capacity,
         ({PROFILE})::float8 AS profile
  FROM candidates c
  JOIN organisations o ON o.id = c.id
  LEFT JOIN LATERAL (
    SELECT f.id AS offering_id, f.title, f.cpv_codes, f.min_order_quantity, f.max_order_quantity, f.quantity_unit,
           f.lead_time_days, f.min_order_value_eur, fit.value AS cpv_fit, {_capacity_sql(q)} AS capacity
    FROM offerings f
    CROSS JOIN LATERAL (SELECT coalesce(max({CODE_FIT}), 0.0) AS value FROM unnest(f.cpv_codes) AS code) fit
    WHERE f.organisation_id = o.id AND {OFFERING_DELIVERS}
    ORDER BY fit.value DESC, capacity DESC, f.id
    LIMIT 1
  ) best ON true
  LEFT JOIN LATERAL ({RESERVED_EVIDENCE} ORDER BY e.expires_on DESC LIMIT 1) reserved ON true
  CROSS JOIN LATERAL (
    SELECT CASE WHEN EXISTS (SELECT 1 FROM unnest(o.sectors) s
                             WHERE left(s, 2) = ANY(CAST(:nace_divisions AS text[])))
                THEN {FIT_NACE} ELSE 0.0 END AS fit
  ) nace
  CROSS JOIN LATERAL (
    SELECT coalesce(array_agg(words.k), '{{}}') AS matched,
           count(*)::float8 / greatest(CAST(:n_keywords AS int), 1) AS fit
    FROM words WHERE strpos(o.search_text, words.w) > 0
  ) kw
)
SELECT *, count(*) OVER () AS candidates_considered,
       CAST(:w_category AS float8) * category + CAST(:w_distance AS float8) * distance
       + CAST(:w_impact AS float8) * impact + CAST(:w_capacity AS float8) * capacity
       + CAST(:w_profile AS float8) * profile AS score
FROM factors
ORDER BY score DESC, distance_m, id
LIMIT :limit
"""  # noqa: S608
    params: dict[str, Any] = {
        "lon": q.lon, "lat": q.lat, "buyer_country": q.buyer_country, "max_m": (q.max_distance_km or 0) * 1000,
        "certifications": q.certifications, "countries": q.countries, "candidate_cap": candidate_cap(q.limit),
        "keywords": q.keywords, "n_keywords": len(q.keywords),
        "cpv_like": [cpv_prefix(c) + "%" for c in q.cpv_codes],
        "cpv_groups": [c[:3] for c in q.cpv_codes if len(cpv_prefix(c)) >= 3],
        "cpv_divisions": sorted({c[:2] for c in q.cpv_codes}), "nace_divisions": nace_divisions(q.cpv_codes),
        "scale_m": q.distance_scale_m, "impacts": q.impacts, "beneficiaries": q.beneficiaries,
        "n_preferences": len(q.impacts) + len(q.beneficiaries), "limit": q.limit, "today": q.today,
        "reserved_bases": [b.code for b in q.reserved_bases],
        "reserved_min_pct": [b.min_share_pct for b in q.reserved_bases],
        "reserved_countries": [",".join(b.supplier_countries) for b in q.reserved_bases],
        **{f"w_{name}": weight for name, weight in q.weights.items()},
    }
    if q.quantity is not None:
        params["quantity"] = q.quantity
        params["quantity_unit"] = q.quantity_unit
    if q.budget_eur is not None:
        params["budget"] = q.budget_eur
    if q.days_left is not None:
        params["days_left"] = q.days_left
    # Only the parameters this variant of the statement uses, so it can also be a bound text() clause.
    return sql, {name: value for name, value in params.items() if re.search(rf":{name}\b", sql)}
