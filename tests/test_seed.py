"""The demo data: the cluster's known totals, deterministic and loaded once."""

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from api.config import Settings
from api.seed.demo import load_demo
from api.seed.synthetic import load_synthetic, remove_synthetic


async def test_demo_cluster_has_60_members_319_employees_and_3m_turnover(session: AsyncSession) -> None:
    row = (await session.execute(text("""
        SELECT count(*) AS members, sum(o.employees_total) AS employees, sum(o.annual_turnover_eur) AS turnover,
               array_agg(DISTINCT o.country ORDER BY o.country) AS countries
        FROM memberships m JOIN organisations o ON o.id = m.organisation_id
        JOIN clusters c ON c.id = m.cluster_id
        WHERE c.slug = 'accelerator-of-social-enterprises' AND m.left_on IS NULL"""))).one()
    assert (row.members, row.employees, row.turnover) == (60, 319, 3_000_000)
    assert row.countries == ["MD", "RO"]


async def test_demo_has_about_400_more_enterprises_in_three_countries(session: AsyncSession) -> None:
    counts = dict((await session.execute(text(
        "SELECT country, count(*) FROM organisations WHERE is_demo GROUP BY country"))).all())
    assert sum(counts.values()) == 460
    assert set(counts) == {"RO", "MD", "UA"}
    missing = await session.scalar(text("""
        SELECT count(*) FROM organisations o
        WHERE o.kind = 'social_enterprise' AND o.is_demo
          AND (o.region_code IS NULL OR o.sectors = '{}' OR o.impact_areas = '{}'
               OR NOT EXISTS (SELECT 1 FROM offerings f WHERE f.organisation_id = o.id))"""))
    assert missing == 0


async def test_seeding_again_adds_nothing(settings: Settings, session: AsyncSession) -> None:
    before = await session.scalar(text("SELECT count(*) FROM organisations"))
    assert await load_demo(settings) == "demo data already loaded; nothing to do"
    assert await session.scalar(text("SELECT count(*) FROM organisations")) == before


async def test_synthetic_seed_is_set_based_and_replaces_itself(settings: Settings, session: AsyncSession) -> None:
    await load_synthetic(settings, count=500, replace=True)
    await load_synthetic(settings, count=300, replace=True)
    rows = (await session.execute(text("""
        SELECT count(*) AS n, count(region_code) AS with_region, count(DISTINCT country) AS countries
        FROM organisations WHERE slug LIKE 'synthetic-%'"""))).one()
    assert (rows.n, rows.with_region, rows.countries) == (300, 300, 3)
    await remove_synthetic(settings)


async def test_synthetic_points_lie_in_their_country_and_region_with_names_in_four_languages(
        settings: Settings, session: AsyncSession) -> None:
    await load_synthetic(settings, count=3000, replace=True)
    try:
        placed = (await session.execute(text("""
            SELECT count(*) AS n,
                   count(*) FILTER (WHERE EXISTS (SELECT 1 FROM regions r WHERE r.country = o.country
                                                  AND ST_Intersects(r.geom, o.location))) AS in_country,
                   count(*) FILTER (WHERE EXISTS (SELECT 1 FROM regions r WHERE r.code = o.region_code
                                                  AND ST_Intersects(r.geom, o.location))) AS in_region,
                   count(DISTINCT o.locality) AS towns
            FROM organisations o WHERE o.slug LIKE 'synthetic-%'"""))).one()
        assert placed.n == placed.in_country == placed.in_region == 3000
        assert placed.towns > 300  # spread by population over many towns, not a few prefixes
        languages = set((await session.scalars(text(
            "SELECT DISTINCT languages[1] FROM organisations WHERE slug LIKE 'synthetic-%'"))).all())
        assert languages == {"ro", "en", "uk", "ru"}
        words = (await session.execute(text("""
            SELECT count(*) AS distinct_words, max(n) AS commonest FROM (
              SELECT term, count(*) AS n FROM search_terms t JOIN organisations o ON o.id = t.organisation_id
              WHERE o.slug LIKE 'synthetic-%' AND t.score > 0.5 GROUP BY term) AS w"""))).one()
        assert words.distinct_words > 300 and words.commonest < 0.3 * 3000  # a long tail, no dominant prefix
    finally:
        await remove_synthetic(settings)


def test_the_same_seed_makes_the_same_rows() -> None:
    from api.seed.synthetic import synthetic_records
    assert synthetic_records(50) == synthetic_records(50)
