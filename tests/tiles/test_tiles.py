"""Vector tiles of the demo data, decoded: clusters, single enterprises, filters, caching and errors."""

import math
from typing import Any

import mapbox_vector_tile
from httpx import AsyncClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from api.taxonomies import catalog
from api.tiles.grid import Tile
from api.tiles.service import CLUSTER_MAX_ZOOM
from tests.conftest import enterprise_body

TILES = "/api/v1/tiles/enterprises"
MVT = "application/vnd.mapbox-vector-tile"
# Zoom 6 tile over northern Romania and Moldova; zoom 4 tile over Romania, Moldova and most of Ukraine.
ROMANIA_Z6 = (6, 36, 22)
REGION_Z4 = (4, 9, 5)


def tile_of(lon: float, lat: float, z: int) -> tuple[int, int, int]:
    n = 1 << z
    x = int((lon + 180) / 360 * n)
    y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
    return z, x, y


def decode(body: bytes) -> dict[str, Any]:
    return mapbox_vector_tile.decode(body)


async def published_in(session: AsyncSession, z: int, x: int, y: int, country: str | None = None) -> int:
    west, south, east, north = Tile(z, x, y).lonlat_bounds()
    return int(await session.scalar(text(
        "SELECT count(*) FROM organisations WHERE status = 'published' "
        "AND ST_X(location) >= :w AND ST_X(location) < :e AND ST_Y(location) > :s AND ST_Y(location) <= :n "
        "AND (CAST(:country AS text) IS NULL OR country = :country)"),
        {"w": west, "e": east, "s": south, "n": north, "country": country}))


async def test_low_zoom_tile_carries_clusters_whose_counts_add_up(client: AsyncClient, session: AsyncSession) -> None:
    z, x, y = ROMANIA_Z6
    response = await client.get(f"{TILES}/{z}/{x}/{y}.mvt")
    assert response.status_code == 200
    assert response.headers["content-type"] == MVT
    layers = decode(response.content)
    assert set(layers) == {"clusters"}
    features = layers["clusters"]["features"]
    counts = [f["properties"]["count"] for f in features]
    expected = await published_in(session, z, x, y)
    assert expected > 50
    assert sum(counts) == expected
    assert len(features) < expected  # aggregated: fewer features than enterprises
    assert all(f["geometry"]["type"] == "Point" for f in features)
    impacts = {f["properties"]["impact"] for f in features if "impact" in f["properties"]}
    assert impacts and impacts <= catalog.codes("impacts")


async def test_high_zoom_tile_carries_single_enterprises_with_map_attributes(
        client: AsyncClient, enterprise: dict) -> None:
    lon, lat = enterprise["location"]["coordinates"]
    z, x, y = tile_of(lon, lat, 14)
    response = await client.get(f"{TILES}/{z}/{x}/{y}.mvt")
    assert response.status_code == 200
    layers = decode(response.content)
    assert set(layers) == {"enterprises"}
    mine = [f for f in layers["enterprises"]["features"] if f["id"] == enterprise["id"]]
    assert len(mine) == 1
    assert mine[0]["properties"] == {
        "slug": enterprise["slug"], "name": enterprise["name"], "kind": "social_enterprise",
        "impact": "work_integration", "verified": False, "country": "RO", "member": False}


async def test_cluster_layer_ends_and_enterprise_layer_starts_at_the_threshold(
        client: AsyncClient, enterprise: dict) -> None:
    lon, lat = enterprise["location"]["coordinates"]
    low = decode((await client.get("{}/{}/{}/{}.mvt".format(TILES, *tile_of(lon, lat, CLUSTER_MAX_ZOOM)))).content)
    high = decode((await client.get("{}/{}/{}/{}.mvt".format(TILES, *tile_of(lon, lat, CLUSTER_MAX_ZOOM + 1)))).content)
    assert set(low) == {"clusters"} and set(high) == {"enterprises"}


async def test_filters_apply_to_tiles(client: AsyncClient, session: AsyncSession) -> None:
    z, x, y = REGION_Z4
    everything = decode((await client.get(f"{TILES}/{z}/{x}/{y}.mvt")).content)["clusters"]["features"]
    ukraine = decode((await client.get(f"{TILES}/{z}/{x}/{y}.mvt", params={"country": "UA"})).content)
    ukraine_count = sum(f["properties"]["count"] for f in ukraine["clusters"]["features"])
    assert ukraine_count == await published_in(session, z, x, y, "UA")
    assert 0 < ukraine_count < sum(f["properties"]["count"] for f in everything)


async def test_country_filter_keeps_only_that_country_at_high_zoom(client: AsyncClient, session: AsyncSession) -> None:
    lon, lat = (await session.execute(text(
        "SELECT ST_X(location), ST_Y(location) FROM organisations WHERE status = 'published' AND country = 'UA' "
        "ORDER BY id LIMIT 1"))).one()
    z, x, y = tile_of(lon, lat, 11)
    ukraine = decode((await client.get(f"{TILES}/{z}/{x}/{y}.mvt", params={"country": "UA"})).content)
    countries = {f["properties"]["country"] for f in ukraine["enterprises"]["features"]}
    assert countries == {"UA"}
    romania = await client.get(f"{TILES}/{z}/{x}/{y}.mvt", params={"country": "RO"})
    assert romania.status_code == 204


async def test_unpublished_enterprises_stay_off_the_map(client: AsyncClient, admin_headers: dict) -> None:
    draft = (await client.post("/api/v1/enterprises", json=enterprise_body(
        status="draft", location={"type": "Point", "coordinates": [21.2087, 45.7489]}, registration_code="RO9"),
        headers=admin_headers)).json()
    z, x, y = tile_of(21.2087, 45.7489, 16)
    response = await client.get(f"{TILES}/{z}/{x}/{y}.mvt")
    ids = {f["id"] for f in decode(response.content).get("enterprises", {}).get("features", [])}
    assert draft["id"] not in ids


async def test_empty_tile_is_204_with_etag(client: AsyncClient) -> None:
    response = await client.get(f"{TILES}/5/2/12.mvt")  # the middle of the Pacific
    assert response.status_code == 204
    assert response.content == b""
    assert response.headers["etag"] and "max-age" in response.headers["cache-control"]


async def test_tile_outside_the_grid_is_problem_400(client: AsyncClient) -> None:
    for path, pointer in [("23/0/0", "/path/z"), ("3/8/0", "/path/x"), ("3/0/8", "/path/y"), ("2/-1/0", "/path/x")]:
        response = await client.get(f"{TILES}/{path}.mvt")
        assert response.status_code == 400, path
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["pointer"] == pointer


async def test_etag_gives_304_until_the_data_changes(client: AsyncClient, admin_headers: dict) -> None:
    z, x, y = ROMANIA_Z6
    first = await client.get(f"{TILES}/{z}/{x}/{y}.mvt")
    etag = first.headers["etag"]
    assert first.headers["cache-control"].startswith("public")
    again = await client.get(f"{TILES}/{z}/{x}/{y}.mvt", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.headers["etag"] == etag and again.content == b""
    cached = await client.get(f"{TILES}/{z}/{x}/{y}.mvt")
    assert cached.content == first.content and cached.headers["etag"] == etag

    body = enterprise_body(location={"type": "Point", "coordinates": [23.6, 46.77]}, registration_code="RO7")
    assert (await client.post("/api/v1/enterprises", json=body, headers=admin_headers)).status_code == 201
    changed = await client.get(f"{TILES}/{z}/{x}/{y}.mvt", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["etag"] != etag
    before = sum(f["properties"]["count"] for f in decode(first.content)["clusters"]["features"])
    after = sum(f["properties"]["count"] for f in decode(changed.content)["clusters"]["features"])
    assert after == before + 1


async def test_different_filters_have_different_etags(client: AsyncClient) -> None:
    z, x, y = REGION_Z4
    plain = await client.get(f"{TILES}/{z}/{x}/{y}.mvt")
    filtered = await client.get(f"{TILES}/{z}/{x}/{y}.mvt", params={"country": "MD"})
    assert plain.headers["etag"] != filtered.headers["etag"]


async def test_bad_filter_is_problem_and_not_a_tile(client: AsyncClient) -> None:
    response = await client.get(f"{TILES}/4/9/5.mvt", params={"country": "FR"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


async def test_tilejson_describes_layers_with_absolute_urls(client: AsyncClient) -> None:
    response = await client.get(f"{TILES[:-len('/enterprises')]}/enterprises.json", params={"country": "UA"})
    assert response.status_code == 200
    doc = response.json()
    assert doc["tilejson"] == "3.0.0"
    assert doc["tiles"] == ["http://test/api/v1/tiles/enterprises/{z}/{x}/{y}.mvt?country=UA"]
    west, south, east, north = doc["bounds"]
    assert 20 < west < 21 and 43 < south < 44 and 40 < east < 41 and 52 < north < 53
    layers = {layer["id"]: layer for layer in doc["vector_layers"]}
    assert layers["clusters"]["maxzoom"] == CLUSTER_MAX_ZOOM
    assert layers["enterprises"]["minzoom"] == CLUSTER_MAX_ZOOM + 1
    assert set(layers["enterprises"]["fields"]) == {"id", "slug", "name", "kind", "impact", "verified", "country",
                                                      "member"}
    assert doc["minzoom"] == 0 and doc["maxzoom"] >= 14
