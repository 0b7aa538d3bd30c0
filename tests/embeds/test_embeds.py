"""The embed page's presets, its frame-ancestors from the allowed sites, the snippet, and the admin list."""

from typing import Any

from httpx import AsyncClient

SITES = "/api/v1/admin/embed-sites"


async def test_without_allowed_sites_only_this_site_may_frame_the_embed(client: AsyncClient) -> None:
    response = await client.get("/embed")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["content-security-policy"].endswith("frame-ancestors 'self'")
    assert "x-frame-options" not in response.headers
    # Everywhere else the default policy stays.
    assert (await client.get("/healthz")).headers["x-frame-options"] == "DENY"


async def test_allowed_sites_drive_frame_ancestors(client: AsyncClient, admin_headers: dict[str, str]) -> None:
    for origin in ("https://partner.example.org", "http://localhost:8080"):
        assert (await client.post(SITES, json={"origin": origin}, headers=admin_headers)).status_code == 201
    policy = (await client.get("/embed")).headers["content-security-policy"]
    assert policy.endswith("frame-ancestors 'self' http://localhost:8080 https://partner.example.org")
    sites = (await client.get(SITES, headers=admin_headers)).json()
    assert (await client.post(SITES, json={"origin": "https://partner.example.org"},
                              headers=admin_headers)).status_code == 409
    for site in sites:
        assert (await client.delete(f"{SITES}/{site['id']}", headers=admin_headers)).status_code == 204
    assert (await client.get("/embed")).headers["content-security-policy"].endswith("frame-ancestors 'self'")


async def test_bad_sites_and_non_admins_are_refused(client: AsyncClient, admin_headers: dict[str, str],
                                                    editor_headers: dict[str, str]) -> None:
    for origin in ("partner.example.org", "https://partner.example.org/page", "javascript:alert(1)", "*"):
        assert (await client.post(SITES, json={"origin": origin}, headers=admin_headers)).status_code == 422
    assert (await client.post(SITES, json={"origin": "https://a.org"}, headers=editor_headers)).status_code == 403
    assert (await client.get(SITES)).status_code == 401
    assert (await client.delete(f"{SITES}/999999", headers=admin_headers)).status_code == 404


async def test_presets_choose_area_filters_language_and_colour(client: AsyncClient,
                                                               enterprise: dict[str, Any]) -> None:
    response = await client.get("/embed", params={"region": "RO-CJ", "impact": "work_integration", "lang": "ro",
                                                  "color": "#aa3300"})
    html = response.text
    assert 'lang="ro"' in html and "Întreprinderi sociale" in html and 'fill="#aa3300"' in html
    assert "Brutăria de Test Cluj" in html
    assert f"/e/{enterprise['slug']}" in html
    elsewhere = await client.get("/embed", params={"bbox": "27.5,47.1,27.7,47.2"})
    assert "Brutăria de Test Cluj" not in elsewhere.text
    # The regions under the view are outlined (Iași's boundary crosses this box), as SVG paths.
    assert '<path d="M' in elsewhere.text


async def test_bad_presets_are_problems(client: AsyncClient) -> None:
    # A malformed bbox is a 400 (it is parsed by hand); values outside their type or code list are 422.
    for params, status in (({"color": "red"}, 422), ({"lang": "fr"}, 422), ({"bbox": "1,2,3"}, 400),
                           ({"impact": "nope"}, 422), ({"region": "cluj"}, 422)):
        response = await client.get("/embed", params=params)
        assert response.status_code == status, params
        assert response.headers["content-type"] == "application/problem+json"


async def test_snippet_builds_the_iframe_for_the_presets(client: AsyncClient) -> None:
    response = await client.get("/api/v1/embeds/snippet", params={"region": "RO-CJ", "lang": "uk",
                                                                 "color": "#112233", "width": 400})
    assert response.status_code == 200
    body = response.json()
    assert body["url"] == "http://test/embed?region=RO-CJ&lang=uk&color=%23112233"
    assert body["html"].startswith('<iframe src="http://test/embed?region=RO-CJ&amp;lang=uk&amp;color=%23112233"')
    assert 'width="400"' in body["html"]
