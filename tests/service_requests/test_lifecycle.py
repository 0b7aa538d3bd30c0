"""The lifecycle: every allowed step, the forbidden ones (409 with `allowed`), reasons, windows, If-Match."""

from httpx import AsyncClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from api.mail.render import translator
from tests.service_requests.conftest import API, move, outbox_for, request_body


async def test_staff_take_a_request_from_submitted_to_closed(client: AsyncClient, filed: dict, editor_headers: dict,
                                                             member_headers: dict, session: AsyncSession) -> None:
    for target in ("triaged", "in_progress", "resolved", "closed"):
        response = await move(client, filed["id"], editor_headers, target)
        assert response.status_code == 200, response.text
        assert response.json()["status"] == target
    final = (await client.get(f"{API}/{filed['id']}", headers=member_headers)).json()
    assert (final["status"], final["allowed_transitions"], final["version"]) == ("closed", [], 5)
    events = (await client.get(f"{API}/{filed['id']}/events", headers=member_headers)).json()
    steps = [(e["data"]["from"], e["data"]["to"]) for e in events if e["kind"] == "transition"]
    assert steps == [("submitted", "triaged"), ("triaged", "in_progress"), ("in_progress", "resolved"),
                     ("resolved", "closed")]
    assert all(e["actor_role"] == "editor" for e in events if e["kind"] == "transition")
    mails = await outbox_for(session, filed["id"])
    t = translator(mails[0]["language"])  # the requesting organisation's language
    assert [m["subject"].rsplit(": ", 1)[1] for m in mails] == [
        t("request.received"), t("status.triaged"), t("status.in_progress"), t("status.resolved"), t("status.closed")]
    audited = await session.scalar(text("SELECT count(*) FROM audit_log WHERE entity = 'service_request' "
                                        "AND entity_id = :id AND action = 'transition'"), {"id": str(filed["id"])})
    assert audited == 4


async def test_a_step_not_in_the_table_is_409_with_the_allowed_ones(client: AsyncClient, filed: dict,
                                                                    editor_headers: dict, member_headers: dict,
                                                                    session: AsyncSession) -> None:
    skip = await move(client, filed["id"], editor_headers, "in_progress")
    assert skip.status_code == 409
    problem = skip.json()
    assert skip.headers["content-type"] == "application/problem+json"
    assert (problem["code"], problem["current_status"], problem["allowed"]) == ("transition_not_allowed", "submitted",
                                                                        ["triaged", "rejected"])
    by_member = await move(client, filed["id"], member_headers, "triaged")
    assert by_member.status_code == 409
    assert by_member.json()["allowed"] == ["cancelled"]
    assert "Only the staff" in by_member.json()["detail"]
    assert [e["kind"] for e in (await client.get(f"{API}/{filed['id']}/events", headers=editor_headers)).json()] \
        == ["created"]
    assert len(await outbox_for(session, filed["id"])) == 1  # only "received"


async def test_rejecting_needs_a_reason_and_ends_the_lifecycle(client: AsyncClient, filed: dict,
                                                               editor_headers: dict, member_headers: dict,
                                                               session: AsyncSession) -> None:
    no_reason = await move(client, filed["id"], editor_headers, "rejected")
    assert no_reason.status_code == 422
    assert no_reason.json()["errors"][0]["pointer"] == "/reason"
    rejected = await move(client, filed["id"], editor_headers, "rejected", reason="Outside the cluster's services.")
    assert rejected.status_code == 200
    event = (await client.get(f"{API}/{filed['id']}/events", headers=member_headers)).json()[-1]
    assert event["data"] == {"from": "submitted", "to": "rejected", "reason": "Outside the cluster's services."}
    assert "Outside the cluster's services." in (await outbox_for(session, filed["id"]))[-1]["body_text"]
    for headers, target in ((editor_headers, "triaged"), (member_headers, "cancelled")):
        again = await move(client, filed["id"], headers, target)
        assert again.status_code == 409
        assert again.json()["allowed"] == []


async def test_requester_cancels_before_work_starts_but_not_after(client: AsyncClient, member_headers: dict,
                                                                  editor_headers: dict, filed: dict) -> None:
    assert (await move(client, filed["id"], editor_headers, "triaged")).status_code == 200
    cancelled = await move(client, filed["id"], member_headers, "cancelled")
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"

    other = (await client.post(API, json=request_body(), headers=member_headers)).json()
    for target in ("triaged", "in_progress"):
        assert (await move(client, other["id"], editor_headers, target)).status_code == 200
    late = await move(client, other["id"], member_headers, "cancelled")
    assert late.status_code == 409
    assert late.json()["allowed"] == []
    assert (await move(client, other["id"], editor_headers, "cancelled")).json()["allowed"] == ["resolved"]


async def test_requester_reopens_within_30_days_only(client: AsyncClient, filed: dict, editor_headers: dict,
                                                     member_headers: dict, session: AsyncSession) -> None:
    for target in ("triaged", "in_progress", "resolved"):
        assert (await move(client, filed["id"], editor_headers, target)).status_code == 200
    resolved = (await client.get(f"{API}/{filed['id']}", headers=member_headers)).json()
    assert resolved["allowed_transitions"] == ["in_progress"]
    reopened = await move(client, filed["id"], member_headers, "in_progress")
    assert reopened.status_code == 200 and reopened.json()["status"] == "in_progress"

    assert (await move(client, filed["id"], editor_headers, "resolved")).status_code == 200
    await session.execute(text("UPDATE service_requests SET resolved_at = now() - interval '31 days' "
                               "WHERE id = :id"), {"id": filed["id"]})
    await session.commit()
    late = await move(client, filed["id"], member_headers, "in_progress")
    assert late.status_code == 409
    assert late.json()["allowed"] == []
    assert "within 30 days" in late.json()["detail"]
    assert (await move(client, filed["id"], editor_headers, "closed")).status_code == 200


async def test_transitions_need_a_current_if_match(client: AsyncClient, filed: dict, editor_headers: dict) -> None:
    url = f"{API}/{filed['id']}/transitions"
    missing = await client.post(url, json={"to": "triaged"}, headers=editor_headers)
    assert missing.status_code == 428
    stale = await client.post(url, json={"to": "triaged"},
                              headers={**editor_headers, "If-Match": f'"{filed["id"]}.0"'})
    assert stale.status_code == 412
    unknown = await client.post(url, json={"to": "archived"}, headers={**editor_headers, "If-Match": "x"})
    assert unknown.status_code == 422
    assert (await client.get(f"{API}/{filed['id']}", headers=editor_headers)).json()["status"] == "submitted"
