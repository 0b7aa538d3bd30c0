"""An organisation's region follows its point, Crimea included in Ukraine; towns the coarse boundaries put in
a neighbouring unit take their own (api/geo/data/region_corrections.csv)."""

import pytest
from slugify import slugify
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

PLACES = [
    ("Cluj-Napoca", "RO", 23.6236, 46.7712, "RO-CJ"),
    ("Bucharest", "RO", 26.1025, 44.4268, "RO-B"),
    ("Chișinău", "MD", 28.8638, 47.0105, "MD-CU"),
    ("Bălți", "MD", 27.9289, 47.7617, "MD-BA"),
    ("Lviv", "UA", 24.0297, 49.8397, "UA-46"),
    ("Kyiv", "UA", 30.5234, 50.4501, "UA-30"),
    ("Simferopol", "UA", 34.1024, 44.9521, "UA-43"),
    # Natural Earth puts these in Bender, Bucharest and Kyiv city; GeoNames (and the map of each country) does not.
    ("Tiraspol", "MD", 29.6284, 46.84275, "MD-SN"),
    ("Tiraspol, 3 km from the centre", "MD", 29.6284, 46.870, "MD-SN"),
    ("Bender", "MD", 29.4785, 46.8316, "MD-BD"),
    ("Voluntari", "RO", 26.17338, 44.49002, "RO-IF"),
    ("Bucharest, Piața Unirii", "RO", 26.1025, 44.4268, "RO-B"),
    ("Vyshneve", "UA", 30.36809, 50.38834, "UA-32"),
    ("Irpin", "UA", 30.24037, 50.52201, "UA-32"),
    ("Kyiv, Maidan", "UA", 30.5234, 50.4501, "UA-30"),
]


@pytest.mark.parametrize(("place", "country", "lon", "lat", "region"), PLACES, ids=[p[0] for p in PLACES])
async def test_region_is_derived_from_the_point(session: AsyncSession, place: str, country: str, lon: float,
                                                lat: float, region: str) -> None:
    derived = await session.scalar(text("""
        INSERT INTO organisations (kind, name, slug, country, location)
        VALUES ('social_enterprise', :name, :slug, :country, ST_SetSRID(ST_MakePoint(:lon, :lat), 4326))
        RETURNING region_code"""), {"name": place, "slug": "test-" + slugify(place), "country": country,
                                     "lon": lon, "lat": lat})
    assert derived == region


async def test_a_point_just_off_the_coast_takes_the_nearest_unit(session: AsyncSession) -> None:
    # In the Black Sea, about 3 km off Constanța's shore.
    derived = await session.scalar(text("""
        INSERT INTO organisations (kind, name, slug, country, location)
        VALUES ('social_enterprise', 'Offshore', 'test-offshore', 'RO', ST_SetSRID(ST_MakePoint(28.70, 44.17), 4326))
        RETURNING region_code"""))
    assert derived == "RO-CT"


async def test_constraints_refuse_out_of_range_coordinates_and_unknown_countries(session: AsyncSession) -> None:
    from sqlalchemy.exc import IntegrityError

    for country, lon, lat in (("RO", 200.0, 46.0), ("FR", 2.35, 48.85)):
        savepoint = await session.begin_nested()
        with pytest.raises(IntegrityError):
            await session.execute(text("""
                INSERT INTO organisations (kind, name, slug, country, location)
                VALUES ('social_enterprise', 'Bad', 'test-bad', :country, ST_SetSRID(ST_MakePoint(:lon, :lat), 4326))
            """), {"country": country, "lon": lon, "lat": lat})
        await savepoint.rollback()
