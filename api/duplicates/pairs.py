"""Suspected duplicate pairs across the whole directory, a bounded window of organisations at a time.

Each page scans at most `window` organisations in id order and probes, for each, the geography GiST
index (100 m) and the (country, registration_code) index: the cost of a page is the window's, whatever
the directory's size, and the cursor carries on where the scan stopped.
"""


from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from api.duplicates.schemas import DuplicatePair
from api.duplicates.service import DUPLICATE_METRES, DUPLICATE_SIMILARITY

WINDOW_END_SQL = text("SELECT id FROM organisations WHERE status <> 'archived' AND id >= :start "
                      "ORDER BY id OFFSET :window LIMIT 1")
CODE = "regexp_replace(regexp_replace(upper(a.registration_code), '[^A-Z0-9]', '', 'g'), '^(RO|MD|UA)', '')"
PAIRS_SQL = text(f"""
SELECT a.id AS first_id, a.name AS first_name, b.id AS second_id, b.name AS second_name, b.reason,
       b.distance_m, b.similarity
  FROM organisations a
  CROSS JOIN LATERAL (
    SELECT o.id, o.name, 'nearby_similar_name' AS reason,
           round(ST_Distance(o.location::geography, a.location::geography)::numeric, 1)::float8 AS distance_m,
           round(similarity(semap_normalise(o.name), semap_normalise(a.name))::numeric, 2)::float8 AS similarity
      FROM organisations o
     WHERE ST_DWithin(o.location::geography, a.location::geography, :metres) AND o.id > a.id
       AND o.status <> 'archived' AND similarity(semap_normalise(o.name), semap_normalise(a.name)) >= :similarity
    UNION ALL
    SELECT o.id, o.name, 'same_registration_code', NULL, NULL
      FROM organisations o
     WHERE a.registration_code IS NOT NULL AND o.country = a.country AND o.id > a.id AND o.status <> 'archived'
       AND o.registration_code = ANY(ARRAY[{CODE}, a.country || {CODE}, a.country || ' ' || {CODE}])
  ) AS b
 WHERE a.status <> 'archived' AND a.id >= :start AND (CAST(:end AS bigint) IS NULL OR a.id < CAST(:end AS bigint))
   AND (a.id, b.id) > (:after_first, :after_second)
 ORDER BY a.id, b.id LIMIT :limit
""")  # noqa: S608 - CODE is a fixed expression, values are bound


async def suspected_pairs(session: AsyncSession, *, after: tuple[int, int], window: int,
                          limit: int) -> tuple[list[DuplicatePair], tuple[int, int] | None]:
    """Pairs (first id < second id) found among `window` organisations from `after`; and the next cursor."""
    start = after[0]
    end = await session.scalar(WINDOW_END_SQL, {"start": start, "window": window})
    rows = [DuplicatePair.model_validate(r) for r in (await session.execute(PAIRS_SQL, {
        "metres": DUPLICATE_METRES, "similarity": DUPLICATE_SIMILARITY, "start": start, "end": end,
        "after_first": after[0], "after_second": after[1], "limit": limit + 1})).mappings()]
    if len(rows) > limit:
        last = rows[limit - 1]
        return rows[:limit], (last.first_id, last.second_id)
    return rows, ((end, 0) if end is not None else None)
