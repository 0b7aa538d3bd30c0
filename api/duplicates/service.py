"""Possible duplicates: within 100 m with a similar name, or the same registration code (no HTTP here).

Names are compared by trigram similarity of `semap_normalise(name)` (migration 0002: lower case, no
diacritics, Cyrillic romanised), so "Brutăria Bunătății" meets "BRUTARIA BUNATATII" and "Брутарія".
Distances use the geography GiST index (ix_organisations_location_geog) through ST_DWithin; codes use the
(country, registration_code) unique index with the code's spelling variants, never a scan.
"""

import re
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from api.duplicates.models import SubmissionDuplicate
from api.duplicates.schemas import DuplicateCandidate, SimilarName

DUPLICATE_METRES = 100.0
DUPLICATE_SIMILARITY = 0.4
MAX_CANDIDATES = 5
COUNTRY_PREFIX = re.compile(r"^(RO|MD|UA)")


def code_variants(code: str | None, country: str) -> list[str]:
    """The spellings one registration code takes: 'RO 123', 'RO123', '123'."""
    if not code or not code.strip():
        return []
    compact = re.sub(r"[^A-Z0-9]", "", code.upper())
    bare = COUNTRY_PREFIX.sub("", compact)
    return sorted({code.strip(), compact, bare, f"{country}{bare}", f"{country} {bare}"} - {""})


CANDIDATES_SQL = text("""
SELECT * FROM (
  SELECT o.id, o.name, o.slug, o.country, o.registration_code, 'same_registration_code' AS reason,
         NULL::float8 AS distance_m, NULL::float8 AS similarity
    FROM organisations o
   WHERE o.country = :country AND o.registration_code = ANY(CAST(:codes AS text[]))
     AND o.status <> 'archived' AND o.id IS DISTINCT FROM :exclude
  UNION ALL
  SELECT o.id, o.name, o.slug, o.country, o.registration_code, 'nearby_similar_name',
         round(ST_Distance(o.location::geography, p.g)::numeric, 1)::float8,
         round(similarity(semap_normalise(o.name), semap_normalise(:name))::numeric, 2)::float8
    FROM organisations o, (SELECT ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)::geography AS g) AS p
   WHERE ST_DWithin(o.location::geography, p.g, :metres)
     AND similarity(semap_normalise(o.name), semap_normalise(:name)) >= :similarity
     AND o.status <> 'archived' AND o.id IS DISTINCT FROM :exclude
) AS c ORDER BY reason DESC, similarity DESC NULLS LAST, id LIMIT :limit
""")


# The public's hints while typing a proposal: published entries whose name looks like the typed one.
# `<%` (word similarity against search_text) is what the trigram GIN index answers; the name's own
# similarity then keeps only real look-alikes, and the same locality ranks first.
SIMILAR_NAMES_SQL = text("""
SELECT o.id, o.name, o.slug, o.locality, o.country,
       round(similarity(semap_normalise(o.name), semap_normalise(:name))::numeric, 2)::float8 AS similarity,
       coalesce(semap_normalise(o.locality) = semap_normalise(:locality), false) AS same_locality
  FROM organisations o
 WHERE o.status = 'published' AND semap_normalise(:name) <% o.search_text
   AND similarity(semap_normalise(o.name), semap_normalise(:name)) >= :similarity
 ORDER BY same_locality DESC, similarity DESC, o.id LIMIT :limit
""")
HINT_SIMILARITY = 0.3


async def similar_names(session: AsyncSession, *, name: str, locality: str | None) -> list[SimilarName]:
    """Published organisations whose name resembles `name`, those in `locality` first (at most five)."""
    rows = await session.execute(SIMILAR_NAMES_SQL, {"name": name, "locality": locality,
                                                     "similarity": HINT_SIMILARITY, "limit": MAX_CANDIDATES})
    return [SimilarName.model_validate(row) for row in rows.mappings()]


async def find_candidates(session: AsyncSession, *, name: str, lon: float, lat: float, country: str,
                          registration_code: str | None, exclude_id: int | None = None) -> list[DuplicateCandidate]:
    """Existing, not archived organisations that an entry with these fields may duplicate, best first."""
    rows = await session.execute(CANDIDATES_SQL, {
        "name": name, "lon": lon, "lat": lat, "country": country, "exclude": exclude_id,
        "codes": code_variants(registration_code, country), "metres": DUPLICATE_METRES,
        "similarity": DUPLICATE_SIMILARITY, "limit": MAX_CANDIDATES * 2})
    seen: dict[int, DuplicateCandidate] = {}
    for row in rows.mappings():  # an organisation found by its code and by its place counts once, by its code
        if row["id"] not in seen:
            seen[row["id"]] = DuplicateCandidate.model_validate(row)
    return list(seen.values())[:MAX_CANDIDATES]


async def candidates_for_payload(session: AsyncSession, payload: dict[str, Any],
                                 exclude_id: int | None = None) -> list[DuplicateCandidate]:
    """Candidates for a create body (a submission's payload)."""
    lon, lat = payload["location"]["coordinates"][:2]
    return await find_candidates(session, name=payload["name"], lon=lon, lat=lat, country=payload["country"],
                                 registration_code=payload.get("registration_code"), exclude_id=exclude_id)


async def flag_submission(session: AsyncSession, submission_id: int, payload: dict[str, Any]) -> int:
    """Store a new-enterprise submission's possible duplicates for the moderator; how many."""
    candidates = await candidates_for_payload(session, payload)
    session.add_all(SubmissionDuplicate(submission_id=submission_id, organisation_id=c.id, reason=c.reason,
                                        distance_m=c.distance_m, similarity=c.similarity)
                    for c in candidates)
    await session.flush()
    return len(candidates)


async def submission_candidates(session: AsyncSession, submission_id: int) -> list[DuplicateCandidate]:
    rows = await session.execute(text(
        "SELECT o.id, o.name, o.slug, o.country, o.registration_code, d.reason, d.distance_m, d.similarity "
        "FROM submission_duplicates d JOIN organisations o ON o.id = d.organisation_id "
        "WHERE d.submission_id = :id ORDER BY d.reason DESC, d.similarity DESC NULLS LAST, o.id"),
        {"id": submission_id})
    return [DuplicateCandidate.model_validate(row) for row in rows.mappings()]
