"""Tiles under writes: the maintained cell counts stay equal to the live aggregation, and a write
changes the version (cache entry, ETag) of the tiles holding its old and new point only."""

from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from api.enterprises.filters import EnterpriseFilters
from api.tiles.grid import Tile
from api.tiles.service import CLUSTER_MAX_ZOOM, cell_cluster_query, cluster_query
from tests.conftest import enterprise_body
from tests.tiles.test_tiles import TILES, decode, tile_of

CLUJ = (23.6236, 46.7712)
IASI = (27.5766, 47.1585)
CHISINAU = (28.8575, 47.0105)
KYIV = (30.5234, 50.4501)
TIMISOARA = (21.2087, 45.7489)
ZOOMS = (5, 8, 10, 12, 16)


def clusters(body: bytes | None) -> list[tuple[int, str, int, int]]:
    """(count, impact, x, y) of each cluster, sorted: what two ways of building a tile must agree on."""
    features = decode(body or b"").get("clusters", {}).get("features", [])
    return sorted((f["properties"]["count"], f["properties"].get("impact") or "", *f["geometry"]["coordinates"])
                  for f in features)


async def assert_cells_match_live_aggregation(session: AsyncSession, lon: float, lat: float) -> None:
    for z in range(CLUSTER_MAX_ZOOM + 1):
        tile = Tile(*tile_of(lon, lat, z))
        maintained = clusters(await session.scalar(cell_cluster_query(tile)))
        live = clusters(await session.scalar(cluster_query(tile, EnterpriseFilters())))
        assert [c[:2] for c in maintained] == [c[:2] for c in live], f"zoom {z}"
        # Mean points: the same up to the rounding of a sum against an average (one unit of 4,096).
        assert all(abs(a[2] - b[2]) <= 1 and abs(a[3] - b[3]) <= 1 for a, b in zip(maintained, live, strict=True))
    published = await session.scalar(text("SELECT count(*) FROM organisations WHERE status = 'published'"))
    per_level = (await session.execute(text("SELECT level, sum(count) FROM tile_cells GROUP BY level"))).all()
    assert {int(total) for _, total in per_level} == {published}


async def insert(session: AsyncSession, slug: str, lon: float, lat: float, impact: str | None) -> int:
    return int(await session.scalar(text(
        "INSERT INTO organisations (kind, name, slug, country, locality, location, impact_areas, status) "
        "VALUES ('social_enterprise', :name, :slug, 'RO', 'Test', ST_SetSRID(ST_MakePoint(:lon, :lat), 4326), "
        "CAST(:impacts AS varchar[]), 'published') RETURNING id"),
        {"name": slug, "slug": slug, "lon": lon, "lat": lat, "impacts": [impact] if impact else []}))


async def test_cell_counts_stay_right_after_inserts_moves_unpublishes_and_deletes(session: AsyncSession) -> None:
    lon, lat = CLUJ
    first = await insert(session, "cells-a", lon + 0.001, lat, "work_integration")
    second = await insert(session, "cells-b", lon + 0.002, lat + 0.001, None)
    third = await insert(session, "cells-c", lon - 0.003, lat, "environment")
    await assert_cells_match_live_aggregation(session, lon, lat)

    await session.execute(text("UPDATE organisations SET location = ST_SetSRID(ST_MakePoint(:lon, :lat), 4326) "
                               "WHERE id = :id"), {"id": first, "lon": IASI[0], "lat": IASI[1]})
    await session.execute(text("UPDATE organisations SET impact_areas = '{education}' WHERE id = :id"),
                          {"id": third})
    await assert_cells_match_live_aggregation(session, lon, lat)
    await assert_cells_match_live_aggregation(session, *IASI)

    await session.execute(text("UPDATE organisations SET status = 'draft' WHERE id = :id"), {"id": second})
    await assert_cells_match_live_aggregation(session, lon, lat)
    await session.execute(text("UPDATE organisations SET status = 'published' WHERE id = :id"), {"id": second})
    await session.execute(text("DELETE FROM organisations WHERE id IN (:a, :c)"), {"a": first, "c": third})
    await assert_cells_match_live_aggregation(session, lon, lat)
    await assert_cells_match_live_aggregation(session, *IASI)


async def test_a_statement_of_many_rows_is_counted_once_each(session: AsyncSession) -> None:
    await session.execute(text(
        "INSERT INTO organisations (kind, name, slug, country, locality, location, impact_areas, status) "
        "SELECT 'social_enterprise', 'bulk ' || i, 'bulk-' || i, 'MD', 'Test', "
        "ST_SetSRID(ST_MakePoint(28.8 + i * 0.0007, 47.0 + i * 0.0003), 4326), '{fair_trade}', 'published' "
        "FROM generate_series(1, 300) i"))
    await assert_cells_match_live_aggregation(session, *CHISINAU)
    await session.execute(text("UPDATE organisations SET location = ST_Translate(location, 0.05, 0.01) "
                               "WHERE slug LIKE 'bulk-%'"))
    await assert_cells_match_live_aggregation(session, *CHISINAU)


async def fetch(client: AsyncClient, z: int, x: int, y: int) -> Any:
    response = await client.get(f"{TILES}/{z}/{x}/{y}.mvt")
    assert response.status_code in (200, 204)
    return response


@pytest.mark.parametrize("zoom", ZOOMS)
async def test_a_move_rebuilds_the_tiles_of_its_old_and_new_point_and_no_other(
        client: AsyncClient, admin_headers: dict, zoom: int) -> None:
    body = enterprise_body(location={"type": "Point", "coordinates": list(TIMISOARA)})
    created = await client.post("/api/v1/enterprises", json=body, headers=admin_headers)
    assert created.status_code == 201
    enterprise = created.json()
    old, new, elsewhere = tile_of(*TIMISOARA, zoom), tile_of(*IASI, zoom), tile_of(*KYIV, zoom)
    assert len({old, new, elsewhere}) == 3
    before = {tile: await fetch(client, *tile) for tile in (old, new, elsewhere)}
    assert [(await fetch(client, *tile)).headers["x-cache"] for tile in before] == ["hit"] * 3

    moved = await client.patch(f"/api/v1/enterprises/{enterprise['id']}",
                               json={"location": {"type": "Point", "coordinates": list(IASI)}},
                               headers={**admin_headers, "If-Match": created.headers["etag"]})
    assert moved.status_code == 200, moved.text

    after = {tile: await fetch(client, *tile) for tile in (old, new, elsewhere)}
    assert after[old].headers["x-cache"] == "miss" and after[new].headers["x-cache"] == "miss"
    assert after[old].headers["etag"] != before[old].headers["etag"]
    assert after[new].headers["etag"] != before[new].headers["etag"]
    assert after[elsewhere].headers["x-cache"] == "hit"
    assert after[elsewhere].headers["etag"] == before[elsewhere].headers["etag"]
    assert after[elsewhere].content == before[elsewhere].content
    if zoom <= CLUSTER_MAX_ZOOM:
        count = [sum(c[0] for c in clusters(r.content)) for r in (before[old], after[old], before[new], after[new])]
        assert count[1] == count[0] - 1 and count[3] == count[2] + 1
    else:
        def ids(response: Any) -> set[int]:
            return {f["id"] for f in decode(response.content).get("enterprises", {}).get("features", [])}
        assert enterprise["id"] in ids(before[old]) and enterprise["id"] not in ids(after[old])
        assert enterprise["id"] in ids(after[new])


async def test_an_edit_that_does_not_move_the_point_rebuilds_only_its_tile(
        client: AsyncClient, admin_headers: dict) -> None:
    created = await client.post("/api/v1/enterprises", json=enterprise_body(), headers=admin_headers)
    here, elsewhere = tile_of(*CLUJ, 14), tile_of(*KYIV, 5)
    first = {tile: await fetch(client, *tile) for tile in (here, elsewhere)}
    renamed = await client.patch(f"/api/v1/enterprises/{created.json()['id']}", json={"name": "Brutăria Nouă"},
                                 headers={**admin_headers, "If-Match": created.headers["etag"]})
    assert renamed.status_code == 200, renamed.text
    again = await fetch(client, *here)
    assert again.headers["x-cache"] == "miss" and again.headers["etag"] != first[here].headers["etag"]
    names = {f["properties"]["name"] for f in decode(again.content)["enterprises"]["features"]}
    assert "Brutăria Nouă" in names
    assert (await fetch(client, *elsewhere)).headers["x-cache"] == "hit"
