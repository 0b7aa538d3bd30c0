"""OGC API Features Part 1 Core over the demo data, through HTTP."""

from httpx import AsyncClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from tests.conftest import enterprise_body

OGC = "/ogc"
GEOJSON = "application/geo+json"
BUCHAREST_BBOX = "25.9,44.3,26.3,44.6"


async def published_count(session: AsyncSession, bbox: str | None = None) -> int:
    a, b, c, d = map(float, bbox.split(",")) if bbox else (None, None, None, None)
    return int(await session.scalar(text(
        "SELECT count(*) FROM organisations WHERE status = 'published' AND (CAST(:a AS float8) IS NULL "
        "OR location && ST_MakeEnvelope(:a, :b, :c, :d, 4326))"), {"a": a, "b": b, "c": c, "d": d}))


def rels(document: dict) -> dict[str, dict]:
    return {link["rel"]: link for link in document["links"]}


async def test_landing_page_links_to_api_conformance_and_data(client: AsyncClient) -> None:
    response = await client.get(OGC)
    assert response.status_code == 200
    links = rels(response.json())
    assert links["self"]["href"] == "http://test/ogc"
    assert links["service-desc"]["href"] == "http://test/ogc/openapi.json"
    assert links["conformance"]["href"] == "http://test/ogc/conformance"
    assert links["data"]["href"] == "http://test/ogc/collections"
    assert (await client.get(OGC, params={"f": "json"})).status_code == 200


async def test_conformance_declares_core_geojson_and_oas30(client: AsyncClient) -> None:
    classes = (await client.get(f"{OGC}/conformance")).json()["conformsTo"]
    assert {c.rsplit("/", 1)[-1] for c in classes} >= {"core", "geojson", "oas30"}


async def test_collections_have_extent_crs_and_item_links(client: AsyncClient) -> None:
    body = (await client.get(f"{OGC}/collections")).json()
    collections = {c["id"]: c for c in body["collections"]}
    assert set(collections) == {"enterprises", "regions"}
    for collection in collections.values():
        assert collection["crs"] == ["http://www.opengis.net/def/crs/OGC/1.3/CRS84"]
        west, south, east, north = collection["extent"]["spatial"]["bbox"][0]
        assert west < 21 and east > 40 and south < 44 and north > 52
        assert rels(collection)["items"]["type"] == GEOJSON
    one = await client.get(f"{OGC}/collections/enterprises")
    assert one.status_code == 200 and one.json()["id"] == "enterprises"


async def test_unknown_collection_is_problem_404(client: AsyncClient) -> None:
    for path in ("collections/rivers", "collections/rivers/items", "collections/rivers/items/1"):
        response = await client.get(f"{OGC}/{path}")
        assert response.status_code == 404, path
        assert response.headers["content-type"] == "application/problem+json"


async def test_items_page_with_counts_and_next_prev_links(client: AsyncClient, session: AsyncSession) -> None:
    first = await client.get(f"{OGC}/collections/enterprises/items")
    assert first.status_code == 200
    assert first.headers["content-type"] == GEOJSON
    page = first.json()
    assert page["type"] == "FeatureCollection"
    assert page["numberReturned"] == len(page["features"]) == 10
    assert page["numberMatched"] == await published_count(session)
    assert page["timeStamp"].endswith("Z")
    links = rels(page)
    assert "prev" not in links and links["next"]["href"].endswith("limit=10&offset=10")
    second = (await client.get(links["next"]["href"])).json()
    assert {f["id"] for f in second["features"]}.isdisjoint({f["id"] for f in page["features"]})
    assert rels(second)["prev"]["href"].endswith("limit=10&offset=0")
    feature = page["features"][0]
    lon, lat = feature["geometry"]["coordinates"]
    assert feature["geometry"]["type"] == "Point" and 20 < lon < 41 and 43 < lat < 53
    assert {"name", "slug", "kind", "country", "impact_areas", "verified"} <= set(feature["properties"])
    assert "email" not in feature["properties"] and "contact_person" not in feature["properties"]


async def test_last_page_has_no_next_link(client: AsyncClient, session: AsyncSession) -> None:
    total = await published_count(session)
    page = (await client.get(f"{OGC}/collections/enterprises/items",
                             params={"limit": 100, "offset": total - 5})).json()
    assert page["numberReturned"] == 5
    assert "next" not in rels(page) and "prev" in rels(page)


async def test_bbox_narrows_items_and_keeps_other_parameters_in_links(client: AsyncClient,
                                                                       session: AsyncSession) -> None:
    page = (await client.get(f"{OGC}/collections/enterprises/items",
                             params={"bbox": BUCHAREST_BBOX, "limit": 2})).json()
    assert page["numberMatched"] == await published_count(session, BUCHAREST_BBOX) > 2
    for feature in page["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert 25.9 <= lon <= 26.3 and 44.3 <= lat <= 44.6
    assert "bbox=25.9%2C44.3%2C26.3%2C44.6" in rels(page)["next"]["href"]


async def test_limit_above_the_maximum_is_capped(client: AsyncClient) -> None:
    page = (await client.get(f"{OGC}/collections/regions/items", params={"limit": 50_000})).json()
    assert page["numberReturned"] == page["numberMatched"] > 90
    assert "next" not in rels(page)


async def test_bad_parameters_are_problem_400(client: AsyncClient) -> None:
    for params in ({"bbox": "26,44,25,45"}, {"bbox": "a,b,c,d"}, {"f": "html"}, {"colour": "red"}):
        response = await client.get(f"{OGC}/collections/enterprises/items", params=params)
        assert response.status_code == 400, params
        assert response.headers["content-type"] == "application/problem+json"
    assert (await client.get(f"{OGC}/collections/enterprises/items", params={"limit": 0})).status_code == 422


async def test_item_by_id_is_a_feature_with_links(client: AsyncClient, enterprise: dict) -> None:
    response = await client.get(f"{OGC}/collections/enterprises/items/{enterprise['id']}")
    assert response.status_code == 200
    assert response.headers["content-type"] == GEOJSON
    feature = response.json()
    assert feature["type"] == "Feature" and feature["id"] == enterprise["id"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [23.6236, 46.7712]}
    assert feature["properties"]["name"] == enterprise["name"]
    assert rels(feature)["collection"]["href"] == "http://test/ogc/collections/enterprises"


async def test_unpublished_or_unknown_item_is_problem_404(client: AsyncClient, admin_headers: dict) -> None:
    draft = (await client.post("/api/v1/enterprises", json=enterprise_body(status="draft", registration_code="RO8"),
                               headers=admin_headers)).json()
    for feature_id in (draft["id"], 999_999_999, "not-a-number"):
        response = await client.get(f"{OGC}/collections/enterprises/items/{feature_id}")
        assert response.status_code == 404, feature_id
        assert response.json()["type"] == "https://semap.dev/problems/not-found"


async def test_region_item_has_names_and_a_polygon(client: AsyncClient) -> None:
    feature = (await client.get(f"{OGC}/collections/regions/items/RO-CJ")).json()
    assert feature["id"] == "RO-CJ"
    assert feature["properties"]["name_ro"] == "Cluj"
    assert feature["geometry"]["type"] == "MultiPolygon"
