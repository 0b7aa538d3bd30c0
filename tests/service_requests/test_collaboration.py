"""Collaboration requests: named member organisations are notified and see the public part."""

from httpx import AsyncClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from tests.service_requests.conftest import API, move, outbox_for, request_body


async def collaboration(client: AsyncClient, headers: dict, collaborators: list[int]):  # type: ignore[no-untyped-def]
    return await client.post(API, json=request_body(service="collaboration", title="Joint catering offer",
                                                    collaborator_organisation_ids=collaborators), headers=headers)


async def org_email(session: AsyncSession, organisation_id: int) -> str:
    return str(await session.scalar(text("SELECT email FROM organisations WHERE id = :id"), {"id": organisation_id}))


async def test_collaborator_sees_the_public_part_and_is_notified(
        client: AsyncClient, member_headers: dict, other_member_headers: dict, member_ids: list[int],
        editor_headers: dict, session: AsyncSession) -> None:
    created = await collaboration(client, member_headers, [member_ids[1]])
    assert created.status_code == 201, created.text
    request_id = created.json()["id"]
    assert created.json()["collaborator_organisation_ids"] == [member_ids[1]]

    listed = (await client.get(API, headers=other_member_headers)).json()["items"]
    [item] = [i for i in listed if i["id"] == request_id]
    assert (item["role"], item["contact"], item["allowed_transitions"]) == ("collaborator", None, [])
    read = await client.get(f"{API}/{request_id}", headers=other_member_headers)
    assert read.status_code == 200 and read.json()["contact"] is None
    events = (await client.get(f"{API}/{request_id}/events", headers=other_member_headers)).json()
    assert [e["kind"] for e in events] == ["created", "collaborator_added"]

    assert (await move(client, request_id, other_member_headers, "cancelled")).status_code == 409
    comment = await client.post(f"{API}/{request_id}/comments", json={"body": "Hi"}, headers=other_member_headers)
    assert comment.status_code == 403

    collaborator_email = await org_email(session, member_ids[1])
    assert (await move(client, request_id, editor_headers, "triaged")).status_code == 200
    await client.post(f"{API}/{request_id}/comments", json={"body": "Internal", "internal": True},
                      headers=editor_headers)
    mails = [(m["to_address"], m["template"]) for m in await outbox_for(session, request_id)]
    assert mails == [("ana.pop@example.org", "service_request_received"),
                     (collaborator_email, "service_request_invited"),
                     ("ana.pop@example.org", "service_request_status"), (collaborator_email, "service_request_status")]


async def test_collaborators_only_for_the_collaboration_service_and_only_members(
        client: AsyncClient, member_headers: dict, member_ids: list[int], non_member_id: int,
        session: AsyncSession) -> None:
    before = await session.scalar(text("SELECT count(*) FROM service_requests"))
    wrong_service = await client.post(API, json=request_body(collaborator_organisation_ids=[member_ids[1]]),
                                      headers=member_headers)
    assert wrong_service.status_code == 422
    assert wrong_service.json()["errors"][0]["pointer"] == "/collaborator_organisation_ids"
    outsider = await collaboration(client, member_headers, [non_member_id])
    assert outsider.status_code == 422
    itself = await collaboration(client, member_headers, [member_ids[0]])
    assert itself.status_code == 422
    assert await session.scalar(text("SELECT count(*) FROM service_requests")) == before


async def test_staff_or_requester_name_more_collaborators_later(
        client: AsyncClient, member_headers: dict, member_ids: list[int], admin_headers: dict,
        other_member_headers: dict) -> None:
    request_id = (await collaboration(client, member_headers, [])).json()["id"]
    assert (await client.get(f"{API}/{request_id}", headers=other_member_headers)).status_code == 404
    added = await client.post(f"{API}/{request_id}/collaborators", json={"organisation_ids": [member_ids[1]]},
                              headers=member_headers)
    assert added.status_code == 200, added.text
    assert (await client.get(f"{API}/{request_id}", headers=other_member_headers)).status_code == 200
    more = await client.post(f"{API}/{request_id}/collaborators",
                             json={"organisation_ids": [member_ids[1], member_ids[2]]}, headers=admin_headers)
    assert more.json()["collaborator_organisation_ids"] == sorted(member_ids[1:3])
    by_collaborator = await client.post(f"{API}/{request_id}/collaborators",
                                        json={"organisation_ids": [member_ids[2]]}, headers=other_member_headers)
    assert by_collaborator.status_code == 403
