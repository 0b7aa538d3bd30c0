"""OGC API Features: datetime on the last update, queryables (Part 3), property filters and the licence link."""

from typing import Any

from httpx import AsyncClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from api.downloads.licence import LICENCE_URL
from tests.factories import make_organisation

ITEMS = "/ogc/collections/enterprises/items"


async def count(session: AsyncSession, where: str, params: dict[str, Any] | None = None) -> int:
    return int(await session.scalar(text(
        f"SELECT count(*) FROM organisations WHERE status = 'published' AND {where}"), params or {}))  # noqa: S608


async def matched(client: AsyncClient, **params: Any) -> int:
    response = await client.get(ITEMS, params={"limit": 1, **params})
    assert response.status_code == 200, response.text
    return int(response.json()["numberMatched"])


async def test_property_filters_are_the_facets(client: AsyncClient, session: AsyncSession) -> None:
    assert await matched(client, country="MD") == await count(session, "country = 'MD'")
    assert await matched(client, country="MD,UA") == await count(session, "country IN ('MD', 'UA')")
    assert await matched(client, region_code="RO-CJ") == await count(session, "region_code = 'RO-CJ'")
    assert await matched(client, kind="public_authority") == await count(session, "kind = 'public_authority'")
    assert await matched(client, verified="true") == await count(session, "verified")
    assert await matched(client, sectors="56") == await count(
        session, "EXISTS (SELECT 1 FROM unnest(sectors) s WHERE s LIKE '56%')")
    assert await matched(client, impact_areas="work_integration") == await count(
        session, "'work_integration' = ANY(impact_areas)")
    both = await matched(client, country="RO", impact_areas="work_integration", verified="false")
    assert 0 < both == await count(session, "country = 'RO' AND 'work_integration' = ANY(impact_areas) "
                                            "AND NOT verified")
    features = (await client.get(ITEMS, params={"country": "MD", "limit": 1000})).json()["features"]
    assert features and {f["properties"]["country"] for f in features} == {"MD"}


async def test_certification_filter(client: AsyncClient, session: AsyncSession) -> None:
    code = "ro_social_insertion_mark"
    await make_organisation(session, certifications=[code])
    await session.commit()
    assert await matched(client, certifications=code) == await count(session, ":c = ANY(certifications)",
                                                                      {"c": code})


async def test_bad_property_values_are_400_naming_the_parameter(client: AsyncClient) -> None:
    for params, pointer in (({"country": "FR"}, "/query/country"), ({"verified": "yes"}, "/query/verified"),
                            ({"sectors": "99.99"}, "/query/sectors"), ({"colour": "red"}, "/query/colour"),
                            ({"datetime": "yesterday"}, "/query/datetime"),
                            ({"datetime": "../.."}, "/query/datetime"),
                            ({"datetime": "2026-05-01/2026-01-01"}, "/query/datetime")):
        response = await client.get(ITEMS, params=params)
        assert response.status_code == 400, params
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["pointer"] == pointer, params
    regions = await client.get("/ogc/collections/regions/items", params={"kind": "ngo"})
    assert regions.status_code == 400


async def test_datetime_instants_and_intervals_on_the_last_update(client: AsyncClient, session: AsyncSession,
                                                                  enterprise: dict[str, Any]) -> None:
    await session.execute(text("UPDATE organisations SET updated_at = '2020-02-03T10:00:00Z' WHERE id = :id"),
                          {"id": enterprise["id"]})
    await session.execute(text("UPDATE organisations SET status = 'published' WHERE id = :id"),
                          {"id": enterprise["id"]})
    before_2021 = await count(session, "updated_at < '2021-01-01'")
    assert before_2021 >= 1
    assert await matched(client, datetime="../2021-01-01T00:00:00Z") == before_2021
    assert await matched(client, datetime="/2020-12-31") == before_2021
    assert await matched(client, datetime="2021-01-01T00:00:00Z/..") == await count(
        session, "updated_at >= '2021-01-01'")
    assert await matched(client, datetime="2020-02-03") == await count(
        session, "updated_at >= '2020-02-03' AND updated_at < '2020-02-04'")
    assert await matched(client, datetime="2020-02-03T10:00:00Z") == await count(
        session, "updated_at = '2020-02-03T10:00:00Z'")
    assert await matched(client, datetime="2020-02-01/2020-02-28", country="RO") == await count(
        session, "updated_at >= '2020-02-01' AND updated_at < '2020-02-29' AND country = 'RO'")


async def test_queryables_are_a_json_schema_of_the_facets(client: AsyncClient) -> None:
    response = await client.get("/ogc/collections/enterprises/queryables")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/schema+json"
    schema = response.json()
    assert schema["type"] == "object" and schema["$id"].endswith("/ogc/collections/enterprises/queryables")
    assert set(schema["properties"]) == {"country", "region_code", "kind", "sectors", "impact_areas",
                                         "certifications", "verified", "updated_at"}
    assert schema["properties"]["country"]["enum"] == ["RO", "MD", "UA"]
    assert schema["properties"]["verified"]["type"] == "boolean"
    regions = (await client.get("/ogc/collections/regions/queryables")).json()
    assert set(regions["properties"]) == {"country"}
    assert (await client.get("/ogc/collections/rivers/queryables")).status_code == 404


async def test_licence_and_queryables_links_and_conformance(client: AsyncClient) -> None:
    collection = (await client.get("/ogc/collections/enterprises")).json()
    rels = {link["rel"]: link for link in collection["links"]}
    assert rels["license"]["href"] == LICENCE_URL
    assert rels["http://www.opengis.net/def/rel/ogc/1.0/queryables"]["href"].endswith("/queryables")
    items = (await client.get(ITEMS, params={"limit": 1})).json()
    assert LICENCE_URL in {link["href"] for link in items["links"] if link["rel"] == "license"}
    feature_id = items["features"][0]["id"]
    one = (await client.get(f"{ITEMS}/{feature_id}")).json()
    assert LICENCE_URL in {link["href"] for link in one["links"] if link["rel"] == "license"}
    classes = (await client.get("/ogc/conformance")).json()["conformsTo"]
    assert "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables" in classes
    assert "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters" in classes


async def test_filters_are_kept_in_the_paging_links(client: AsyncClient) -> None:
    body = (await client.get(ITEMS, params={"country": "RO", "limit": 5})).json()
    nxt = next(link["href"] for link in body["links"] if link["rel"] == "next")
    assert "country=RO" in nxt and "offset=5" in nxt


async def test_the_ogc_api_definition_names_the_item_filters(client: AsyncClient) -> None:
    landing = (await client.get("/ogc")).json()
    desc = next(link["href"] for link in landing["links"] if link["rel"] == "service-desc")
    document = (await client.get(desc)).json()
    assert document["servers"] == [{"url": "http://test/ogc"}]
    parameters = {p["name"] for p in document["paths"]["/collections/{collectionId}/items"]["get"]["parameters"]}
    assert {"bbox", "datetime", "country", "region_code", "kind", "sectors", "impact_areas", "certifications",
            "verified"} <= parameters
    assert "/collections/{collectionId}/queryables" in document["paths"]
