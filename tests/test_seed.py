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
