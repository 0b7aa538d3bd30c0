"""Taxonomy filters (OR within one, AND across), name order paging, and the GeoJSON and CSV formats."""

import csv
import io
import json

import pytest
from httpx import AsyncClient

from tests.enterprises.search_helpers import API, BUCHAREST, CHISINAU, ids, make


async def test_values_of_one_filter_are_ored_and_filters_anded(client: AsyncClient, admin_headers: dict) -> None:
    green_ro = await make(client, admin_headers, "Zorvexa Green RO", BUCHAREST, impact_areas=["green_circular_economy"])
    edu_ro = await make(client, admin_headers, "Zorvexa Edu RO", BUCHAREST, impact_areas=["education"])
    green_md = await make(client, admin_headers, "Zorvexa Green MD", CHISINAU, "MD",
                          impact_areas=["green_circular_economy"])
    await make(client, admin_headers, "Zorvexa Health RO", BUCHAREST, impact_areas=["health_care"])
    either = await ids(client, q="zorvexa", impact=["green_circular_economy", "education"])
    assert set(either) == {green_ro["id"], edu_ro["id"], green_md["id"]}
    both = await ids(client, q="zorvexa", impact=["green_circular_economy", "education"], country="RO")
    assert set(both) == {green_ro["id"], edu_ro["id"]}


async def test_sector_is_a_nace_prefix_or_section(client: AsyncClient, admin_headers: dict) -> None:
    caterer = await make(client, admin_headers, "Zorvexa Catering", BUCHAREST, sectors=["56.21"])
    baker = await make(client, admin_headers, "Zorvexa Bakery", BUCHAREST, sectors=["10.71"])
    for code in ("56", "56.2", "56.21", "I"):
        found = await ids(client, q="zorvexa", sector=code)
        assert caterer["id"] in found and baker["id"] not in found, code
    assert set(await ids(client, q="zorvexa", sector=["56", "10"])) == {caterer["id"], baker["id"]}


async def test_certification_and_verified(client: AsyncClient, admin_headers: dict) -> None:
    marked = await make(client, admin_headers, "Zorvexa Marked", BUCHAREST, verified=True,
                        certifications=["ro_social_insertion_mark"])
    plain = await make(client, admin_headers, "Zorvexa Plain", BUCHAREST)
    assert await ids(client, q="zorvexa", certification="ro_social_insertion_mark") == [marked["id"]]
    assert await ids(client, q="zorvexa", verified="false") == [plain["id"]]


async def test_cpv_is_a_prefix_over_the_offerings(client: AsyncClient, admin_headers: dict) -> None:
    org = await make(client, admin_headers, "Zorvexa Kitchen", BUCHAREST)
    other = await make(client, admin_headers, "Zorvexa Print", BUCHAREST)
    for target, code in ((org, "55520000"), (other, "79800000")):
        response = await client.post(f"{API}/{target['id']}/offerings", headers=admin_headers,
                                     json={"title": "Offer", "cpv_codes": [code]})
        assert response.status_code == 201
    for prefix in ("55", "555", "55000000", "55500000", "55520000"):
        assert await ids(client, q="zorvexa", cpv=prefix) == [org["id"]], prefix
    assert set(await ids(client, q="zorvexa", cpv=["55", "79"])) == {org["id"], other["id"]}


@pytest.mark.parametrize(("params", "pointer", "value"), [
    ({"sector": "99.99"}, "/query/sector", "99.99"), ({"impact": "flying"}, "/query/impact", "flying"),
    ({"certification": "gold"}, "/query/certification", "gold"), ({"cpv": "00"}, "/query/cpv", "00"),
    ({"cpv": "5x"}, "/query/cpv", "5x")])
async def test_unknown_codes_are_a_422_naming_the_value(client: AsyncClient, params: dict, pointer: str,
                                                        value: str) -> None:
    response = await client.get(API, params=params)
    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == pointer and value in response.json()["detail"]


async def test_unknown_format_and_sort_are_422(client: AsyncClient) -> None:
    for params in ({"format": "xml"}, {"sort": "price"}, {"sort": "relevance"}):
        response = await client.get(API, params=params)
        assert response.status_code == 422
        assert response.headers["content-type"] == "application/problem+json"


async def test_paging_by_name_visits_every_row_once(client: AsyncClient, admin_headers: dict) -> None:
    for _ in range(3):  # same name: the id breaks the tie
        await make(client, admin_headers, "0 Zorvexa Same", CHISINAU, "MD")
    expected = await ids(client, country="MD", sort="name")
    seen, cursor = [], None
    while True:
        body = (await client.get(API, params={"country": "MD", "sort": "name", "limit": 6,
                                              **({"cursor": cursor} if cursor else {})})).json()
        seen += [i["id"] for i in body["items"]]
        if (cursor := body["next_cursor"]) is None:
            break
    assert seen == expected and len(set(seen)) == len(seen)
    names = [i["name"] for i in (await client.get(API, params={"country": "MD", "sort": "name", "limit": 200})).json()[
        "items"]]
    assert names[:3] == ["0 Zorvexa Same"] * 3


async def test_a_cursor_of_another_sort_is_refused(client: AsyncClient) -> None:
    cursor = (await client.get(API, params={"limit": 1})).json()["next_cursor"]
    response = await client.get(API, params={"sort": "name", "cursor": cursor})
    assert response.status_code == 400


@pytest.mark.parametrize("ask", [{"params": {"format": "geojson"}}, {"headers": {"Accept": "application/geo+json"}}])
async def test_geojson_is_an_rfc_7946_feature_collection(client: AsyncClient, admin_headers: dict, ask: dict) -> None:
    created = await make(client, admin_headers, "Zorvexa Geo", BUCHAREST)
    params = {"q": "zorvexa", "lat": 44.43, "lon": 26.1, **ask.get("params", {})}
    response = await client.get(API, params=params, headers=ask.get("headers", {}))
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/geo+json"
    body = json.loads(response.content)
    assert body["type"] == "FeatureCollection" and body["total"] == 1 and body["next_cursor"] is None
    [feature] = body["features"]
    assert feature["type"] == "Feature" and feature["id"] == created["id"]
    assert feature["geometry"] == {"type": "Point", "coordinates": list(BUCHAREST)}  # lon, lat
    assert "location" not in feature["properties"]
    assert feature["properties"]["name"] == "Zorvexa Geo" and feature["properties"]["email"] is None
    assert feature["properties"]["distance_km"] == pytest.approx(0.41, abs=0.05)


async def test_geojson_pages_like_the_json_list(client: AsyncClient) -> None:
    params = {"country": "MD", "sort": "name", "limit": 5}
    page = (await client.get(API, params=params)).json()
    collection = json.loads((await client.get(API, params={**params, "format": "geojson"})).content)
    assert [f["id"] for f in collection["features"]] == [i["id"] for i in page["items"]]
    assert collection["next_cursor"] == page["next_cursor"] and collection["total"] == page["total"]


async def test_csv_has_a_header_lists_joined_and_private_fields_for_staff_only(client: AsyncClient,
                                                                              admin_headers: dict) -> None:
    await make(client, admin_headers, "Zorvexa, \"CSV\" Ștefănești", BUCHAREST, sectors=["56.21", "10.71"],
               description={"ro": "Descriere", "en": "Description"})
    public = await client.get(API, params={"q": "zorvexa", "format": "csv", "lat": 44.43, "lon": 26.1})
    assert public.status_code == 200 and public.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(public.content.decode("utf-8"))))
    [row] = rows
    assert row["name"] == "Zorvexa, \"CSV\" Ștefănești" and row["sectors"] == "56.21;10.71"
    assert (float(row["lon"]), float(row["lat"])) == BUCHAREST and row["description_en"] == "Description"
    assert "email" not in row and float(row["distance_km"]) > 0
    staff = await client.get(API, params={"q": "zorvexa", "format": "csv"}, headers=admin_headers)
    [staff_row] = list(csv.DictReader(io.StringIO(staff.text)))
    assert staff_row["email"] == "private@example.org" and "distance_km" not in staff_row
