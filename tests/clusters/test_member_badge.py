"""The "cluster member" badge: the list, the profile and the map's tiles say who is an active member."""

from typing import Any

import mapbox_vector_tile
from httpx import AsyncClient

from tests.clusters.test_cluster_page import MAIN
from tests.tiles.test_tiles import tile_of


async def _a_member(client: AsyncClient) -> dict[str, Any]:
    return (await client.get("/api/v1/members", params={"kind": "ngo", "role": "member"})).json()["items"][0]


async def test_members_carry_their_clusters_and_others_none(client: AsyncClient, enterprise: dict) -> None:
    member = await _a_member(client)
    listed = (await client.get("/api/v1/enterprises", params={"cluster": MAIN, "limit": 100})).json()["items"]
    assert listed and all(item["clusters"] == [MAIN] for item in listed)
    assert (await client.get(f"/api/v1/enterprises/{member['id']}")).json()["clusters"] == [MAIN]
    assert (await client.get(f"/api/v1/enterprises/{enterprise['id']}")).json()["clusters"] == []
    features = (await client.get("/api/v1/enterprises", params={"format": "geojson", "cluster": MAIN,
                                                               "limit": 5})).json()["features"]
    assert all(f["properties"]["clusters"] == [MAIN] for f in features)


async def test_the_tile_marks_members_and_an_ended_membership_loses_the_badge(
        client: AsyncClient, admin_headers: dict) -> None:
    member = await _a_member(client)
    detail = (await client.get(f"/api/v1/enterprises/{member['id']}")).json()
    z, x, y = tile_of(*detail["location"]["coordinates"], 14)

    async def marked() -> bool | None:
        body = (await client.get(f"/api/v1/tiles/enterprises/{z}/{x}/{y}.mvt")).content
        features = mapbox_vector_tile.decode(body)["enterprises"]["features"]
        return next(f["properties"]["member"] for f in features if f["id"] == member["id"])

    assert await marked() is True
    url = f"/api/v1/members/{member['membership']['id']}"
    etag = (await client.get(url)).headers["etag"]
    ended = await client.patch(url, json={"status": "ended"}, headers={**admin_headers, "If-Match": etag})
    assert ended.status_code == 200
    assert await marked() is False
    assert (await client.get(f"/api/v1/enterprises/{member['id']}")).json()["clusters"] == []
