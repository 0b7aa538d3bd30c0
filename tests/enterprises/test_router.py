"""The enterprise directory through HTTP, on the real database."""

from typing import Any

from httpx import AsyncClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from tests.conftest import enterprise_body

API = "/api/v1/enterprises"


async def test_create_returns_geojson_location_region_and_etag(client: AsyncClient, admin_headers: dict) -> None:
    response = await client.post(API, json=enterprise_body(), headers=admin_headers)
    assert response.status_code == 201
    body = response.json()
    assert body["location"] == {"type": "Point", "coordinates": [23.6236, 46.7712]}
    assert body["region_code"] == "RO-CJ"
    assert body["slug"] == "brutaria-de-test-cluj"
    assert response.headers["etag"] == f'"{body["id"]}.1"'
    assert response.headers["location"] == f"{API}/{body['id']}"


async def test_public_read_by_id_and_slug_hides_private_fields(client: AsyncClient, enterprise: dict) -> None:
    by_id = await client.get(f"{API}/{enterprise['id']}")
    by_slug = await client.get(f"{API}/{enterprise['slug']}")
    assert by_id.status_code == by_slug.status_code == 200
    assert by_id.json()["id"] == by_slug.json()["id"] == enterprise["id"]
    assert by_id.json()["email"] is None and by_id.json()["contact_person"] is None
    assert by_id.json()["offerings"] == []


async def test_personal_data_is_for_admins_and_the_organisations_own_token(
        client: AsyncClient, enterprise: dict, admin_headers: dict, editor_headers: dict,
        session: AsyncSession) -> None:
    from api.auth import service as auth_service
    from api.auth.models import Role

    _, own = await auth_service.create_token(session, name="own", role=Role.member, organisation_id=enterprise["id"])
    _, other = await auth_service.create_token(session, name="other", role=Role.member, organisation_id=1)
    await session.commit()
    url = f"{API}/{enterprise['id']}"
    for headers, sees in ((admin_headers, True), ({"Authorization": f"Bearer {own}"}, True),
                          (editor_headers, False), ({"Authorization": f"Bearer {other}"}, False)):
        body = (await client.get(url, headers=headers)).json()
        assert (body["email"], body["contact_person"]) == (("private@example.org", "Ana Pop") if sees else (None, None))
    listed = (await client.get(API, params={"region": "RO-CJ", "limit": 200}, headers=editor_headers)).json()
    assert all(item["email"] is None for item in listed["items"])


async def test_unknown_enterprise_is_problem_404(client: AsyncClient) -> None:
    response = await client.get(f"{API}/no-such-enterprise")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"] == "https://semap.dev/problems/not-found"


async def test_patch_with_current_etag_changes_and_bumps_version(client: AsyncClient, enterprise: dict,
                                                                 editor_headers: dict) -> None:
    etag = (await client.get(f"{API}/{enterprise['id']}")).headers["etag"]
    response = await client.patch(f"{API}/{enterprise['id']}", json={"name": "Brutăria Nouă"},
                                  headers={**editor_headers, "If-Match": etag})
    assert response.status_code == 200
    assert response.json()["name"] == "Brutăria Nouă"
    assert response.json()["version"] == 2
    assert response.headers["etag"] != etag


async def test_stale_if_match_gets_412_and_changes_nothing(client: AsyncClient, enterprise: dict,
                                                           editor_headers: dict) -> None:
    response = await client.patch(f"{API}/{enterprise['id']}", json={"name": "Overwritten"},
                                  headers={**editor_headers, "If-Match": f'"{enterprise["id"]}.0"'})
    assert response.status_code == 412
    assert response.json()["code"] == "precondition_failed"
    assert (await client.get(f"{API}/{enterprise['id']}")).json()["name"] == enterprise["name"]


async def test_patch_without_if_match_is_428(client: AsyncClient, enterprise: dict, editor_headers: dict) -> None:
    response = await client.patch(f"{API}/{enterprise['id']}", json={"name": "X y"}, headers=editor_headers)
    assert response.status_code == 428


async def test_two_editors_with_the_same_etag_one_wins(client: AsyncClient, enterprise: dict,
                                                       editor_headers: dict, admin_headers: dict) -> None:
    etag = (await client.get(f"{API}/{enterprise['id']}")).headers["etag"]
    first = await client.patch(f"{API}/{enterprise['id']}", json={"locality": "Florești"},
                               headers={**editor_headers, "If-Match": etag})
    second = await client.patch(f"{API}/{enterprise['id']}", json={"locality": "Turda"},
                                headers={**admin_headers, "If-Match": etag})
    assert (first.status_code, second.status_code) == (200, 412)
    assert (await client.get(f"{API}/{enterprise['id']}")).json()["locality"] == "Florești"


async def test_moving_the_point_rederives_the_region(client: AsyncClient, enterprise: dict,
                                                     editor_headers: dict) -> None:
    etag = (await client.get(f"{API}/{enterprise['id']}")).headers["etag"]
    bucharest = {"type": "Point", "coordinates": [26.1025, 44.4268]}
    response = await client.patch(f"{API}/{enterprise['id']}", json={"location": bucharest},
                                  headers={**editor_headers, "If-Match": etag})
    assert response.status_code == 200
    assert response.json()["region_code"] == "RO-B"


async def test_point_outside_the_country_is_422_and_creates_nothing(client: AsyncClient, admin_headers: dict,
                                                                    session: AsyncSession) -> None:
    before = await session.scalar(text("SELECT count(*) FROM organisations"))
    kyiv = {"type": "Point", "coordinates": [30.5234, 50.4501]}
    response = await client.post(API, json=enterprise_body(location=kyiv), headers=admin_headers)
    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/location"
    assert await session.scalar(text("SELECT count(*) FROM organisations")) == before


async def test_validation_errors_point_at_each_bad_field(client: AsyncClient, admin_headers: dict) -> None:
    body = enterprise_body(location={"type": "Point", "coordinates": [200, 46.7]}, country="FR",
                           employees_total=-1, sectors=["99.99"])
    response = await client.post(API, json=body, headers=admin_headers)
    assert response.status_code == 422
    problem = response.json()
    pointers = {error["pointer"] for error in problem["errors"]}
    assert {"/location", "/country", "/employees_total", "/sectors"} <= pointers
    assert problem["type"] == "https://semap.dev/problems/validation"
    assert "longitude 200" in problem["detail"]


async def test_duplicate_registration_code_is_409(client: AsyncClient, enterprise: dict,
                                                  admin_headers: dict) -> None:
    response = await client.post(API, json=enterprise_body(name="Alt Nume"), headers=admin_headers)
    assert response.status_code == 409
    assert response.json()["pointer"] == "/registration_code"


async def test_same_name_gets_a_distinct_slug(client: AsyncClient, enterprise: dict, admin_headers: dict) -> None:
    response = await client.post(API, json=enterprise_body(registration_code="RO99999902"), headers=admin_headers)
    assert response.status_code == 201
    assert response.json()["slug"] == "brutaria-de-test-cluj-2"


async def test_delete_archives_and_keeps_the_row(client: AsyncClient, enterprise: dict, admin_headers: dict,
                                                 session: AsyncSession) -> None:
    response = await client.delete(f"{API}/{enterprise['id']}", headers=admin_headers)
    assert response.status_code == 204
    assert (await client.get(f"{API}/{enterprise['id']}")).status_code == 404
    status = await session.scalar(text("SELECT status FROM organisations WHERE id = :id"), {"id": enterprise["id"]})
    assert status == "archived"
    staff_view = await client.get(f"{API}/{enterprise['id']}", headers=admin_headers)
    assert staff_view.json()["status"] == "archived"


async def test_list_pages_with_a_cursor_and_says_the_total(client: AsyncClient) -> None:
    first = (await client.get(API, params={"limit": 200})).json()
    assert first["total_exact"] is True
    assert len(first["items"]) == 200
    seen = [item["id"] for item in first["items"]]
    cursor = first["next_cursor"]
    while cursor:
        page = (await client.get(API, params={"limit": 200, "cursor": cursor})).json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
    assert len(seen) == len(set(seen)) == first["total"]
    assert seen == sorted(seen)


async def test_list_is_published_only_for_the_public(client: AsyncClient, enterprise: dict,
                                                     admin_headers: dict) -> None:
    await client.delete(f"{API}/{enterprise['id']}", headers=admin_headers)
    public_ids = await _all_ids(client, {"country": "RO"})
    assert enterprise["id"] not in public_ids
    archived = (await client.get(API, params={"status": "archived"}, headers=admin_headers)).json()
    assert [item["id"] for item in archived["items"]] == [enterprise["id"]]


async def test_list_filters_by_country_and_region(client: AsyncClient) -> None:
    moldova = (await client.get(API, params={"country": "MD", "limit": 200})).json()
    assert moldova["total"] > 0
    assert {item["country"] for item in moldova["items"]} == {"MD"}
    cluj = (await client.get(API, params={"region": "RO-CJ", "limit": 200})).json()
    assert cluj["total"] > 0 and {item["region_code"] for item in cluj["items"]} == {"RO-CJ"}


async def test_limit_over_the_maximum_is_422(client: AsyncClient) -> None:
    response = await client.get(API, params={"limit": 201})
    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/query/limit"


async def test_a_forged_cursor_is_400(client: AsyncClient) -> None:
    response = await client.get(API, params={"cursor": "not-a-cursor"})
    assert response.status_code == 400


async def test_offerings_crud_with_etags(client: AsyncClient, enterprise: dict, editor_headers: dict) -> None:
    url = f"{API}/{enterprise['id']}/offerings"
    created = await client.post(url, json={"title": "Cozonac", "cpv_codes": ["15000000"], "min_order_quantity": 5,
                                           "max_order_quantity": 100}, headers=editor_headers)
    assert created.status_code == 201
    offering = created.json()
    stale = await client.patch(f"{url}/{offering['id']}", json={"lead_time_days": 2},
                               headers={**editor_headers, "If-Match": '"0.0"'})
    assert stale.status_code == 412
    updated = await client.patch(f"{url}/{offering['id']}", json={"lead_time_days": 2},
                                 headers={**editor_headers, "If-Match": created.headers["etag"]})
    assert updated.status_code == 200 and updated.json()["lead_time_days"] == 2
    assert [o["title"] for o in (await client.get(url)).json()] == ["Cozonac"]
    assert (await client.get(f"{API}/{enterprise['id']}")).json()["offerings"][0]["id"] == offering["id"]
    assert (await client.delete(f"{url}/{offering['id']}", headers=editor_headers)).status_code == 204
    assert (await client.get(url)).json() == []


async def test_offering_with_unknown_cpv_or_inverted_quantities_is_422(client: AsyncClient, enterprise: dict,
                                                                       editor_headers: dict) -> None:
    url = f"{API}/{enterprise['id']}/offerings"
    unknown = await client.post(url, json={"title": "Ceva", "cpv_codes": ["12345678"]}, headers=editor_headers)
    assert unknown.status_code == 422 and "12345678" in unknown.json()["detail"]
    inverted = await client.post(url, json={"title": "Ceva", "min_order_quantity": 10, "max_order_quantity": 2},
                                 headers=editor_headers)
    assert inverted.status_code == 422


async def test_writes_are_audited_with_before_and_after(client: AsyncClient, enterprise: dict,
                                                        editor_headers: dict, session: AsyncSession) -> None:
    etag = (await client.get(f"{API}/{enterprise['id']}")).headers["etag"]
    await client.patch(f"{API}/{enterprise['id']}", json={"employees_total": 12},
                       headers={**editor_headers, "If-Match": etag})
    rows = (await session.execute(text(
        "SELECT action, changes FROM audit_log WHERE entity = 'organisation' AND entity_id = :id ORDER BY id"),
        {"id": str(enterprise["id"])})).all()
    assert [row.action for row in rows] == ["create", "update"]
    assert rows[1].changes == {"employees_total": {"before": 10, "after": 12}}


async def _all_ids(client: AsyncClient, params: dict[str, Any]) -> set[int]:
    ids: set[int] = set()
    cursor = None
    while True:
        page = (await client.get(API, params={**params, "limit": 200, **({"cursor": cursor} if cursor else {})})).json()
        ids |= {item["id"] for item in page["items"]}
        cursor = page["next_cursor"]
        if not cursor:
            return ids


async def test_a_large_result_says_its_total_is_an_estimate(client: AsyncClient, session: AsyncSession) -> None:
    await session.execute(text("ALTER TABLE organisations DISABLE TRIGGER organisations_set_region"))
    await session.execute(text("""
        INSERT INTO organisations (kind, name, slug, country, region_code, location, status)
        SELECT 'social_enterprise', 'Bulk ' || n, 'bulk-' || n, 'MD', 'MD-CU',
               ST_SetSRID(ST_MakePoint(28.8 + n * 0.000001, 47.0), 4326), 'published'
        FROM generate_series(1, 10001) AS n"""))
    await session.execute(text("ANALYZE organisations"))
    await session.commit()
    response = await client.get(API, params={"country": "MD", "limit": 5})
    assert response.status_code == 200, response.text
    page = response.json()
    assert page["total_exact"] is False
    assert page["total"] > 10_000
    assert len(page["items"]) == 5
