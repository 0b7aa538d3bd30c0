"""Possible duplicates at submission, import and API create; the directory-wide list; the admin merge."""

from typing import Any

from httpx import AsyncClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from tests.conftest import count_rows, enterprise_body
from tests.imports.helpers import csv_bytes, row, upload

BASE = "/api/v1/enterprises"
# 50 m north-east of the `enterprise` fixture, the name without diacritics and in capitals.
NEAR = {"type": "Point", "coordinates": [23.6240, 46.7715]}


async def test_api_create_names_possible_duplicates(client: AsyncClient, admin_headers: dict[str, str],
                                                    enterprise: dict[str, Any]) -> None:
    body = enterprise_body(name="BRUTARIA DE TEST CLUJ", location=NEAR, registration_code="RO99999902")
    response = await client.post(BASE, json=body, headers=admin_headers)

    assert response.status_code == 201, response.text
    [candidate] = response.json()["possible_duplicates"]
    assert (candidate["id"], candidate["reason"]) == (enterprise["id"], "nearby_similar_name")
    assert 0 < candidate["distance_m"] < 100 and candidate["similarity"] >= 0.4


async def test_same_registration_code_written_differently_is_a_candidate(
        client: AsyncClient, admin_headers: dict[str, str], enterprise: dict[str, Any]) -> None:
    far = {"type": "Point", "coordinates": [26.1025, 44.4268]}
    body = enterprise_body(name="Altă firmă", location=far, registration_code="99999901")
    response = await client.post(BASE, json=body, headers=admin_headers)
    assert [(c["id"], c["reason"]) for c in response.json()["possible_duplicates"]] == [
        (enterprise["id"], "same_registration_code")]


async def test_distinct_entry_has_no_candidates(client: AsyncClient, admin_headers: dict[str, str],
                                                enterprise: dict[str, Any]) -> None:
    body = enterprise_body(name="Atelierul de Croitorie", location=NEAR, registration_code="RO99999903")
    response = await client.post(BASE, json=body, headers=admin_headers)
    assert response.json()["possible_duplicates"] == []


async def test_a_duplicate_is_caught_at_submission_and_shown_to_the_moderator(
        client: AsyncClient, editor_headers: dict[str, str], enterprise: dict[str, Any],
        session: AsyncSession) -> None:
    proposal = enterprise_body(name="Brutaria de test Cluj", location=NEAR, registration_code=None)
    del proposal["registration_code"]
    response = await client.post("/api/v1/submissions", json={
        "kind": "new", "enterprise": proposal, "submitter_name": "Ioana", "submitter_email": "i@example.org"})
    assert response.status_code == 202, response.text
    submission_id = await session.scalar(text("SELECT max(id) FROM submissions"))

    candidates = await client.get(f"/api/v1/admin/submissions/{submission_id}/possible-duplicates",
                                  headers=editor_headers)

    assert candidates.status_code == 200
    assert [c["id"] for c in candidates.json()] == [enterprise["id"]]
    assert (await client.get(f"/api/v1/admin/submissions/{submission_id}/possible-duplicates")).status_code == 401


async def test_a_duplicate_is_caught_at_import(client: AsyncClient, admin_headers: dict[str, str],
                                               enterprise: dict[str, Any], session: AsyncSession) -> None:
    near = row(name="brutăria de test cluj", lat="46.7715", lon="23.6240", registration_code="RO99999904")
    before = await count_rows(session, "organisations")
    response = await client.post("/api/v1/admin/imports", params={"mode": "partial"},
                                 files=upload(csv_bytes([near])), headers=admin_headers)
    [problem] = response.json()["problems"]
    assert problem["code"] == "possible_duplicate"
    assert [c["id"] for c in problem["candidates"]] == [enterprise["id"]]
    assert await count_rows(session, "organisations") == before


async def test_directory_list_pages_through_suspected_pairs(client: AsyncClient, admin_headers: dict[str, str],
                                                            enterprise: dict[str, Any]) -> None:
    twin = await client.post(BASE, json=enterprise_body(name="Brutaria de Test  Cluj", location=NEAR,
                                                        registration_code="RO99999905"), headers=admin_headers)
    pairs, cursor, pages = [], None, 0
    while True:
        params: dict[str, Any] = {"limit": 200, "window": 100}
        if cursor:
            params["cursor"] = cursor
        page = (await client.get("/api/v1/admin/duplicates", params=params, headers=admin_headers)).json()
        pairs += page["items"]
        cursor, pages = page["next_cursor"], pages + 1
        if cursor is None:
            break
    assert pages > 1  # the demo directory takes several windows of 100
    assert {(p["first_id"], p["second_id"]) for p in pairs if p["reason"] == "nearby_similar_name"} >= {
        (enterprise["id"], twin.json()["id"])}
    assert len(pairs) == len({(p["first_id"], p["second_id"], p["reason"]) for p in pairs})


async def test_list_needs_staff(client: AsyncClient, integration_headers: dict[str, str]) -> None:
    assert (await client.get("/api/v1/admin/duplicates", headers=integration_headers)).status_code == 403
