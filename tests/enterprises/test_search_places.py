"""Search finds what people type for places: exonyms and older spellings in four scripts, regions, ranking."""

import pytest
from httpx import AsyncClient

from tests.enterprises.search_helpers import API, BUCHAREST, CHISINAU, KYIV, ODESA, ids, make

KHARKIV = (36.2304, 49.9935)
BALTI = (27.9290, 47.7617)
OBOLON = (30.4983, 50.5013)  # a district of Kyiv, in the city's own region UA-30
DESA = (23.0333, 43.8667)  # a village in Dolj, Romania


async def test_odesa_finds_odesa_before_the_village_of_desa(client: AsyncClient, admin_headers: dict) -> None:
    village = await make(client, admin_headers, "Brutăria Zorvexa", DESA, locality="Desa")
    city = await make(client, admin_headers, "Пекарня Zorvexa", ODESA, "UA", locality="Odesa")
    found = await ids(client, q="Odesa")
    assert city["id"] in found
    assert village["id"] not in found or found.index(city["id"]) < found.index(village["id"])


async def test_kyiv_finds_the_enterprises_in_its_districts(client: AsyncClient, admin_headers: dict) -> None:
    district = await make(client, admin_headers, "Майстерня Zorvexa", OBOLON, "UA", locality="Obolon")
    elsewhere = await make(client, admin_headers, "Atelierul Zorvexa", BUCHAREST)
    for typed in ("Kyiv", "Київ", "Киев"):
        found = await ids(client, q=typed, limit=200)
        assert district["id"] in found, typed
        assert elsewhere["id"] not in found, typed


@pytest.mark.parametrize(("point", "country", "locality", "spellings"), [
    (KYIV, "UA", "Kyiv", ["Kiev", "Kyiv", "Київ", "Киев"]),
    (CHISINAU, "MD", "Chișinău", ["Kishinev", "Chișinău", "Chisinau", "Кишинёв", "Кишинев"]),
    (ODESA, "UA", "Odesa", ["Odessa", "Odesa", "Одеса", "Одесса"]),
    (KHARKIV, "UA", "Kharkiv", ["Kharkov", "Kharkiv", "Харків", "Харьков"]),
    (BALTI, "MD", "Bălți", ["Bălți", "Balti", "Бельцы"]),
])
async def test_every_spelling_of_a_town_finds_its_enterprises(client: AsyncClient, admin_headers: dict, point: tuple,
                                                              country: str, locality: str,
                                                              spellings: list[str]) -> None:
    created = await make(client, admin_headers, "Cooperativa Zorvexa", point, country, locality=locality)
    for typed in spellings:
        body = (await client.get(API, params={"q": typed, "country": country, "limit": 200})).json()
        assert created["id"] in [item["id"] for item in body["items"]], typed


async def test_a_town_in_the_name_ranks_before_the_town_in_a_region(client: AsyncClient, admin_headers: dict) -> None:
    in_region = await make(client, admin_headers, "Atelier Zorvexa", (30.60, 46.30), "UA")  # Odesa oblast, no name
    named = await make(client, admin_headers, "Кав'ярня Одеса", ODESA, "UA")
    found = await ids(client, q="Odesa", country="UA")  # also the name of its region
    assert named["id"] in found and in_region["id"] in found
    assert found.index(named["id"]) < found.index(in_region["id"])


async def test_region_names_are_searchable(client: AsyncClient, admin_headers: dict) -> None:
    cluj = await make(client, admin_headers, "Atelierul Zorvexa", (23.6236, 46.7712), locality="Cluj-Napoca")
    bucharest = await make(client, admin_headers, "Brutăria Zorvexa", BUCHAREST)
    for typed in ("Cluj", "Клуж"):
        found = await ids(client, q=typed, country="RO")
        assert cluj["id"] in found and bucharest["id"] not in found, typed
    assert bucharest["id"] in await ids(client, q="Bucharest", country="RO")


async def test_the_exact_tier_pages_into_the_other_matches_without_repeats(client: AsyncClient,
                                                                          admin_headers: dict) -> None:
    created = [await make(client, admin_headers, f"Qwyxol {'Alfa ' * n}", BUCHAREST) for n in range(4)]
    described = await make(client, admin_headers, "Atelier Beta", BUCHAREST, description={"ro": "Facem qwyxol."})
    typo = await make(client, admin_headers, "Qwyxoll Gama", BUCHAREST)
    found = await ids(client, q="qwyxol")
    assert found[:4] == [c["id"] for c in created]  # shorter names first
    assert set(found[4:]) == {described["id"], typo["id"]}
    seen, cursor = [], None
    while True:
        params = {"q": "qwyxol", "limit": 1, **({"cursor": cursor} if cursor else {})}
        body = (await client.get(API, params=params)).json()
        seen += [i["id"] for i in body["items"]]
        if (cursor := body["next_cursor"]) is None:
            break
    assert seen == found


async def test_the_list_item_built_by_the_database_reads_as_the_detail(client: AsyncClient,
                                                                      admin_headers: dict) -> None:
    created = await make(client, admin_headers, "Brutăria Qwyxolia", BUCHAREST, annual_turnover_eur="1234.50")
    detail = (await client.get(f"{API}/{created['id']}", headers=admin_headers)).json()
    for headers in ({}, admin_headers):
        body = (await client.get(API, params={"q": "qwyxolia"}, headers=headers)).json()
        assert body["total"] == 1 and body["total_exact"] is True and body["next_cursor"] is None
        [item] = body["items"]
        expected = {k: v for k, v in detail.items() if k != "offerings"}
        if not headers:
            expected |= {"email": None, "contact_person": None}
        assert item == {**expected, "distance_km": None}
