"""Clusters and members through HTTP, on clusters the tests make (tests/factories.py) in the real database."""

import csv
import io
from typing import Any

from httpx import AsyncClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from tests.conftest import count_rows, enterprise_body
from tests.factories import SmallCluster, make_small_cluster

API = "/api/v1/members"
MAIN = "accelerator-of-social-enterprises"


async def test_clusters_list_and_detail_count_open_memberships(client: AsyncClient, session: AsyncSession) -> None:
    small = await make_small_cluster(session)
    clusters = (await client.get("/api/v1/clusters")).json()
    assert {MAIN, small.slug} <= {c["slug"] for c in clusters}
    detail = await client.get(f"/api/v1/clusters/{small.slug}")
    assert detail.status_code == 200 and detail.json()["member_count"] == 5
    assert detail.json()["countries"] == ["RO", "MD"]
    assert (await client.get("/api/v1/clusters/no-such-cluster")).status_code == 404


async def test_members_default_to_the_main_cluster(client: AsyncClient, session: AsyncSession) -> None:
    small = await make_small_cluster(session)
    default = (await client.get(API, params={"limit": 200})).json()
    assert default["items"] and all(item["membership"]["cluster"] == MAIN for item in default["items"])
    page = (await client.get(API, params={"cluster": small.slug})).json()
    assert page["total"] == 5 and page["next_cursor"] is None
    assert {item["id"] for item in page["items"]} == {org.id for org in small.members.values()}
    kinds = {item["kind"] for item in page["items"]}
    assert kinds == {"social_enterprise", "ngo", "public_authority", "educational_institution"}
    assert all(item["email"] is None and item["contact_person"] is None for item in page["items"])


async def test_member_filters_combine_and_page(client: AsyncClient, session: AsyncSession) -> None:
    small = await make_small_cluster(session)

    async def listed(**params: Any) -> dict[str, Any]:
        return (await client.get(API, params={"cluster": small.slug, **params})).json()

    md = await listed(country="MD")
    assert md["total"] == 2 and {i["country"] for i in md["items"]} == {"MD"}
    assert [i["id"] for i in (await listed(kind="public_authority"))["items"]] == [small.members["town_hall"].id]
    coordinators = await listed(role="coordinator")
    assert coordinators["total"] == 1 and coordinators["items"][0]["id"] == small.members["coordinator"].id
    cluj = await listed(region="RO-CJ")
    assert cluj["total"] == 3 and {i["region_code"] for i in cluj["items"]} == {"RO-CJ"}
    first = await listed(limit=2)
    second = await listed(limit=2, cursor=first["next_cursor"])
    third = await listed(limit=2, cursor=second["next_cursor"])
    ids = [i["membership"]["id"] for i in first["items"] + second["items"] + third["items"]]
    assert len(set(ids)) == 5 and ids == sorted(ids) and third["next_cursor"] is None


async def test_bad_member_filters_are_problems(client: AsyncClient) -> None:
    for params in ({"kind": "alien"}, {"country": "FR"}, {"status": "gone"}, {"format": "xml"},
                   {"limit": 0}):
        response = await client.get(API, params=params)
        assert response.status_code == 422, params
        assert response.headers["content-type"] == "application/problem+json"
    assert (await client.get(API, params={"cluster": "nope"})).status_code == 404
    assert (await client.get(API, params={"cursor": "garbage"})).status_code == 400


async def test_members_as_geojson_built_by_the_database(client: AsyncClient, session: AsyncSession) -> None:
    small = await make_small_cluster(session)
    response = await client.get(API, params={"format": "geojson", "limit": 3, "cluster": small.slug})
    assert response.headers["content-type"] == "application/geo+json"
    body = response.json()
    assert body["type"] == "FeatureCollection" and len(body["features"]) == 3
    assert body["total"] == 5 and body["next_cursor"] is not None
    feature = body["features"][0]
    assert feature["geometry"]["coordinates"] == [23.6236, 46.7712]  # Cluj-Napoca, longitude first
    assert feature["properties"]["kind"] == "ngo" and feature["properties"]["cluster"] == small.slug
    assert "email" not in feature["properties"]
    rest = (await client.get(API, params={"limit": 3, "cursor": body["next_cursor"], "cluster": small.slug},
                             headers={"Accept": "application/geo+json"})).json()
    assert len(rest["features"]) == 2 and rest["next_cursor"] is None


async def test_members_as_csv(client: AsyncClient, session: AsyncSession, admin_headers: dict) -> None:
    small = await make_small_cluster(session)
    response = await client.get(API, params={"format": "csv", "limit": 200, "cluster": small.slug})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 5 and "email" not in rows[0]
    assert sum(int(r["employees_total"]) for r in rows) == SmallCluster.EMPLOYEES
    assert all(r["cluster"] == small.slug and r["lon"] and r["lat"] for r in rows)
    admin_rows = list(csv.DictReader(io.StringIO((await client.get(
        API, params={"format": "csv", "limit": 10, "cluster": small.slug}, headers=admin_headers)).text)))
    assert admin_rows[0]["email"] == small.members["coordinator"].email


async def _join(client: AsyncClient, headers: dict, **body: Any) -> Any:
    return await client.post(API, json=body, headers=headers)


async def test_a_new_organisation_joins_in_one_transaction(client: AsyncClient, admin_headers: dict,
                                                           session: AsyncSession) -> None:
    town_hall = enterprise_body(kind="public_authority", name="Primăria de Test", registration_code="RO1")
    authorities = (await client.get(API, params={"kind": "public_authority"})).json()["total"]
    response = await _join(client, admin_headers, new_organisation=town_hall, role="partner")
    assert response.status_code == 201, response.text
    member = response.json()
    assert member["kind"] == "public_authority" and member["membership"]["role"] == "partner"
    assert member["email"] == "private@example.org"  # the admin sees personal data
    assert response.headers["location"] == f"{API}/{member['membership']['id']}"
    listed = (await client.get(API, params={"kind": "public_authority"})).json()
    assert listed["total"] == authorities + 1
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
    open_before = (await client.get(API)).json()["total"]
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
    assert (await client.get(API)).json()["total"] == open_before
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
