"""The board: filters, paging, counts per status, and the statistics."""

from httpx import AsyncClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.models import Role
from api.service_requests.board import service_request_stats
from tests.service_requests.conftest import API, move, request_body, token_for


async def ids(client: AsyncClient, headers: dict, **params: object) -> list[int]:
    response = await client.get(API, params=params, headers=headers)
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


async def test_filters_by_status_service_assignee_organisation_and_overdue(
        client: AsyncClient, member_headers: dict, editor_headers: dict, member_ids: list[int],
        session: AsyncSession) -> None:
    first = (await client.post(API, json=request_body(), headers=member_headers)).json()["id"]
    second = (await client.post(API, json=request_body(service="advisory"), headers=member_headers)).json()["id"]
    third = (await client.post(API, json=request_body(organisation_id=member_ids[1]),
                               headers=editor_headers)).json()["id"]
    await move(client, second, editor_headers, "triaged")
    editor_id, _ = await token_for(session, Role.editor)
    await session.execute(text("UPDATE service_requests SET assignee_token_id = :t, due_date = current_date - 1 "
                               "WHERE id = :id"), {"t": editor_id, "id": third})
    await session.commit()

    assert await ids(client, editor_headers, status="triaged") == [second]
    assert set(await ids(client, editor_headers, service="advisory")) == {second}
    assert await ids(client, editor_headers, assignee=editor_id) == [third]
    assert set(await ids(client, editor_headers, organisation=member_ids[0])) >= {first, second}
    assert third not in await ids(client, editor_headers, organisation=member_ids[0])
    assert await ids(client, editor_headers, overdue="true") == [third]
    assert third not in await ids(client, editor_headers, overdue="false")
    overdue = (await client.get(f"{API}/{third}", headers=editor_headers)).json()
    assert overdue["overdue"] is True
    assert third not in await ids(client, member_headers)  # another organisation's
    bad = await client.get(API, params={"status": "lost"}, headers=editor_headers)
    assert bad.status_code == 422


async def test_pages_with_a_cursor(client: AsyncClient, member_headers: dict) -> None:
    created = [(await client.post(API, json=request_body(), headers=member_headers)).json()["id"] for _ in range(3)]
    first = (await client.get(API, params={"limit": 2}, headers=member_headers)).json()
    second = (await client.get(API, params={"limit": 2, "cursor": first["next_cursor"]},
                               headers=member_headers)).json()
    seen = [i["id"] for i in first["items"]] + [i["id"] for i in second["items"]]
    assert seen[:3] == sorted(created, reverse=True)
    assert first["total"] >= 3 and first["total_exact"] and first["next_cursor"] is not None
    assert len(set(seen)) == len(seen)  # no row twice across pages
    assert (await client.get(API, params={"cursor": "garbage!"}, headers=member_headers)).status_code == 400


async def test_counts_per_status(client: AsyncClient, member_headers: dict, editor_headers: dict) -> None:
    before = (await client.get(f"{API}/counts", headers=member_headers)).json()
    one = (await client.post(API, json=request_body(), headers=member_headers)).json()["id"]
    await client.post(API, json=request_body(), headers=member_headers)
    await move(client, one, editor_headers, "rejected", reason="Duplicate of an earlier request.")
    after = (await client.get(f"{API}/counts", headers=member_headers)).json()
    assert set(after) == {"submitted", "triaged", "in_progress", "resolved", "closed", "rejected", "cancelled"}
    assert after["submitted"] - before["submitted"] == 1
    assert after["rejected"] - before["rejected"] == 1
    advisory_before = (await client.get(f"{API}/counts", params={"service": "advisory"},
                                        headers=member_headers)).json()
    await client.post(API, json=request_body(service="advisory"), headers=member_headers)
    advisory = (await client.get(f"{API}/counts", params={"service": "advisory"}, headers=member_headers)).json()
    assert advisory["submitted"] == advisory_before["submitted"] + 1
    assert advisory["rejected"] == advisory_before["rejected"]


async def test_stats_per_service_with_median_times(client: AsyncClient, member_headers: dict, editor_headers: dict,
                                                  session: AsyncSession) -> None:
    filed = [(await client.post(API, json=request_body(service="staff_mobility"), headers=member_headers)).json()["id"]
             for _ in range(2)]
    for request_id in filed:
        for target in ("triaged", "in_progress", "resolved"):
            assert (await move(client, request_id, editor_headers, target)).status_code == 200
    # Everything above ran in one transaction (one now()): spread the times out as real life would.
    for request_id, hours in zip(filed, (2, 4), strict=True):
        await session.execute(text(
            "UPDATE service_request_events SET occurred_at = occurred_at + make_interval(hours => :h * "
            "(CASE WHEN data->>'to' = 'triaged' THEN 1 WHEN kind = 'created' THEN 0 ELSE 10 END)) "
            "WHERE request_id = :id"), {"h": hours, "id": request_id})
    await session.commit()

    response = await client.get(f"{API}/stats", headers=editor_headers)
    assert response.status_code == 200
    stats = response.json()
    assert stats == (await service_request_stats(session)).model_dump(mode="json")
    [mobility] = [s for s in stats["by_service"] if s["service"] == "staff_mobility"]
    assert mobility["total"] == 2 and mobility["by_status"]["resolved"] == 2
    assert mobility["median_first_response_seconds"] == 3 * 3600  # median of 2 h and 4 h
    assert mobility["median_resolution_seconds"] == 30 * 3600  # median of 20 h and 40 h
    assert stats["total"] == sum(stats["by_status"].values())
    assert (await client.get(f"{API}/stats", headers=member_headers)).status_code == 403
