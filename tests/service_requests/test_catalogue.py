"""The support-service catalogue: seeded in four languages, edited and retired by admins."""

from httpx import AsyncClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from tests.service_requests.conftest import API, request_body

SERVICES = "/api/v1/services"
NEW = {"code": "export_readiness",
       "names": {"ro": "Pregătire pentru export", "en": "Export readiness", "uk": "Підготовка до експорту",
                 "ru": "Подготовка к экспорту"}}


async def test_the_six_services_are_listed_in_four_languages(client: AsyncClient) -> None:
    response = await client.get(SERVICES)
    assert response.status_code == 200
    services = response.json()
    assert [s["code"] for s in services] == ["advisory", "funding_access", "collaboration", "policy_training",
                                             "upskilling", "staff_mobility"]
    for service in services:
        assert set(service["names"]) == set(service["descriptions"]) == {"ro", "en", "uk", "ru"}
    assert services[1]["names"]["en"] == "Access to public and private funding"
    assert services[1]["names"]["ro"] == "Acces la finanțare publică și privată"


async def test_admin_adds_a_service_once(client: AsyncClient, admin_headers: dict, session: AsyncSession) -> None:
    created = await client.post(SERVICES, json=NEW, headers=admin_headers)
    assert created.status_code == 201, created.text
    assert created.headers["location"] == f"{SERVICES}/export_readiness"
    again = await client.post(SERVICES, json=NEW, headers=admin_headers)
    assert again.status_code == 409
    audited = await session.scalar(text("SELECT count(*) FROM audit_log WHERE entity = 'support_service' "
                                        "AND entity_id = :id"), {"id": str(created.json()["id"])})
    assert audited == 1


async def test_editor_cannot_add_and_a_language_cannot_be_missing(client: AsyncClient, editor_headers: dict,
                                                                  admin_headers: dict) -> None:
    assert (await client.post(SERVICES, json=NEW, headers=editor_headers)).status_code == 403
    partial = {**NEW, "names": {"en": "Export readiness"}}
    response = await client.post(SERVICES, json=partial, headers=admin_headers)
    assert response.status_code == 422
    assert "missing: ro, uk, ru" in response.json()["detail"]
    assert (await client.get(f"{SERVICES}/export_readiness")).status_code == 404


async def test_edit_needs_the_current_etag(client: AsyncClient, admin_headers: dict) -> None:
    etag = (await client.get(f"{SERVICES}/advisory")).headers["etag"]
    renamed = await client.patch(f"{SERVICES}/advisory", json={"names": {"en": "Advice"}},
                                 headers={**admin_headers, "If-Match": etag})
    assert renamed.status_code == 200
    assert renamed.json()["names"] == {**renamed.json()["names"], "en": "Advice", "ro": "Servicii de consultanță"}
    stale = await client.patch(f"{SERVICES}/advisory", json={"names": {"en": "Lost"}},
                               headers={**admin_headers, "If-Match": etag})
    assert stale.status_code == 412
    assert (await client.get(f"{SERVICES}/advisory")).json()["names"]["en"] == "Advice"


async def test_retired_service_is_hidden_refused_for_new_requests_and_kept_on_old_ones(
        client: AsyncClient, admin_headers: dict, member_headers: dict) -> None:
    old = await client.post(API, json=request_body(service="upskilling"), headers=member_headers)
    assert old.status_code == 201
    etag = (await client.get(f"{SERVICES}/upskilling")).headers["etag"]
    retired = await client.patch(f"{SERVICES}/upskilling", json={"retired": True},
                                 headers={**admin_headers, "If-Match": etag})
    assert retired.status_code == 200 and retired.json()["retired_at"] is not None

    assert "upskilling" not in [s["code"] for s in (await client.get(SERVICES)).json()]
    listed = await client.get(SERVICES, params={"include_retired": "true"}, headers=admin_headers)
    assert "upskilling" in [s["code"] for s in listed.json()]
    assert (await client.get(SERVICES, params={"include_retired": "true"})).status_code == 403

    refused = await client.post(API, json=request_body(service="upskilling"), headers=member_headers)
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["pointer"] == "/service"
    kept = await client.get(f"{API}/{old.json()['id']}", headers=member_headers)
    assert kept.json()["service"] == "upskilling"
