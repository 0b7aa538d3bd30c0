"""Text search: ranked, insensitive to case and diacritics, tolerant of a typo, across Latin and Cyrillic."""

import pytest
from httpx import AsyncClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from tests.enterprises.search_helpers import API, BUCHAREST, KYIV, LVIV, ODESA, ids, make


@pytest.mark.parametrize(("source", "normalised"), [
    ("Київ", "kyiv"), ("Львів", "lviv"), ("Одеса", "odesa"), ("Харків", "kharkiv"), ("Знам'янка", "znamianka"),
    ("Єнакієве", "yenakiieve"), ("Згорани", "zghorany"), ("Щастя", "shchastia"),
    ("Съезд Эра Мы Ёлка", "sezd era my elka"),
    ("Ştefăneşti", "stefanesti"), ("Ștefănești", "stefanesti"), ("BRUTĂRIA Împreună", "brutaria impreuna")])
async def test_normalisation_romanises_by_kmu_2010_and_drops_diacritics(session: AsyncSession, source: str,
                                                                        normalised: str) -> None:
    assert await session.scalar(text("SELECT semap_normalise(:s)"), {"s": source}) == normalised


@pytest.mark.parametrize("query", ["brutarie zorvexa", "BRUTĂRIA ZORVEXA", "brutria zorvexa", "Брутарія Зорвекса"])
async def test_case_diacritics_typo_and_script_do_not_matter(client: AsyncClient, admin_headers: dict,
                                                             query: str) -> None:
    bakery = await make(client, admin_headers, "Brutăria Zorvexa", BUCHAREST)
    assert bakery["id"] in await ids(client, q=query)


async def test_comma_and_cedilla_forms_find_each_other(client: AsyncClient, admin_headers: dict) -> None:
    comma = await make(client, admin_headers, "Atelierul Ștefănești Zorvexa", BUCHAREST)
    cedilla = await make(client, admin_headers, "Atelierul Ştefăneşti Zorvexa", BUCHAREST)
    for query in ("stefanesti", "Ștefănești", "Ştefăneşti"):
        found = await ids(client, q=query)
        assert comma["id"] in found and cedilla["id"] in found


async def test_a_typo_still_finds_the_bakery(client: AsyncClient, admin_headers: dict) -> None:
    bakery = await make(client, admin_headers, "Brutăria Bunătății Zorvexa", BUCHAREST)
    assert bakery["id"] in await ids(client, q="brutaria bunatati zorvexa")
    assert bakery["id"] in await ids(client, q="brutria")


@pytest.mark.parametrize(("name", "point", "query"), [
    ("Пекарня Київ", KYIV, "Kyiv"), ("Atelier Lviv", LVIV, "Львів"), ("Кав'ярня Одеса", ODESA, "Odesa"),
    ("Cafeneaua Odesa", ODESA, "Одеса")])
async def test_latin_finds_cyrillic_and_back(client: AsyncClient, admin_headers: dict, name: str,
                                             point: tuple, query: str) -> None:
    created = await make(client, admin_headers, name, point, "UA")
    assert created["id"] in await ids(client, q=query)


async def test_descriptions_in_any_language_are_searched(client: AsyncClient, admin_headers: dict) -> None:
    created = await make(client, admin_headers, "Atelier Nou", BUCHAREST,
                         description={"uk": "Майстерня кераміки Зорвекса", "en": "Pottery"})
    assert created["id"] in await ids(client, q="zorvexa ceramics") or created["id"] in await ids(
        client, q="keramiky zorvexa")
    assert created["id"] in await ids(client, q="кераміки")


async def test_offerings_are_searched_and_follow_their_changes(client: AsyncClient, admin_headers: dict) -> None:
    org = await make(client, admin_headers, "Cooperativa Verde", BUCHAREST)
    response = await client.post(f"{API}/{org['id']}/offerings", headers=admin_headers,
                                 json={"title": "Catering Zorvexa", "cpv_codes": ["55520000"]})
    assert response.status_code == 201
    assert org["id"] in await ids(client, q="zorvexa catering")
    offering = response.json()
    deleted = await client.delete(f"{API}/{org['id']}/offerings/{offering['id']}", headers=admin_headers)
    assert deleted.status_code == 204
    assert org["id"] not in await ids(client, q="zorvexa catering")


async def test_results_are_ranked_name_first_and_relevance_pages_without_repeats(client: AsyncClient,
                                                                                 admin_headers: dict) -> None:
    in_description = await make(client, admin_headers, "Atelier Alfa", BUCHAREST,
                                description={"ro": "Lucrăm cu Zorvexa."})
    in_name = await make(client, admin_headers, "Zorvexa", BUCHAREST)
    for n in range(5):
        await make(client, admin_headers, f"Zorvexa Filiala {n}", BUCHAREST)
    found = await ids(client, q="zorvexa")
    assert found[0] == in_name["id"] and found.index(in_name["id"]) < found.index(in_description["id"])
    seen, cursor = [], None
    while True:
        params = {"q": "zorvexa", "limit": 2, **({"cursor": cursor} if cursor else {})}
        body = (await client.get(API, params=params)).json()
        seen += [i["id"] for i in body["items"]]
        if (cursor := body["next_cursor"]) is None:
            break
    assert seen == found


async def test_text_and_filters_combine(client: AsyncClient, admin_headers: dict) -> None:
    ro = await make(client, admin_headers, "Brutăria Zorvexa", BUCHAREST)
    ua = await make(client, admin_headers, "Пекарня Zorvexa", KYIV, "UA")
    assert await ids(client, q="zorvexa", country="RO") == [ro["id"]]
    assert await ids(client, q="zorvexa", country="UA") == [ua["id"]]


async def test_a_typo_reads_the_most_similar_name_word(client: AsyncClient, admin_headers: dict,
                                                       session: AsyncSession) -> None:
    short = await make(client, admin_headers, "Quorvexaria Nord", BUCHAREST)
    long = await make(client, admin_headers, "Quorvexaria de Pâine a Satului", BUCHAREST)
    assert await session.scalar(text("SELECT entries FROM search_words WHERE term = 'quorvexaria'")) == 2
    body = (await client.get(API, params={"q": "quorvexria", "limit": 10})).json()
    assert [i["id"] for i in body["items"][:2]] == [short["id"], long["id"]]  # the shorter name first
    assert all(i["id"] in {short["id"], long["id"]} for i in body["items"])
    etag = (await client.get(f"{API}/{short['id']}", headers=admin_headers)).headers["etag"]
    renamed = await client.patch(f"{API}/{short['id']}", headers={**admin_headers, "If-Match": etag},
                                 json={"name": "Atelier Nord"})
    assert renamed.status_code == 200, renamed.text
    assert await session.scalar(text("SELECT entries FROM search_words WHERE term = 'quorvexaria'")) == 1
    assert await ids(client, q="quorvexria") == [long["id"]]


async def test_entries_holding_every_word_rank_first(client: AsyncClient, admin_headers: dict) -> None:
    elsewhere = await make(client, admin_headers, "Cooperativa Quorvexa", BUCHAREST,
                           description={"ro": "Grădina verde a satului"})
    both_long = await make(client, admin_headers, "Cooperativa Quorvexa Verde din Deal", BUCHAREST)
    both_short = await make(client, admin_headers, "Quorvexa Verde", BUCHAREST)
    in_locality = await make(client, admin_headers, "Quorvexa Atelier", BUCHAREST, locality="Verde")
    found = await ids(client, q="quorvexa verde")
    # Name words score by the name's length; a word found in the locality only scores 0.5.
    assert found[:3] == [both_short["id"], both_long["id"], in_locality["id"]]
    assert found.index(elsewhere["id"]) > 2


async def test_a_several_word_query_pages_without_repeats_or_gaps(client: AsyncClient, admin_headers: dict) -> None:
    for n in range(7):
        await make(client, admin_headers, f"Quorvexa Verde {'Filiala ' * (n % 3)}{n}", BUCHAREST,
                   **({"locality": "Verde"} if n == 6 else {}))
    await make(client, admin_headers, "Quorvexa Rosie", BUCHAREST, description={"ro": "verde"})
    for query in ("quorvexa verde", "quorvexa verdee"):
        found = await ids(client, q=query)
        assert len(found) == len(set(found)) >= 8
        seen, cursor = [], None
        while True:
            params = {"q": query, "limit": 3, **({"cursor": cursor} if cursor else {})}
            body = (await client.get(API, params=params)).json()
            seen += [i["id"] for i in body["items"]]
            if (cursor := body["next_cursor"]) is None:
                break
        assert seen == found
