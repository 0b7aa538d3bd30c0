"""Filing and reading requests: who may file for whom, who sees what."""

from httpx import AsyncClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from tests.conftest import count_rows
from tests.service_requests.conftest import API, outbox_for, request_body


async def test_member_files_for_its_own_organisation(client: AsyncClient, member_headers: dict,
                                                     member_ids: list[int], session: AsyncSession) -> None:
    response = await client.post(API, json=request_body(), headers=member_headers)
    assert response.status_code == 201, response.text
    body = response.json()
    assert response.headers["location"] == f"{API}/{body['id']}"
    assert response.headers["etag"] == f'"{body["id"]}.1"'
    assert (body["organisation_id"], body["service"], body["status"]) == (member_ids[0], "funding_access",
                                                                          "submitted")
    assert body["contact"] == {"name": "Ana Pop", "email": "ana.pop@example.org", "phone": "+40 740 000 000"}
    assert (body["role"], body["allowed_transitions"], body["priority"]) == ("requester", ["cancelled"], "normal")
    events = (await client.get(f"{API}/{body['id']}/events", headers=member_headers)).json()
    assert [e["kind"] for e in events] == ["created"]
    assert events[0]["actor_role"] == "member"
    audited = await session.scalar(text("SELECT count(*) FROM audit_log WHERE entity = 'service_request' "
                                        "AND entity_id = :id AND action = 'create'"), {"id": str(body["id"])})
    assert audited == 1
    [mail] = await outbox_for(session, body["id"])
    assert (mail["to_address"], mail["template"]) == ("ana.pop@example.org", "service_request_received")


async def test_staff_file_on_behalf_of_a_member_only(client: AsyncClient, editor_headers: dict,
                                                     member_ids: list[int], non_member_id: int) -> None:
    missing = await client.post(API, json=request_body(), headers=editor_headers)
    assert missing.status_code == 422
    assert missing.json()["errors"][0]["pointer"] == "/organisation_id"
    outsider = await client.post(API, json=request_body(organisation_id=non_member_id), headers=editor_headers)
    assert outsider.status_code == 422
    filed = await client.post(API, json=request_body(organisation_id=member_ids[2]), headers=editor_headers)
    assert filed.status_code == 201
    assert (filed.json()["organisation_id"], filed.json()["role"]) == (member_ids[2], "staff")


async def test_member_cannot_file_for_another_organisation(client: AsyncClient, member_headers: dict,
                                                           member_ids: list[int], session: AsyncSession) -> None:
    before = await count_rows(session, "service_requests")
    response = await client.post(API, json=request_body(organisation_id=member_ids[1]), headers=member_headers)
    assert response.status_code == 403
    assert await count_rows(session, "service_requests") == before


async def test_bad_input_is_a_problem_and_changes_nothing(client: AsyncClient, member_headers: dict,
                                                          session: AsyncSession) -> None:
    before = (await count_rows(session, "service_requests"), await count_rows(session, "outbox_messages"))
    cases = [
        (request_body(service="astrology"), "/service"),
        (request_body(preferred_from="2026-05-01", preferred_to="2026-04-01"), "/"),
        (request_body(contact={"name": "Ana", "email": "not-an-email"}), "/contact/email"),
        (request_body(title=""), "/title"),
        (request_body(colour="blue"), "/colour"),
    ]
    for body, pointer in cases:
        response = await client.post(API, json=body, headers=member_headers)
        assert response.status_code == 422, body
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["errors"][0]["pointer"].startswith(pointer)
    after = (await count_rows(session, "service_requests"), await count_rows(session, "outbox_messages"))
    assert after == before


async def test_another_organisations_request_does_not_exist_for_a_member(
        client: AsyncClient, filed: dict, other_member_headers: dict) -> None:
    for path in ("", "/events", "/comments"):
        response = await client.get(f"{API}/{filed['id']}{path}", headers=other_member_headers)
        assert response.status_code == 404, path
    listed = (await client.get(API, headers=other_member_headers)).json()
    assert filed["id"] not in [item["id"] for item in listed["items"]]
    comment = await client.post(f"{API}/{filed['id']}/comments", json={"body": "Hello?"},
                                headers=other_member_headers)
    assert comment.status_code == 404


async def test_staff_see_everything_integration_and_anonymous_nothing(
        client: AsyncClient, filed: dict, editor_headers: dict, integration_headers: dict) -> None:
    staff = await client.get(f"{API}/{filed['id']}", headers=editor_headers)
    assert staff.status_code == 200
    assert staff.json()["contact"]["email"] == "ana.pop@example.org"
    assert staff.json()["allowed_transitions"] == ["triaged", "rejected"]
    assert (await client.get(f"{API}/{filed['id']}", headers=integration_headers)).status_code == 403
    assert (await client.get(f"{API}/{filed['id']}")).status_code == 401
    assert (await client.get(API)).status_code == 401


async def test_out_of_range_ids_are_4xx_not_database_errors(client: AsyncClient, editor_headers: dict,
                                                            filed: dict) -> None:
    huge = 10**20
    assert (await client.get(f"{API}/{huge}", headers=editor_headers)).status_code == 422
    assert (await client.get(API, params={"organisation": huge}, headers=editor_headers)).status_code == 422
    body = request_body(organisation_id=huge)
    assert (await client.post(API, json=body, headers=editor_headers)).status_code == 422
    assert (await client.get(f"/api/v1/services/{huge}")).status_code == 404
    assert (await client.get(f"{API}/{filed['id'] + 10**6}", headers=editor_headers)).status_code == 404
