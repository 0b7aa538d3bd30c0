"""The demo data: the cluster's known totals, deterministic and loaded once."""

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from api.config import Settings
from api.geo.land import on_land
from api.geo.towns import all_towns
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


async def test_demo_tells_the_clusters_story(session: AsyncSession) -> None:
    members = (await session.execute(text("""
        SELECT o.name, o.kind, m.role, m.joined_on FROM memberships m JOIN organisations o ON o.id = m.organisation_id
        JOIN clusters c ON c.id = m.cluster_id WHERE c.slug = 'accelerator-of-social-enterprises'"""))).all()
    coordinators = [(m.name, m.joined_on.year) for m in members if m.role == "coordinator"]
    assert coordinators == [("Asociația ADV Romania", 2020)]
    founders = [m for m in members if m.role == "founding_member"]
    assert len(founders) == 42  # the programme's grantees of 2019, founding members of the cluster in 2020
    assert {m.kind for m in founders} == {"social_enterprise"} and {m.joined_on.year for m in founders} == {2020}
    assert min(m.joined_on.year for m in members) == 2020
    linked = await session.scalar(text(
        "SELECT array_agg(l->>'name' ORDER BY l->>'name') FROM clusters, jsonb_array_elements(linked_organisations) l "
        "WHERE slug = 'accelerator-of-social-enterprises'"))
    assert linked == ["AFIN IFN SA", "Diesis Network", "ENSIE", "RISE"]


async def test_demo_authorities_and_schools_have_no_staff_or_turnover_figures(session: AsyncSession) -> None:
    rows = (await session.execute(text("""
        SELECT kind, count(*) AS n, sum(employees_total) AS staff, count(annual_turnover_eur) AS with_turnover
        FROM organisations WHERE is_demo AND kind IN ('public_authority', 'educational_institution')
        GROUP BY kind ORDER BY kind"""))).all()
    assert [tuple(r) for r in rows] == [("educational_institution", 4, 0, 0), ("public_authority", 7, 0, 0)]
    turnover_reports = await session.scalar(text("""
        SELECT count(*) FROM impact_reports r JOIN organisations o ON o.id = r.organisation_id
        WHERE o.kind IN ('public_authority', 'educational_institution')
          AND (r.turnover_eur IS NOT NULL OR r.employees_total IS NOT NULL)"""))
    assert turnover_reports == 0


async def test_every_demo_name_is_written_in_one_script(session: AsyncSession) -> None:
    mixed = (await session.scalars(text(
        "SELECT name FROM organisations WHERE is_demo AND name ~ '[A-Za-zĂÂÎȘȚăâîșț]' AND name ~ '[А-Яа-яЁёІіЇїЄєҐґ]'"
    ))).all()
    assert mixed == []


async def test_demo_entries_in_occupied_territory_carry_their_operating_status(session: AsyncSession) -> None:
    rows = (await session.execute(text("""
        SELECT region_code, operating_status FROM organisations
        WHERE is_demo AND region_code IN ('UA-43', 'UA-40', 'UA-14', 'UA-09', 'UA-23', 'UA-65', 'MD-SN')
        ORDER BY region_code"""))).all()
    assert [tuple(r) for r in rows] == [("UA-14", "relocated"), ("UA-23", "relocated"), ("UA-43", "suspended"),
                                        ("UA-65", "suspended")]
    elsewhere = await session.scalar(text(
        "SELECT count(*) FROM organisations WHERE is_demo AND operating_status <> 'active' "
        "AND region_code NOT IN ('UA-43', 'UA-40', 'UA-14', 'UA-09', 'UA-23', 'UA-65', 'MD-SN')"))
    assert elsewhere == 0


async def test_demo_entries_lie_in_their_towns_region(session: AsyncSession) -> None:
    # Each demo entry lies within 2 km of its town: its region is the town's own (GeoNames'), not a coarse
    # polygon's. Satellites of Bucharest, Kyiv and Chișinău are where the polygons went wrong.
    units: dict[tuple[str | None, str], set[str]] = {}
    for town in all_towns():
        for name in {town.name, town.name_in_cyrillic()}:
            units.setdefault((name, town.country), set()).add(town.admin1)
    rows = (await session.execute(text(
        "SELECT locality, country, region_code FROM organisations WHERE is_demo"))).all()
    wrong = [tuple(r) for r in rows if r.region_code not in units[(r.locality, r.country)]]
    assert wrong == []


async def test_every_demo_point_is_on_land(session: AsyncSession) -> None:
    points = (await session.execute(text(
        "SELECT slug, ST_X(location) AS lon, ST_Y(location) AS lat FROM organisations WHERE is_demo"))).all()
    assert len(points) == 460
    assert [p.slug for p in points if not on_land(p.lon, p.lat)] == []
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
