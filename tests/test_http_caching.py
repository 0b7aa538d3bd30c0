"""Public reads carry headers a browser or a CDN can cache by; a token holder's answers are kept apart."""

from httpx import AsyncClient

PUBLIC_CACHE = "public, max-age=0, s-maxage=60"
CDN_CACHE = "max-age=60, stale-while-revalidate=300"


async def test_a_public_list_is_cacheable_with_an_etag_and_revalidates_to_304(client: AsyncClient) -> None:
    first = await client.get("/api/v1/enterprises?country=MD&limit=5")
    assert first.status_code == 200
    # Shared caches and CDNs keep it a minute; a browser revalidates each time, so an edit shows at once.
    assert first.headers["cache-control"] == PUBLIC_CACHE and first.headers["cdn-cache-control"] == CDN_CACHE
    assert "Authorization" in first.headers["vary"]
    again = await client.get("/api/v1/enterprises?country=MD&limit=5", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == first.headers["etag"]


async def test_ogc_items_are_cacheable_too(client: AsyncClient) -> None:
    response = await client.get("/ogc/collections/enterprises/items?limit=2")
    assert response.status_code == 200 and response.headers["cache-control"] == PUBLIC_CACHE
    assert response.headers["etag"].startswith('"')


async def test_a_token_holders_read_is_not_marked_public(client: AsyncClient, admin_headers: dict[str, str]) -> None:
    response = await client.get("/api/v1/enterprises?limit=2", headers=admin_headers)
    assert response.status_code == 200
    assert "public" not in response.headers.get("cache-control", "")
    assert "Authorization" in response.headers["vary"]


async def test_tiles_keep_their_own_validator(client: AsyncClient, enterprise: dict) -> None:
    tile = await client.get("/api/v1/tiles/enterprises/5/18/11.mvt")  # over Cluj-Napoca, where `enterprise` is
    assert tile.status_code == 200
    assert "max-age" in tile.headers["cache-control"] and "stale-while-revalidate" in tile.headers["cache-control"]
    again = await client.get("/api/v1/tiles/enterprises/5/18/11.mvt", headers={"If-None-Match": tile.headers["etag"]})
    assert again.status_code == 304


async def test_private_paths_get_no_public_caching(client: AsyncClient, admin_headers: dict[str, str]) -> None:
    response = await client.get("/api/v1/admin/tokens", headers=admin_headers)
    assert "public" not in response.headers.get("cache-control", "")
