"""Working on a request: assignment, priority, due date, edits, comments and the timeline."""

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.models import Role
from tests.service_requests.conftest import API, move, outbox_for, token_for


async def patch(client: AsyncClient, request_id: int, headers: dict, body: dict):  # type: ignore[no-untyped-def]
    etag = (await client.get(f"{API}/{request_id}", headers=headers)).headers["etag"]
    return await client.patch(f"{API}/{request_id}", json=body, headers={**headers, "If-Match": etag})


async def test_staff_assign_prioritise_and_set_a_due_date(client: AsyncClient, filed: dict, admin_headers: dict,
                                                          member_headers: dict, session: AsyncSession) -> None:
    editor_id, _ = await token_for(session, Role.editor)
    response = await patch(client, filed["id"], admin_headers,
                           {"assignee_token_id": editor_id, "priority": "urgent", "due_date": "2030-01-31"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["assignee_token_id"], body["priority"], body["due_date"]) == (editor_id, "urgent", "2030-01-31")
    assert body["version"] == 2
    events = (await client.get(f"{API}/{filed['id']}/events", headers=admin_headers)).json()
    assert [(e["kind"], e["internal"]) for e in events[1:]] == [("assignment", True), ("priority", True),
                                                                ("due_date", False)]
    assert events[1]["data"] == {"before": None, "after": editor_id}
    assert events[3]["data"] == {"before": None, "after": "2030-01-31"}
    # The member's timeline leaves out staff's working notes.
    seen = (await client.get(f"{API}/{filed['id']}/events", headers=member_headers)).json()
    assert [e["kind"] for e in seen] == ["created", "due_date"]
    unassigned = await patch(client, filed["id"], admin_headers, {"assignee_token_id": None})
    assert unassigned.json()["assignee_token_id"] is None


async def test_only_staff_tokens_can_be_assigned(client: AsyncClient, filed: dict, admin_headers: dict,
                                                 member_ids: list[int], session: AsyncSession) -> None:
    member_token_id, _ = await token_for(session, Role.member, member_ids[0])
    for token_id in (member_token_id, 987654321):
        response = await patch(client, filed["id"], admin_headers, {"assignee_token_id": token_id})
        assert response.status_code == 422
        assert response.json()["errors"][0]["pointer"] == "/assignee_token_id"
    assert (await client.get(f"{API}/{filed['id']}", headers=admin_headers)).json()["version"] == 1


async def test_requester_edits_the_description_until_work_starts(client: AsyncClient, filed: dict,
                                                                 member_headers: dict, editor_headers: dict) -> None:
    forbidden = await patch(client, filed["id"], member_headers, {"priority": "urgent"})
    assert forbidden.status_code == 403
    edited = await patch(client, filed["id"], member_headers,
                         {"title": "Grant for two ovens", "contact": {"name": "Ion Pop", "email": "ion@example.org"}})
    assert edited.status_code == 200
    assert edited.json()["title"] == "Grant for two ovens"
    assert edited.json()["contact"] == {"name": "Ion Pop", "email": "ion@example.org", "phone": None}
    for target in ("triaged", "in_progress"):
        assert (await move(client, filed["id"], editor_headers, target)).status_code == 200
    late = await patch(client, filed["id"], member_headers, {"title": "Too late now"})
    assert late.status_code == 403
    stale = await client.patch(f"{API}/{filed['id']}", json={"priority": "low"},
                               headers={**editor_headers, "If-Match": f'"{filed["id"]}.1"'})
    assert stale.status_code == 412


async def test_internal_comments_stay_with_staff(client: AsyncClient, filed: dict, editor_headers: dict,
                                                 member_headers: dict, session: AsyncSession) -> None:
    url = f"{API}/{filed['id']}/comments"
    internal = await client.post(url, json={"body": "Check their last grant first.", "internal": True},
                                 headers=editor_headers)
    visible = await client.post(url, json={"body": "We booked a call for Tuesday."}, headers=editor_headers)
    reply = await client.post(url, json={"body": "Tuesday suits us."}, headers=member_headers)
    assert (internal.status_code, visible.status_code, reply.status_code) == (201, 201, 201)
    assert (internal.json()["internal"], visible.json()["internal"]) == (True, False)

    staff_view = [c["body"] for c in (await client.get(url, headers=editor_headers)).json()]
    member_view = [c["body"] for c in (await client.get(url, headers=member_headers)).json()]
    assert staff_view == ["Check their last grant first.", "We booked a call for Tuesday.", "Tuesday suits us."]
    assert member_view == ["We booked a call for Tuesday.", "Tuesday suits us."]
    member_events = (await client.get(f"{API}/{filed['id']}/events", headers=member_headers)).json()
    assert all(not e["internal"] for e in member_events)

    mails = await outbox_for(session, filed["id"])
    # "received", then the visible staff comment to the requester; nothing for the internal note, nor
    # an echo of the requester's own reply.
    assert len(mails) == 2
    assert "We booked a call for Tuesday." in mails[1]["body_text"]
    assert all("last grant" not in m["body_text"] for m in mails)


async def test_members_cannot_write_internal_comments(client: AsyncClient, filed: dict,
                                                      member_headers: dict) -> None:
    response = await client.post(f"{API}/{filed['id']}/comments", json={"body": "Psst", "internal": True},
                                 headers=member_headers)
    assert response.status_code == 403
    assert (await client.get(f"{API}/{filed['id']}/comments", headers=member_headers)).json() == []


async def test_every_change_says_who_and_when(client: AsyncClient, filed: dict, admin_headers: dict) -> None:
    await move(client, filed["id"], admin_headers, "triaged")
    await client.post(f"{API}/{filed['id']}/comments", json={"body": "On it."}, headers=admin_headers)
    events = (await client.get(f"{API}/{filed['id']}/events", headers=admin_headers)).json()
    assert [e["kind"] for e in events] == ["created", "transition", "comment"]
    assert all(e["occurred_at"] and e["actor"].startswith("token:") and e["actor_token_id"] for e in events)
    assert events[0]["actor_role"] == "member" and events[1]["actor_role"] == "admin"
