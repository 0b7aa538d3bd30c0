"""Clusters and members through HTTP, on the demo data in the real database."""

import csv
import io
from typing import Any

from httpx import AsyncClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from tests.conftest import count_rows, enterprise_body

API = "/api/v1/members"
MAIN = "accelerator-of-social-enterprises"


async def test_clusters_list_and_detail_count_open_memberships(client: AsyncClient) -> None:
    clusters = (await client.get("/api/v1/clusters")).json()
    assert [c["slug"] for c in clusters] == [MAIN]
    detail = await client.get(f"/api/v1/clusters/{MAIN}")
    assert detail.status_code == 200 and detail.json()["member_count"] == 60
    assert detail.json()["countries"] == ["RO", "MD"]
    assert (await client.get("/api/v1/clusters/no-such-cluster")).status_code == 404


async def test_members_default_to_the_main_cluster_of_every_kind(client: AsyncClient) -> None:
    page = (await client.get(API, params={"limit": 200})).json()
    assert page["total"] == 60 and len(page["items"]) == 60 and page["next_cursor"] is None
    kinds = {item["kind"] for item in page["items"]}
    assert kinds == {"social_enterprise", "ngo", "public_authority", "educational_institution"}
    assert all(item["membership"]["cluster"] == MAIN for item in page["items"])
    assert all(item["email"] is None and item["contact_person"] is None for item in page["items"])


async def test_member_filters_combine_and_page(client: AsyncClient) -> None:
    md = (await client.get(API, params={"country": "MD", "limit": 200})).json()
    assert md["total"] == 15 and {i["country"] for i in md["items"]} == {"MD"}
    authorities = (await client.get(API, params={"kind": "public_authority"})).json()
    assert authorities["total"] == 7
    coordinators = (await client.get(API, params={"role": "coordinator"})).json()
    assert coordinators["total"] == 1 and coordinators["items"][0]["kind"] == "ngo"
    iasi = (await client.get(API, params={"region": "RO-IS", "limit": 200})).json()
    assert iasi["total"] > 0 and {i["region_code"] for i in iasi["items"]} == {"RO-IS"}
    first = (await client.get(API, params={"limit": 25})).json()
    second = (await client.get(API, params={"limit": 25, "cursor": first["next_cursor"]})).json()
    ids = [i["membership"]["id"] for i in first["items"] + second["items"]]
    assert len(set(ids)) == 50 and ids == sorted(ids)


async def test_bad_member_filters_are_problems(client: AsyncClient) -> None:
    for params in ({"kind": "alien"}, {"country": "FR"}, {"status": "gone"}, {"format": "xml"},
                   {"limit": 0}):
        response = await client.get(API, params=params)
        assert response.status_code == 422, params
        assert response.headers["content-type"] == "application/problem+json"
    assert (await client.get(API, params={"cluster": "nope"})).status_code == 404
    assert (await client.get(API, params={"cursor": "garbage"})).status_code == 400


async def test_members_as_geojson_built_by_the_database(client: AsyncClient) -> None:
    response = await client.get(API, params={"format": "geojson", "limit": 40})
    assert response.headers["content-type"] == "application/geo+json"
    body = response.json()
    assert body["type"] == "FeatureCollection" and len(body["features"]) == 40
    assert body["total"] == 60 and body["next_cursor"] is not None
    feature = body["features"][0]
    lon, lat = feature["geometry"]["coordinates"]
    assert 20 < lon < 31 and 43 < lat < 49  # RO/MD, longitude first
    assert feature["properties"]["kind"] and feature["properties"]["cluster"] == MAIN
    assert "email" not in feature["properties"]
    rest = (await client.get(API, params={"limit": 40, "cursor": body["next_cursor"]},
                             headers={"Accept": "application/geo+json"})).json()
    assert len(rest["features"]) == 20 and rest["next_cursor"] is None


async def test_members_as_csv(client: AsyncClient, admin_headers: dict) -> None:
    response = await client.get(API, params={"format": "csv", "limit": 200})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 60 and "email" not in rows[0]
    assert sum(int(r["employees_total"]) for r in rows) == 319
    assert all(r["cluster"] == MAIN and r["lon"] and r["lat"] for r in rows)
    admin_rows = list(csv.DictReader(io.StringIO((await client.get(
        API, params={"format": "csv", "limit": 10}, headers=admin_headers)).text)))
    assert "email" in admin_rows[0]


async def _join(client: AsyncClient, headers: dict, **body: Any) -> Any:
    return await client.post(API, json=body, headers=headers)


async def test_a_new_organisation_joins_in_one_transaction(client: AsyncClient, admin_headers: dict,
                                                           session: AsyncSession) -> None:
    town_hall = enterprise_body(kind="public_authority", name="Primăria de Test", registration_code="RO1")
    response = await _join(client, admin_headers, new_organisation=town_hall, role="partner")
    assert response.status_code == 201, response.text
    member = response.json()
    assert member["kind"] == "public_authority" and member["membership"]["role"] == "partner"
    assert member["email"] == "private@example.org"  # the admin sees personal data
    assert response.headers["location"] == f"{API}/{member['membership']['id']}"
    listed = (await client.get(API, params={"kind": "public_authority"})).json()
    assert listed["total"] == 8
    public = (await client.get(f"{API}/{member['membership']['id']}")).json()
    assert public["email"] is None and public["contact_person"] is None
    audit = await session.execute(
        text("SELECT entity, action FROM audit_log ORDER BY id DESC LIMIT 2"))
    assert set(audit.all()) == {("membership", "create"), ("organisation", "create")}


async def test_invalid_new_organisation_changes_nothing(client: AsyncClient, admin_headers: dict,
                                                        session: AsyncSession) -> None:
    before = (await count_rows(session, "organisations"), await count_rows(session, "memberships"))
    outside = enterprise_body(location={"type": "Point", "coordinates": [2.35, 48.85]})  # Paris
    response = await _join(client, admin_headers, new_organisation=outside)
    assert response.status_code == 422
    both = await _join(client, admin_headers, organisation="x", new_organisation=enterprise_body())
    assert both.status_code == 422
    assert (await count_rows(session, "organisations"), await count_rows(session, "memberships")) == before


async def test_existing_organisation_joins_once(client: AsyncClient, admin_headers: dict, enterprise: dict) -> None:
    first = await _join(client, admin_headers, organisation=enterprise["slug"], joined_on="2025-02-01")
    again = await _join(client, admin_headers, organisation=enterprise["id"])
    assert first.status_code == 201 and first.json()["membership"]["joined_on"] == "2025-02-01"
    assert again.status_code == 409 and again.json()["code"] == "conflict"


async def test_only_staff_add_members(client: AsyncClient, integration_headers: dict, enterprise: dict) -> None:
    assert (await _join(client, {}, organisation=enterprise["slug"])).status_code == 401
    assert (await _join(client, integration_headers, organisation=enterprise["slug"])).status_code == 403


async def test_patch_role_and_end_membership_keeps_history(client: AsyncClient, editor_headers: dict,
                                                           admin_headers: dict, enterprise: dict) -> None:
    joined = (await _join(client, admin_headers, organisation=enterprise["slug"], joined_on="2024-01-01")).json()
    url = f"{API}/{joined['membership']['id']}"
    etag = (await client.get(url)).headers["etag"]
    promoted = await client.patch(url, json={"role": "founding_member"}, headers={**editor_headers, "If-Match": etag})
    assert promoted.status_code == 200 and promoted.json()["membership"]["role"] == "founding_member"
    stale = await client.patch(url, json={"status": "ended"}, headers={**editor_headers, "If-Match": etag})
    assert stale.status_code == 412
    ended = await client.patch(url, json={"status": "ended", "left_on": "2026-01-31"},
                               headers={**editor_headers, "If-Match": promoted.headers["etag"]})
    assert ended.status_code == 200
    assert ended.json()["membership"]["left_on"] == "2026-01-31"
    reopened = await client.patch(url, json={"status": "active"}, headers={**editor_headers,
                                                                          "If-Match": ended.headers["etag"]})
    assert reopened.status_code == 409 and reopened.json()["code"] == "transition_not_allowed"
    assert (await client.get(API)).json()["total"] == 60
    past = (await client.get(API, params={"status": "ended"})).json()
    assert [i["id"] for i in past["items"]] == [enterprise["id"]]
    rejoined = await _join(client, admin_headers, organisation=enterprise["slug"])
    assert rejoined.status_code == 201
    history = (await client.get(f"{API}/{enterprise['slug']}/history")).json()
    assert [m["status"] for m in history["memberships"]] == ["active", "ended"]


async def test_bad_membership_patches_are_refused(client: AsyncClient, admin_headers: dict, enterprise: dict) -> None:
    joined = (await _join(client, admin_headers, organisation=enterprise["slug"], joined_on="2024-05-01")).json()
    url = f"{API}/{joined['membership']['id']}"
    etag = (await client.get(url)).headers["etag"]
    headers = {**admin_headers, "If-Match": etag}
    assert (await client.patch(url, json={"left_on": "2025-01-01"}, headers=headers)).status_code == 422
    early = await client.patch(url, json={"status": "ended", "left_on": "2020-01-01"}, headers=headers)
    assert early.status_code == 422 and early.json()["errors"][0]["pointer"] == "/left_on"
    assert (await client.patch(url, json={"role": "king"}, headers=headers)).status_code == 422
    assert (await client.patch(url, json={"role": "partner"}, headers=admin_headers)).status_code == 428
    assert (await client.patch(f"{API}/999999", json={"role": "partner"}, headers=headers)).status_code == 404
    assert (await client.get(url)).headers["etag"] == etag
