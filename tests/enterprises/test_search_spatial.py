"""Geodesic distance, radius, nearest-first order (KNN on the index) and bbox on the enterprise list."""

import pytest
from httpx import AsyncClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from api.enterprises.filters import EnterpriseFilters
from api.enterprises.search import Sort, page_query
from api.geo.params import Point
from tests.enterprises.search_helpers import API, BUCHAREST, CHISINAU, KYIV, LVIV, ids, make


@pytest.mark.parametrize(("here", "there", "country", "expected_km"), [
    (BUCHAREST, CHISINAU, "RO", 358.67), (LVIV, KYIV, "UA", 468.95)], ids=["bucharest-chisinau", "lviv-kyiv"])
async def test_distance_is_geodesic_on_wgs84(client: AsyncClient, admin_headers: dict, here: tuple, there: tuple,
                                             country: str, expected_km: float) -> None:
    created = await make(client, admin_headers, "Zorvexa Distanță", here, country)
    response = await client.get(API, params={"q": "zorvexa", "lat": there[1], "lon": there[0]})
    [item] = [i for i in response.json()["items"] if i["id"] == created["id"]]
    assert item["distance_km"] == pytest.approx(expected_km, abs=0.1)


async def test_nearest_first_and_radius_excludes_what_lies_beyond(client: AsyncClient, admin_headers: dict) -> None:
    far = await make(client, admin_headers, "Zorvexa Far", (CHISINAU[0] + 0.5, CHISINAU[1]), "MD")
    near = await make(client, admin_headers, "Zorvexa Near", (CHISINAU[0] + 0.01, CHISINAU[1]), "MD")
    middle = await make(client, admin_headers, "Zorvexa Middle", (CHISINAU[0] + 0.1, CHISINAU[1]), "MD")
    point = {"q": "zorvexa", "lat": CHISINAU[1], "lon": CHISINAU[0], "sort": "distance"}
    body = (await client.get(API, params=point)).json()
    assert [i["id"] for i in body["items"]] == [near["id"], middle["id"], far["id"]]
    distances = [i["distance_km"] for i in body["items"]]
    assert distances == sorted(distances) and distances[0] < 1.0
    within = await ids(client, **point, radius_km=20)
    assert within == [near["id"], middle["id"]]


async def test_every_item_carries_distance_and_the_whole_list_is_nearest_first(client: AsyncClient) -> None:
    items = (await client.get(API, params={"lat": 47.0, "lon": 28.0, "sort": "distance", "limit": 200})).json()["items"]
    distances = [i["distance_km"] for i in items]
    assert len(items) == 200 and all(d is not None for d in distances)
    assert distances == sorted(distances)


async def test_paging_by_distance_visits_every_row_once(client: AsyncClient, admin_headers: dict) -> None:
    # Two at the same point: the id breaks the tie, so neither is skipped nor repeated across pages.
    for name in ("Zorvexa Twin A", "Zorvexa Twin B"):
        await make(client, admin_headers, name, (CHISINAU[0] + 0.2, CHISINAU[1]), "MD")
    params = {"country": "MD", "lat": CHISINAU[1], "lon": CHISINAU[0], "sort": "distance"}
    expected = await ids(client, **params)
    seen, cursor = [], None
    while True:
        body = (await client.get(API, params={**params, "limit": 7, **({"cursor": cursor} if cursor else {})})).json()
        seen += [i["id"] for i in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == expected and len(set(seen)) == len(seen) > 60


async def test_bbox_keeps_what_lies_inside(client: AsyncClient, admin_headers: dict) -> None:
    inside = await make(client, admin_headers, "Zorvexa Inside", BUCHAREST)
    outside = await make(client, admin_headers, "Zorvexa Outside", (23.6, 46.77))
    found = await ids(client, q="zorvexa", bbox="25.9,44.3,26.3,44.6")
    assert inside["id"] in found and outside["id"] not in found


@pytest.mark.parametrize("bbox", ["26.3,44.3,25.9,44.6", "25.9,44.6,26.3,44.3", "25.9,44.3,190,44.6",
                                  "25.9,-91,26.3,44.6", "25.9,44.3,26.3", "a,b,c,d", "1,2,3,4,5", "nan,1,2,3"])
async def test_bad_bbox_is_a_400_problem_naming_it(client: AsyncClient, bbox: str) -> None:
    response = await client.get(API, params={"bbox": bbox})
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["pointer"] == "/query/bbox"


@pytest.mark.parametrize(("params", "pointer"), [
    ({"lat": 47.0}, "/query/lon"), ({"radius_km": 10}, "/query/radius_km"), ({"sort": "distance"}, "/query/sort"),
    ({"lat": 95, "lon": 28}, "/query/lat"), ({"lat": 47, "lon": 28, "radius_km": -1}, "/query/radius_km")])
async def test_incomplete_or_out_of_range_point_is_a_422(client: AsyncClient, params: dict, pointer: str) -> None:
    response = await client.get(API, params=params)
    assert response.status_code == 422
    assert pointer in [e["pointer"] for e in response.json()["errors"]]


async def test_nearest_20_uses_the_geography_gist_index(session: AsyncSession) -> None:
    # Enough rows for the planner to prefer the index over reading and sorting the table.
    await session.execute(text("""
        INSERT INTO organisations (kind, name, slug, country, region_code, location, status)
        SELECT 'social_enterprise', 'Bulk ' || n, 'bulk-' || n, 'RO', 'RO-B',
               ST_SetSRID(ST_MakePoint(20.5 + (n % 200) * 0.04, 44 + (n / 200) * 0.04), 4326), 'published'
        FROM generate_series(1, 20000) AS n"""))
    await session.execute(text("ANALYZE organisations"))
    filters = EnterpriseFilters(point=Point(lon=26.1, lat=44.43))
    query = page_query(filters, Sort.distance, limit=20, cursor=None, staff=False)
    connection = await session.connection()
    compiled = query.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True})
    plan = "\n".join((await session.execute(text(f"EXPLAIN {compiled}"))).scalars())
    assert "Index Scan using ix_organisations_location_geog" in plan, plan
    assert "Order By: ((location)::geography <->" in plan, plan  # KNN: the index hands rows nearest first
    assert "Seq Scan" not in plan, plan
