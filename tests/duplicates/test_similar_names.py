"""The public's hints while proposing an enterprise: published entries with a name like the one typed."""

from httpx import AsyncClient

from tests.conftest import enterprise_body

URL = "/api/v1/similar-enterprises"


async def test_a_look_alike_name_is_hinted_and_its_town_first(client: AsyncClient, admin_headers: dict) -> None:
    for locality in ("Sibiu", "Brașov"):
        created = await client.post("/api/v1/enterprises", headers=admin_headers, json=enterprise_body(
            name="Atelierul Zmeurica", locality=locality, registration_code=f"RO-Z-{locality}"))
        assert created.status_code == 201, created.text
    response = await client.get(URL, params={"name": "atelierul zmeurică", "locality": "brasov"})
    assert response.status_code == 200
    hints = [h for h in response.json() if h["name"] == "Atelierul Zmeurica"]
    assert [h["locality"] for h in hints] == ["Brașov", "Sibiu"]
    assert hints[0]["same_locality"] is True and hints[0]["similarity"] >= 0.9


async def test_unlike_names_and_unpublished_entries_are_not_hinted(client: AsyncClient, admin_headers: dict) -> None:
    created = await client.post("/api/v1/enterprises", headers=admin_headers, json=enterprise_body(
        name="Cooperativa Qwertyuiop", registration_code="RO-QW-1"))
    slug = created.json()["slug"]
    etag = (await client.get(f"/api/v1/enterprises/{slug}")).headers["etag"]
    assert (await client.delete(f"/api/v1/enterprises/{slug}", headers={**admin_headers, "If-Match": etag})
            ).status_code == 204
    assert (await client.get(URL, params={"name": "Cooperativa Qwertyuiop"})).json() == []
    assert (await client.get(URL, params={"name": "Zzxxyyqq"})).json() == []


async def test_a_too_short_name_is_a_422(client: AsyncClient) -> None:
    response = await client.get(URL, params={"name": "ab"})
    assert response.status_code == 422 and response.headers["content-type"] == "application/problem+json"
