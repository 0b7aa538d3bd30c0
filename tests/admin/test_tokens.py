"""Tokens through HTTP: admins issue, list and revoke; member tokens edit only their own organisation."""

from datetime import UTC, datetime, timedelta
from typing import Any

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth import service
from api.auth.models import Role
from tests.conftest import enterprise_body

API = "/api/v1/admin/tokens"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_admin_issues_a_token_whose_secret_is_shown_once(client: AsyncClient, admin_headers: dict) -> None:
    expires = (datetime.now(UTC) + timedelta(days=30)).isoformat()
    response = await client.post(API, json={"name": "Portal", "role": "integration", "expires_at": expires},
                                 headers=admin_headers)
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["token"].startswith("semap_") and created["token"].startswith(created["prefix"] + "_")
    listed = await client.get(API, headers=admin_headers)
    assert created["token"] not in listed.text and "secret_hash" not in listed.text
    item = next(t for t in listed.json()["items"] if t["id"] == created["id"])
    assert item["last_used_at"] is None and item["expires_at"] is not None and "token" not in item
    assert (await client.get("/api/v1/enterprises", headers=bearer(created["token"]))).status_code == 200
    used = (await client.get(f"{API}/{created['id']}", headers=admin_headers)).json()
    assert used["last_used_at"] is not None


async def test_tokens_list_newest_first_across_pages(client: AsyncClient, admin_headers: dict) -> None:
    for n in range(3):
        body = {"name": f"portal {n}", "role": "integration"}
        assert (await client.post(API, json=body, headers=admin_headers)).status_code == 201
    first = (await client.get(API, params={"limit": 2}, headers=admin_headers)).json()
    assert [t["name"] for t in first["items"]] == ["portal 2", "portal 1"]
    rest = (await client.get(API, params={"limit": 2, "cursor": first["next_cursor"]}, headers=admin_headers)).json()
    assert rest["items"][0]["name"] == "portal 0"
    ids = [t["id"] for t in first["items"] + rest["items"]]
    assert ids == sorted(ids, reverse=True)


async def test_revocation_takes_effect_on_the_next_request(client: AsyncClient, admin_headers: dict) -> None:
    created = (await client.post(API, json={"name": "Temp editor", "role": "editor"}, headers=admin_headers)).json()
    assert (await client.get("/api/v1/admin/submissions", headers=bearer(created["token"]))).status_code == 200
    assert (await client.delete(f"{API}/{created['id']}", headers=admin_headers)).status_code == 204
    refused = await client.get("/api/v1/admin/submissions", headers=bearer(created["token"]))
    assert refused.status_code == 401 and "revoked" in refused.json()["detail"]
    assert (await client.delete(f"{API}/{created['id']}", headers=admin_headers)).status_code == 204
    active = (await client.get(API, headers=admin_headers)).json()["items"]
    assert created["id"] not in {t["id"] for t in active}
    everything = (await client.get(API, params={"include_revoked": True}, headers=admin_headers)).json()["items"]
    assert next(t for t in everything if t["id"] == created["id"])["revoked_at"] is not None


async def test_editor_and_integration_cannot_manage_tokens(client: AsyncClient, editor_headers: dict,
                                                           integration_headers: dict) -> None:
    for headers in (editor_headers, integration_headers):
        assert (await client.get(API, headers=headers)).status_code == 403
        assert (await client.post(API, json={"name": "Mine", "role": "admin"}, headers=headers)).status_code == 403
        assert (await client.delete(f"{API}/1", headers=headers)).status_code == 403


async def test_bad_token_requests_are_422(client: AsyncClient, admin_headers: dict, enterprise: dict) -> None:
    past = (datetime.now(UTC) - timedelta(days=1)).isoformat()
    bad = [{"name": "M", "role": "member"}, {"name": "Member", "role": "member"},
           {"name": "Editor", "role": "editor", "organisation": enterprise["slug"]},
           {"name": "Old", "role": "admin", "expires_at": past}, {"name": "Root", "role": "root"},
           {"name": "Ghost", "role": "member", "organisation": "no-such-organisation"},
           {"name": "Naive", "role": "admin", "expires_at": "2099-01-01T00:00:00"}]
    for body in bad:
        response = await client.post(API, json=body, headers=admin_headers)
        assert response.status_code == 422, body
    assert (await client.get(f"{API}/999999", headers=admin_headers)).status_code == 404


async def _member_token(session: AsyncSession, organisation_id: int) -> dict[str, str]:
    _, plaintext = await service.create_token(session, name="member", role=Role.member,
                                              organisation_id=organisation_id)
    await session.commit()
    return bearer(plaintext)


async def _other(client: AsyncClient, admin_headers: dict) -> dict[str, Any]:
    body = enterprise_body(name="Alta Întreprindere", registration_code="RO55")
    return (await client.post("/api/v1/enterprises", json=body, headers=admin_headers)).json()


async def test_member_token_edits_its_own_profile_and_offerings(client: AsyncClient, session: AsyncSession,
                                                               enterprise: dict) -> None:
    headers = await _member_token(session, enterprise["id"])
    url = f"/api/v1/enterprises/{enterprise['slug']}"
    etag = (await client.get(url)).headers["etag"]
    patched = await client.patch(url, json={"employees_total": 12}, headers={**headers, "If-Match": etag})
    assert patched.status_code == 200 and patched.json()["employees_total"] == 12
    offering = await client.post(f"{url}/offerings", json={"title": "Pâine", "cpv_codes": ["55520000"]},
                                 headers=headers)
    assert offering.status_code == 201, offering.text
    offering_url = f"{url}/offerings/{offering.json()['id']}"
    changed = await client.patch(offering_url, json={"lead_time_days": 2},
                                 headers={**headers, "If-Match": offering.headers["etag"]})
    assert changed.status_code == 200
    assert (await client.delete(offering_url, headers=headers)).status_code == 204


async def test_member_token_cannot_touch_another_organisation(client: AsyncClient, session: AsyncSession,
                                                             admin_headers: dict, enterprise: dict) -> None:
    other = await _other(client, admin_headers)
    headers = await _member_token(session, enterprise["id"])
    url = f"/api/v1/enterprises/{other['id']}"
    etag = (await client.get(url)).headers["etag"]
    attempts = [client.patch(url, json={"name": "Taken over"}, headers={**headers, "If-Match": etag}),
                client.post(f"{url}/offerings", json={"title": "Fake offer"}, headers=headers),
                client.post("/api/v1/enterprises", json=enterprise_body(registration_code="RO66"), headers=headers),
                client.delete(url, headers=headers),
                client.post("/api/v1/members", json={"organisation": enterprise["slug"]}, headers=headers),
                client.get(API, headers=headers)]
    for attempt in attempts:
        response = await attempt
        assert response.status_code == 403, response.text
    assert (await client.get(url)).json()["name"] == other["name"]


async def test_member_token_cannot_verify_or_publish_itself(client: AsyncClient, session: AsyncSession,
                                                           enterprise: dict) -> None:
    headers = await _member_token(session, enterprise["id"])
    url = f"/api/v1/enterprises/{enterprise['id']}"
    etag = (await client.get(url)).headers["etag"]
    for change in ({"verified": True}, {"status": "suspended"}):
        response = await client.patch(url, json=change, headers={**headers, "If-Match": etag})
        assert response.status_code == 403 and response.json()["code"] == "forbidden"
    assert (await client.get(url)).json()["verified"] is False
