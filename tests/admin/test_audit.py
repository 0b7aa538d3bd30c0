"""The audit log: filtered by entity, actor and time; writes and their audit rows commit together."""

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit import service as audit
from tests.conftest import count_rows, enterprise_body

API = "/api/v1/admin/audit"


async def test_entries_name_what_they_are_about_while_it_exists(client: AsyncClient, admin_headers: dict,
                                                                enterprise: dict) -> None:
    created = await client.post(f"/api/v1/enterprises/{enterprise['id']}/offerings", json={"title": "Pâine de casă"},
                                headers=admin_headers)
    assert created.status_code == 201, created.text
    offering = created.json()
    page = (await client.get(API, params={"entity": "offering", "entity_id": str(offering["id"])},
                             headers=admin_headers)).json()
    assert page["items"][0]["entity_name"] == "Pâine de casă"
    etag = created.headers["etag"]
    gone = await client.delete(f"/api/v1/enterprises/{enterprise['id']}/offerings/{offering['id']}",
                               headers={**admin_headers, "If-Match": etag})
    assert gone.status_code == 204
    page = (await client.get(API, params={"entity": "offering", "entity_id": str(offering["id"])},
                             headers=admin_headers)).json()
    assert [e["entity_name"] for e in page["items"]] == [None, None]


async def test_anonymous_public_writes_are_the_publics_not_the_systems(client: AsyncClient, admin_headers: dict,
                                                                      enterprise: dict) -> None:
    need = {"cpv_codes": ["55520000"], "town": {"name": "Cluj-Napoca"}}
    match = await client.post("/api/v1/matches", json=need)
    assert match.status_code == 201, match.text
    inquiry = await client.post("/api/v1/inquiries", json={
        "enterprise_id": enterprise["id"], "buyer_name": "Ana", "buyer_email": "ana@example.org",
        "message": "Fifty loaves on Friday, please."})
    assert inquiry.status_code == 201, inquiry.text
    for entity, entity_id in (("match", match.json()["id"]), ("inquiry", inquiry.json()["id"])):
        params = {"entity": entity, "entity_id": str(entity_id)}
        page = (await client.get(API, params=params, headers=admin_headers)).json()
        assert [(e["actor"], e["actor_token_id"]) for e in page["items"]] == [("public", None)], entity


async def test_audit_lists_writes_with_who_what_and_changes(client: AsyncClient, admin_headers: dict,
                                                            enterprise: dict) -> None:
    etag = (await client.get(f"/api/v1/enterprises/{enterprise['id']}")).headers["etag"]
    await client.patch(f"/api/v1/enterprises/{enterprise['id']}", json={"locality": "Turda"},
                       headers={**admin_headers, "If-Match": etag})
    page = (await client.get(API, params={"entity": "organisation", "entity_id": str(enterprise["id"])},
                             headers=admin_headers)).json()
    assert [e["action"] for e in page["items"]] == ["update", "create"]  # newest first
    update = page["items"][0]
    assert update["changes"]["locality"] == {"before": "Cluj-Napoca", "after": "Turda"}
    assert update["entity_name"] == enterprise["name"]
    assert update["actor"].startswith(f"token:{update['actor_token_id']}:")
    by_actor = (await client.get(API, params={"actor": update["actor_token_id"]}, headers=admin_headers)).json()
    assert {e["entity"] for e in by_actor["items"]} == {"organisation"}


async def test_audit_filters_by_time_and_pages(client: AsyncClient, admin_headers: dict, enterprise: dict) -> None:
    await client.post("/api/v1/enterprises", json=enterprise_body(name="A Doua", registration_code="RO44"),
                      headers=admin_headers)
    now = datetime.now(UTC)
    future = (await client.get(API, params={"from": (now + timedelta(hours=1)).isoformat()},
                               headers=admin_headers)).json()
    assert future["items"] == []
    recent = (await client.get(API, params={"from": (now - timedelta(hours=1)).isoformat(), "limit": 1},
                               headers=admin_headers)).json()
    assert len(recent["items"]) == 1 and recent["next_cursor"] is not None
    older = (await client.get(API, params={"from": (now - timedelta(hours=1)).isoformat(), "limit": 1,
                                           "cursor": recent["next_cursor"]}, headers=admin_headers)).json()
    assert older["items"][0]["id"] < recent["items"][0]["id"]
    inverted = await client.get(API, params={"from": now.isoformat(), "to": (now - timedelta(days=1)).isoformat()},
                                headers=admin_headers)
    assert inverted.status_code == 422


async def test_only_admins_read_the_audit_log(client: AsyncClient, editor_headers: dict) -> None:
    assert (await client.get(API)).status_code == 401
    assert (await client.get(API, headers=editor_headers)).status_code == 403


async def test_a_write_whose_audit_row_fails_leaves_nothing(client: AsyncClient, admin_headers: dict,
                                                            session: AsyncSession,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    original = audit.record

    def oversized_entity(session: Any, **kwargs: Any) -> Any:
        # Longer than the column allows: the audit insert fails inside the write's transaction.
        return original(session, **{**kwargs, "entity": "x" * 100})

    monkeypatch.setattr(audit, "record", oversized_entity)
    before = [await count_rows(session, table) for table in ("organisations", "memberships", "audit_log")]
    body = {"new_organisation": enterprise_body(name="Nu Va Exista", registration_code="RO88")}
    response = await client.post("/api/v1/members", json=body, headers=admin_headers)
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert [await count_rows(session, table) for table in ("organisations", "memberships", "audit_log")] == before
