"""Inquiry outcomes recorded by the enterprise, and the social spend in the statistics and on the cluster page."""

from typing import Any

from httpx import AsyncClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth import service as auth_service
from api.auth.models import Role
from tests.conftest import count_rows
from tests.matching.helpers import caterer


async def _member_headers(session: AsyncSession, organisation_id: int) -> dict[str, str]:
    _, plaintext = await auth_service.create_token(session, name="member", role=Role.member,
                                                   organisation_id=organisation_id)
    await session.commit()
    return {"Authorization": f"Bearer {plaintext}"}


async def _inquiry(client: AsyncClient, enterprise_id: int) -> dict[str, Any]:
    response = await client.post("/api/v1/inquiries", json={
        "enterprise_id": enterprise_id, "buyer_name": "Ana Buyer", "buyer_email": "ana.buyer@example.org",
        "message": "Could you cater for 40 people on 12 January?"})
    assert response.status_code == 201, response.text
    return response.json()


async def _joined(client: AsyncClient, admin_headers: dict[str, str], n: int) -> dict[str, Any]:
    org = await caterer(client, admin_headers, "Cluj-Napoca", n)
    response = await client.post("/api/v1/members", json={"organisation": org["id"]}, headers=admin_headers)
    assert response.status_code == 201, response.text
    return org


async def test_the_enterprise_records_a_win_and_it_counts_as_social_spend(
        client: AsyncClient, session: AsyncSession, admin_headers: dict[str, str]) -> None:
    org = await _joined(client, admin_headers, 21)
    member = await _member_headers(session, org["id"])
    before = (await client.get("/api/v1/stats", headers=admin_headers)).json()["sections"]["social_spend"]
    won, quoted = await _inquiry(client, org["id"]), await _inquiry(client, org["id"])

    first = await client.put(f"/api/v1/inquiries/{won['id']}/outcome", headers=member,
                             json={"outcome": "quoted"})
    assert first.status_code == 200, first.text
    stale = await client.put(f"/api/v1/inquiries/{won['id']}/outcome", headers=member,
                             json={"outcome": "won", "value": "1500.00", "currency": "RON"})
    assert stale.status_code == 428
    upgraded = await client.put(f"/api/v1/inquiries/{won['id']}/outcome",
                                headers={**member, "If-Match": first.headers["ETag"]},
                                json={"outcome": "won", "value": "1500.00", "currency": "RON"})
    assert upgraded.status_code == 200 and upgraded.json()["value"] == "1500.00"
    assert (await client.put(f"/api/v1/inquiries/{quoted['id']}/outcome", headers=member,
                             json={"outcome": "quoted"})).status_code == 200

    after = (await client.get("/api/v1/stats", headers=admin_headers)).json()["sections"]["social_spend"]
    assert after["won"] == before["won"] + 1 and after["quoted"] == before["quoted"] + 1
    ron = {row["currency"]: row for row in after["by_currency"]}["RON"]
    old_ron = {row["currency"]: row for row in before["by_currency"]}.get("RON", {"value": "0", "contracts": 0})
    assert float(ron["value"]) - float(old_ron["value"]) == 1500.0
    assert ron["contracts"] == old_ron["contracts"] + 1

    # The buyer is told of the win and of what it has bought through the map so far, in the enterprise's language.
    told = (await session.execute(text("SELECT language, body_text FROM outbox_messages WHERE template = 'buyer_spend' "
                                       "AND dedupe_key LIKE :key"), {"key": f"buyer-spend:{won['id']}:%"})).all()
    assert len(told) == 1 and told[0].language == "ro"
    assert f"#{won['id']}" in told[0].body_text and "1500.00 RON" in told[0].body_text
    same_again = await client.put(f"/api/v1/inquiries/{won['id']}/outcome",
                                  headers={**member, "If-Match": upgraded.headers["ETag"]},
                                  json={"outcome": "won", "value": "1500.00", "currency": "RON"})
    assert same_again.status_code == 200
    assert await session.scalar(text("SELECT count(*) FROM outbox_messages WHERE template = 'buyer_spend' "
                                     "AND to_address = 'ana.buyer@example.org'")) == 1

    slug = await session.scalar(text("SELECT c.slug FROM clusters c JOIN memberships m ON m.cluster_id = c.id "
                                     "WHERE m.organisation_id = :id"), {"id": org["id"]})
    page = (await client.get(f"/api/v1/clusters/{slug}")).json()
    assert page["social_spend"]["won"] >= 1
    assert any(row["currency"] == "RON" for row in page["social_spend"]["by_currency"])


async def test_a_bad_outcome_changes_nothing(client: AsyncClient, session: AsyncSession,
                                             admin_headers: dict[str, str]) -> None:
    org = await _joined(client, admin_headers, 22)
    member = await _member_headers(session, org["id"])
    inquiry = await _inquiry(client, org["id"])
    before = await count_rows(session, "inquiry_outcomes")
    url = f"/api/v1/inquiries/{inquiry['id']}/outcome"

    assert (await client.put(url, headers=member, json={"outcome": "won"})).status_code == 422
    assert (await client.put(url, headers=member, json={"outcome": "declined", "value": "10",
                                                        "currency": "EUR"})).status_code == 422
    assert (await client.put(url, headers=member, json={"outcome": "won", "value": "10",
                                                        "currency": "USD"})).status_code == 422
    other = await _member_headers(session, (await _joined(client, admin_headers, 23))["id"])
    assert (await client.put(url, headers=other, json={"outcome": "quoted"})).status_code == 404
    assert (await client.put(url, json={"outcome": "quoted"})).status_code == 401
    assert await count_rows(session, "inquiry_outcomes") == before
