"""Revisions of enterprises and offerings, their public view, and an admin's revert."""

from typing import Any

from httpx import AsyncClient

from tests.conftest import enterprise_body

BASE = "/api/v1/enterprises"


async def _patch(client: AsyncClient, org_id: int, body: dict[str, Any], headers: dict[str, str]) -> dict[str, Any]:
    etag = (await client.get(f"{BASE}/{org_id}", headers=headers)).headers["ETag"]
    response = await client.patch(f"{BASE}/{org_id}", json=body, headers={**headers, "If-Match": etag})
    assert response.status_code == 200, response.text
    return response.json()


async def test_every_change_is_a_revision_with_before_and_after(client: AsyncClient, admin_headers: dict[str, str],
                                                                enterprise: dict[str, Any]) -> None:
    org_id = enterprise["id"]
    await _patch(client, org_id, {"employees_total": 12, "email": "new-private@example.org"}, admin_headers)
    offering = await client.post(f"{BASE}/{org_id}/offerings", json={"title": "Cozonac"}, headers=admin_headers)
    assert offering.status_code == 201

    history = (await client.get(f"{BASE}/{org_id}/history", headers=admin_headers)).json()["items"]

    assert [(r["entity"], r["action"]) for r in history] == [
        ("offering", "create"), ("organisation", "update"), ("organisation", "create")]
    update = history[1]
    assert update["changes"]["employees_total"] == {"before": 10, "after": 12}
    assert update["changes"]["email"] == {"before": "private@example.org", "after": "new-private@example.org"}
    assert update["snapshot"]["employees_total"] == 12
    assert update["actor"].startswith("token:")


async def test_public_history_hides_personal_data_and_actors(client: AsyncClient, admin_headers: dict[str, str],
                                                             enterprise: dict[str, Any]) -> None:
    await _patch(client, enterprise["id"], {"contact_person": "Ion Pop", "employees_total": 11}, admin_headers)

    response = await client.get(f"{BASE}/{enterprise['id']}/history")

    assert response.status_code == 200
    text = response.text
    assert "Ion Pop" not in text and "Ana Pop" not in text and "private@example.org" not in text
    latest = response.json()["items"][0]
    assert latest["changes"] == {"employees_total": {"before": 10, "after": 11}}
    assert latest["actor"] is None


async def test_history_of_an_unpublished_enterprise_is_not_public(client: AsyncClient,
                                                                  admin_headers: dict[str, str]) -> None:
    created = await client.post(BASE, json=enterprise_body(status="pending"), headers=admin_headers)
    org_id = created.json()["id"]
    assert (await client.get(f"{BASE}/{org_id}/history")).status_code == 404
    assert (await client.get(f"{BASE}/{org_id}/history", headers=admin_headers)).status_code == 200


async def test_admin_reverts_to_an_earlier_revision_as_a_new_revision(client: AsyncClient,
                                                                      admin_headers: dict[str, str],
                                                                      enterprise: dict[str, Any]) -> None:
    org_id = enterprise["id"]
    await _patch(client, org_id, {"name": "Vandalised name", "employees_total": 99}, admin_headers)
    first = (await client.get(f"{BASE}/{org_id}/history", headers=admin_headers)).json()["items"][-1]
    etag = (await client.get(f"{BASE}/{org_id}", headers=admin_headers)).headers["ETag"]

    response = await client.post(f"/api/v1/admin/enterprises/{org_id}/revert", json={"revision": first["revision"]},
                                 headers={**admin_headers, "If-Match": etag})

    assert response.status_code == 200, response.text
    assert (response.json()["name"], response.json()["employees_total"]) == ("Brutăria de Test Cluj", 10)
    history = (await client.get(f"{BASE}/{org_id}/history", headers=admin_headers)).json()["items"]
    assert history[0]["action"] == "revert"
    assert history[0]["changes"]["name"] == {"before": "Vandalised name", "after": "Brutăria de Test Cluj"}


async def test_revert_needs_admin_a_fresh_etag_and_a_known_revision(client: AsyncClient,
                                                                    admin_headers: dict[str, str],
                                                                    editor_headers: dict[str, str],
                                                                    enterprise: dict[str, Any]) -> None:
    org_id = enterprise["id"]
    url = f"/api/v1/admin/enterprises/{org_id}/revert"
    etag = (await client.get(f"{BASE}/{org_id}", headers=admin_headers)).headers["ETag"]
    first = (await client.get(f"{BASE}/{org_id}/history", headers=admin_headers)).json()["items"][-1]["revision"]
    assert (await client.post(url, json={"revision": first},
                              headers={**editor_headers, "If-Match": etag})).status_code == 403
    assert (await client.post(url, json={"revision": first}, headers=admin_headers)).status_code == 428
    stale = await client.post(url, json={"revision": first}, headers={**admin_headers, "If-Match": '"0.0"'})
    assert stale.status_code == 412
    unknown = await client.post(url, json={"revision": 10**12}, headers={**admin_headers, "If-Match": etag})
    assert unknown.status_code == 404
    assert unknown.headers["content-type"] == "application/problem+json"


async def test_opening_hours_are_validated_and_shown_in_the_profile(client: AsyncClient,
                                                                    admin_headers: dict[str, str]) -> None:
    hours = "Mo-Fr 08:00-12:00,13:00-17:00; Sa 09:00-13:00; PH off"
    created = await client.post(BASE, json=enterprise_body(opening_hours=hours), headers=admin_headers)
    assert created.status_code == 201, created.text
    profile = (await client.get(f"{BASE}/{created.json()['id']}")).json()
    assert profile["opening_hours"] == hours
    for always in ("24/7", "Mo-Su 00:00-24:00", "Mo,We,Fr 10:00-18:00; Tu off"):
        patched = await _patch(client, created.json()["id"], {"opening_hours": always}, admin_headers)
        assert patched["opening_hours"] == always


async def test_unknown_opening_hours_syntax_is_a_422_at_its_field(client: AsyncClient,
                                                                  admin_headers: dict[str, str]) -> None:
    for bad in ("every day 9 to 5", "Mo-Fr 25:00-26:00", "Mo-Fr 9-17"):
        response = await client.post(BASE, json=enterprise_body(opening_hours=bad), headers=admin_headers)
        assert response.status_code == 422, bad
        assert response.json()["errors"][0]["pointer"] == "/opening_hours"
