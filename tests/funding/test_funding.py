"""Funding calls: staff publish them, members see those they are eligible for, a weekly digest, and service
requests that point at a call."""

from datetime import UTC, date, datetime, timedelta
from typing import Any

from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.auth import service as auth_service
from api.auth.models import Role
from api.config import Settings
from api.funding.digests import send_funding_digests
from api.outbox.models import OutboxMessage
from api.pagination import decode_cursor, encode_cursor
from tests.conftest import count_rows, enterprise_body
from tests.worker.run import count_in, run_scheduled_job

URL = "/api/v1/funding-calls"
NEXT_MONTH = (date.today() + timedelta(days=30)).isoformat()


def call(**overrides: Any) -> dict[str, Any]:
    return {"title": "Microcredite pentru întreprinderi sociale", "funder": "AFIN IFN", "kind": "loan",
            "summary": "Loans for social enterprises.", "deadline": NEXT_MONTH, "status": "published"} | overrides


async def _publish(client: AsyncClient, headers: dict[str, str], **overrides: Any) -> dict[str, Any]:
    response = await client.post(URL, json=call(**overrides), headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def _organisation(client: AsyncClient, headers: dict[str, str], n: int, **overrides: Any) -> dict[str, Any]:
    body = enterprise_body(name=f"Funding Test {n}", registration_code=f"RO6600{n:04d}",
                           email=f"funding{n}@example.org", status="published") | overrides
    response = await client.post("/api/v1/enterprises", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def _eligible(client: AsyncClient, org_id: int) -> set[str]:
    response = await client.get(URL, params={"eligible_for": org_id, "limit": 200})
    assert response.status_code == 200, response.text
    return {c["title"] for c in response.json()["items"]}


async def test_eligibility_follows_country_kind_sector_size_and_impact(
        client: AsyncClient, admin_headers: dict[str, str]) -> None:
    # A bakery in Cluj: RO, social enterprise, NACE 10.71, 10 employees, work integration.
    org = await _organisation(client, admin_headers, 1)
    for title, rules in {
        "any": {}, "romania": {"countries": ["RO"]}, "moldova": {"countries": ["MD"]},
        "food division": {"sectors": ["10"]}, "care only": {"sectors": ["88.10"]},
        "small": {"max_employees": 49}, "large": {"min_employees": 50},
        "inclusion": {"impact_areas": ["work_integration"]}, "green": {"impact_areas": ["green_circular_economy"]},
        "ngos": {"kinds": ["ngo"]}, "closed": {"deadline": "2020-01-31", "opens_on": "2020-01-01"},
        "draft": {"status": "draft"},
    }.items():
        await _publish(client, admin_headers, title=f"Test call {title}", **rules)

    eligible = {t.removeprefix("Test call ") for t in await _eligible(client, org["id"]) if t.startswith("Test call")}

    assert eligible == {"any", "romania", "food division", "small", "inclusion"}


async def test_drafts_are_for_staff_and_writes_need_staff_and_if_match(
        client: AsyncClient, session: AsyncSession, admin_headers: dict[str, str]) -> None:
    draft = await _publish(client, admin_headers, status="draft", title="Test draft call")
    assert (await client.get(f"{URL}/{draft['id']}")).status_code == 404
    assert (await client.get(f"{URL}/{draft['id']}", headers=admin_headers)).status_code == 200
    _, member = await auth_service.create_token(session, name="m", role=Role.member, organisation_id=1)
    await session.commit()
    assert (await client.post(URL, json=call(), headers={"Authorization": f"Bearer {member}"})).status_code == 403
    assert (await client.post(URL, json=call())).status_code == 401

    got = await client.get(f"{URL}/{draft['id']}", headers=admin_headers)
    published = await client.patch(f"{URL}/{draft['id']}", json={"status": "published"},
                                   headers={**admin_headers, "If-Match": got.headers["ETag"]})
    assert published.status_code == 200 and published.json()["open"] is True
    stale = await client.patch(f"{URL}/{draft['id']}", json={"status": "archived"},
                               headers={**admin_headers, "If-Match": got.headers["ETag"]})
    assert stale.status_code == 412
    assert (await client.get(f"{URL}/{draft['id']}")).status_code == 200


async def test_the_list_pages_soonest_deadline_first_with_rolling_calls_last(
        client: AsyncClient, admin_headers: dict[str, str]) -> None:
    # Two rolling calls: a page that ends on the first must lead to the second. (The cursor's 9999-12-31 once
    # went to the database as date.max, which asyncpg sends as 'infinity', and the second was never listed.)
    later = (date.today() + timedelta(days=60)).isoformat()
    made = [await _publish(client, admin_headers, title=f"Paging call {n}", deadline=deadline)
            for n, deadline in enumerate((later, None, NEXT_MONTH, None))]
    seen: list[dict[str, Any]] = []
    cursor = None
    while True:
        page = (await client.get(URL, params={"limit": 1} | ({"cursor": cursor} if cursor else {}))).json()
        seen += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            break
        key = decode_cursor(cursor, {"deadline": str, "id": int})
        assert key == {"deadline": page["items"][0]["deadline"] or "9999-12-31", "id": page["items"][0]["id"]}
    order = [(c["deadline"] or "9999-12-31", c["id"]) for c in seen]
    assert order == sorted(order)
    ours = [c["title"] for c in seen if c["id"] in {m["id"] for m in made}]
    assert ours == ["Paging call 2", "Paging call 0", "Paging call 1", "Paging call 3"]
    rolling = (await client.get(URL, params={"cursor": encode_cursor({"deadline": "9999-12-31", "id": 0})})).json()
    assert rolling["items"] and all(c["deadline"] is None for c in rolling["items"])
    forged = await client.get(URL, params={"cursor": encode_cursor({"deadline": "soon", "id": 1})})
    assert forged.status_code == 400 and forged.headers["content-type"] == "application/problem+json"


async def test_a_bad_call_is_refused_and_nothing_is_stored(client: AsyncClient, session: AsyncSession,
                                                           admin_headers: dict[str, str]) -> None:
    before = await count_rows(session, "funding_calls")
    for bad in (call(kind="lottery"), call(amount_min="100", amount_max="10"), call(countries=["FR"]),
                call(sectors=["catering"]), call(url="javascript:alert(1)"), call(min_employees=10, max_employees=2)):
        response = await client.post(URL, json=bad, headers=admin_headers)
        assert response.status_code == 422, bad
    assert await count_rows(session, "funding_calls") == before


async def test_members_get_a_weekly_digest_of_the_calls_they_may_apply_for(
        client: AsyncClient, session: AsyncSession, admin_headers: dict[str, str],
        sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    org = await _organisation(client, admin_headers, 2, email="funding-member@example.org")
    assert (await client.post("/api/v1/members", json={"organisation": org["id"]},
                              headers=admin_headers)).status_code == 201
    await _publish(client, admin_headers, title="Test call for Romanian bakeries", countries=["RO"], sectors=["10"])
    await _publish(client, admin_headers, title="Test call for Ukrainian NGOs", countries=["UA"], kinds=["ngo"])
    await session.commit()

    now = datetime.now(UTC) + timedelta(minutes=1)
    outcome = await run_scheduled_job(sessionmaker, settings, "funding-digests", now=now)
    again = await send_funding_digests(sessionmaker, settings, now=now + timedelta(hours=2))

    assert count_in(outcome, "sent") >= 1 and again.sent == 0
    [message] = (await session.scalars(select(OutboxMessage).where(
        OutboxMessage.to_address == "funding-member@example.org"))).all()
    assert message.template == "funding_digest"
    assert "Test call for Romanian bakeries" in message.body_text
    assert "Ukrainian NGOs" not in message.body_text


async def test_an_access_to_funding_request_can_point_at_a_published_call(
        client: AsyncClient, admin_headers: dict[str, str]) -> None:
    org = await _organisation(client, admin_headers, 3)
    assert (await client.post("/api/v1/members", json={"organisation": org["id"]},
                              headers=admin_headers)).status_code == 201
    published = await _publish(client, admin_headers, title="Test call ESF+")
    draft = await _publish(client, admin_headers, title="Test call hidden", status="draft")
    request = {"service": "funding_access", "organisation_id": org["id"], "title": "Apply to ESF+",
               "description": "We need help with the application.",
               "contact": {"name": "Ana Pop", "email": "ana@example.org"}}

    filed = await client.post("/api/v1/service-requests", json=request | {"funding_call_id": published["id"]},
                              headers=admin_headers)
    assert filed.status_code == 201, filed.text
    assert filed.json()["funding_call_id"] == published["id"]
    hidden = await client.post("/api/v1/service-requests", json=request | {"funding_call_id": draft["id"]},
                               headers=admin_headers)
    wrong_service = await client.post("/api/v1/service-requests", headers=admin_headers,
                                      json=request | {"service": "advisory", "funding_call_id": published["id"]})
    assert (hidden.status_code, wrong_service.status_code) == (422, 422)
    assert hidden.json()["errors"][0]["pointer"] == "/funding_call_id"
