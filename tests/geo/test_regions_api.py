"""GET /api/v1/regions: names, counts of published enterprises and members, simplified GeoJSON, caching."""

import json
from datetime import date

import pytest
from httpx import AsyncClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import make_cluster, make_member, make_organisation, point

API = "/api/v1/regions"


async def _counts(session: AsyncSession, code: str) -> tuple[int, int]:
    row = (await session.execute(text("""
        SELECT count(*), count(*) FILTER (WHERE EXISTS (
                 SELECT 1 FROM memberships m WHERE m.organisation_id = o.id AND m.left_on IS NULL))
        FROM organisations o WHERE o.region_code = :code AND o.status = 'published'"""), {"code": code})).one()
    return int(row[0]), int(row[1])


async def test_regions_have_names_in_four_languages_and_true_counts(client: AsyncClient,
                                                                    session: AsyncSession) -> None:
    in_iasi = await make_organisation(session, locality="Iași", location=point(27.5766, 47.1585))
    await make_member(session, organisation=in_iasi)
    await session.commit()
    response = await client.get(API)
    assert response.status_code == 200
    items = {r["code"]: r for r in response.json()["items"]}
    assert len(items) == 42 + 37 + 27
    iasi = items["RO-IS"]
    assert iasi["names"]["ro"] == "Iași" and iasi["names"]["uk"] and iasi["names"]["ru"] and iasi["names"]["en"]
    assert (iasi["enterprises"], iasi["members"]) == await _counts(session, "RO-IS")
    assert iasi["members"] >= 1 and iasi["enterprises"] >= 1
    assert items["UA-43"]["country"] == "UA"  # Crimea is in Ukraine
    min_lon, min_lat, max_lon, max_lat = iasi["bbox"]
    assert 26 < min_lon < max_lon < 28.5 and 46.5 < min_lat < max_lat < 48


async def test_counts_follow_published_enterprises_and_open_memberships(client: AsyncClient, session: AsyncSession,
                                                                        admin_headers: dict) -> None:
    before = (await client.get(f"{API}/MD-CU")).json()
    body = {"name": "Zorvexa Chișinău", "country": "MD", "registration_code": "MDZ0001",
            "location": {"type": "Point", "coordinates": [28.8638, 47.0105]}}
    created = (await client.post("/api/v1/enterprises", json=body, headers=admin_headers)).json()
    cluster_id = (await make_cluster(session)).id
    await session.execute(text("INSERT INTO memberships (cluster_id, organisation_id, joined_on) VALUES (:c, :o, :d)"),
                          {"c": cluster_id, "o": created["id"], "d": date(2024, 1, 1)})
    after = (await client.get(f"{API}/MD-CU")).json()
    assert (after["enterprises"], after["members"]) == (before["enterprises"] + 1, before["members"] + 1)


async def test_country_filter(client: AsyncClient) -> None:
    items = (await client.get(API, params={"country": ["MD", "UA"]})).json()["items"]
    assert {r["country"] for r in items} == {"MD", "UA"} and len(items) == 37 + 27


async def test_geojson_boundaries_are_simplified_with_five_decimals(client: AsyncClient) -> None:
    response = await client.get(API, params={"country": "RO"}, headers={"Accept": "application/geo+json"})
    assert response.status_code == 200 and response.headers["content-type"] == "application/geo+json"
    collection = json.loads(response.content)
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 42
    cluj = next(f for f in collection["features"] if f["id"] == "RO-CJ")
    assert cluj["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert set(cluj["properties"]) >= {"code", "name_ro", "name_en", "name_uk", "name_ru", "enterprises", "members"}
    ring = cluj["geometry"]["coordinates"][0] if cluj["geometry"]["type"] == "Polygon" else \
        cluj["geometry"]["coordinates"][0][0]
    lon, lat = ring[0]
    assert 22 < lon < 25 and 46 < lat < 48  # lon, lat order
    assert all(len(str(c).split(".")[-1]) <= 5 for point in ring for c in point)
    coarse = json.loads((await client.get(API, params={"country": "RO", "format": "geojson",
                                                       "tolerance": 0.1})).content)
    fine = json.loads((await client.get(API, params={"country": "RO", "format": "geojson",
                                                     "tolerance": 0})).content)
    assert len(json.dumps(coarse)) < len(json.dumps(collection)) < len(json.dumps(fine))


async def test_one_region_as_json_and_as_feature(client: AsyncClient) -> None:
    region = await client.get(f"{API}/RO-CJ")
    assert region.status_code == 200 and region.json()["code"] == "RO-CJ"
    feature = json.loads((await client.get(f"{API}/ro-cj", params={"format": "geojson"})).content)
    assert feature["type"] == "Feature" and feature["properties"]["code"] == "RO-CJ"


async def test_unknown_region_is_a_404_problem(client: AsyncClient) -> None:
    for params in ({}, {"format": "geojson"}):
        response = await client.get(f"{API}/XX-99", params=params)
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/problem+json"


async def test_bad_tolerance_is_a_422(client: AsyncClient) -> None:
    assert (await client.get(API, params={"format": "geojson", "tolerance": -1})).status_code == 422


async def test_etag_cache_control_and_304(client: AsyncClient) -> None:
    first = await client.get(API, params={"format": "geojson"})
    etag = first.headers["etag"]
    assert first.headers["cache-control"] == "public, max-age=300"
    again = await client.get(API, params={"format": "geojson"}, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    stale = await client.get(API, params={"format": "geojson"}, headers={"If-None-Match": '"stale"'})
    assert stale.status_code == 200
    json_etag = (await client.get(API)).headers["etag"]
    assert json_etag != etag


@pytest.mark.parametrize(("lat", "lon", "code", "country"), [
    (46.7712, 23.6236, "RO-CJ", "RO"),      # Cluj-Napoca
    (47.0105, 28.8638, "MD-CU", "MD"),      # Chișinău
    (44.17, 28.70, "RO-CT", "RO"),          # just off Constanța's shore: the nearest unit
])
async def test_the_region_at_a_point(client: AsyncClient, lat: float, lon: float, code: str, country: str) -> None:
    response = await client.get("/api/v1/regions/at", params={"lat": lat, "lon": lon})
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["code"], body["country"]) == (code, country) and set(body["names"]) == {"ro", "en", "uk", "ru"}


async def test_no_region_far_out_and_bad_coordinates_are_refused(client: AsyncClient) -> None:
    far = await client.get("/api/v1/regions/at", params={"lat": 48.85, "lon": 2.35})  # Paris
    assert far.status_code == 404 and far.headers["content-type"].startswith("application/problem+json")
    assert (await client.get("/api/v1/regions/at", params={"lat": 123.5, "lon": 23.6})).status_code == 422
    assert (await client.get("/api/v1/regions/at", params={"lat": 46.7})).status_code == 422
