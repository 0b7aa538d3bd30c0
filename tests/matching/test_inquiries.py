"""Inquiries: stored, e-mailed to the enterprise through the outbox, followed up by it and admins."""

from typing import Any

from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.auth.models import Role
from api.config import Settings
from api.outbox.models import OutboxMessage
from api.outbox.worker import deliver_due
from tests.conftest import _token_headers, count_rows
from tests.matching.helpers import caterer, need
from tests.outbox.smtp_server import SmtpServer


def inquiry(enterprise_id: int, **overrides: Any) -> dict[str, Any]:
    return {"enterprise_id": enterprise_id, "buyer_name": "Ioana Popescu", "buyer_organisation": "Primăria Iași",
            "buyer_email": "buyer@example.org", "message": "Lunch for 200 people on 15 December, please quote.",
            "quantity": 200, "wanted_date": "2099-12-15"} | overrides


async def test_inquiry_reaches_the_enterprise_by_smtp_and_hides_its_address(
        client: AsyncClient, admin_headers: dict, session: AsyncSession,
        sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, smtp_server: SmtpServer) -> None:
    org = await caterer(client, admin_headers, "Iași", 21, email="orders@caterer.example")
    match = (await client.post("/api/v1/matches", json=need())).json()
    assert "orders@caterer.example" not in str(match)
    response = await client.post("/api/v1/inquiries", json=inquiry(org["id"], match_id=match["id"]))
    assert response.status_code == 201, response.text
    assert response.json()["emailed"] is True and response.json()["status"] == "open"
    assert "orders@caterer.example" not in response.text
    queued = (await session.scalars(select(OutboxMessage).where(OutboxMessage.to_address == "orders@caterer.example")))
    assert len(queued.all()) == 1

    config = settings.model_copy(update={"smtp_port": smtp_server.port, "mail_from": "Semap <no-reply@semap.test>"})
    report = await deliver_due(sessionmaker, config)
    assert report.sent >= 1
    [email] = smtp_server.inbox.to("orders@caterer.example")
    assert email["Reply-To"] == "buyer@example.org"
    assert "Lunch for 200 people" in email.get_body(preferencelist=("plain",)).get_content()
    assert "Lunch for 200 people" in email.get_body(preferencelist=("html",)).get_content()


async def test_bad_inquiries_change_nothing(client: AsyncClient, admin_headers: dict, session: AsyncSession) -> None:
    org = await caterer(client, admin_headers, "Iași", 22)
    other = await caterer(client, admin_headers, "Cluj-Napoca", 23)
    match = (await client.post("/api/v1/matches", json=need(max_distance_km=20))).json()
    before = (await count_rows(session, "inquiries"), await count_rows(session, "outbox_messages"))
    for body, pointer in [(inquiry(999_999_999), "/enterprise_id"),
                          (inquiry(other["id"], match_id=match["id"]), "/enterprise_id"),
                          (inquiry(org["id"], match_id="00000000-0000-4000-8000-000000000000"), "/match_id"),
                          (inquiry(org["id"], buyer_email="not-an-address"), "/buyer_email"),
                          (inquiry(org["id"], wanted_date="2001-01-01"), "/wanted_date")]:
        response = await client.post("/api/v1/inquiries", json=body)
        assert response.status_code == 422, response.text
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["errors"][0]["pointer"] == pointer
    assert (await count_rows(session, "inquiries"), await count_rows(session, "outbox_messages")) == before


async def test_member_and_admin_follow_up_with_if_match(client: AsyncClient, admin_headers: dict,
                                                        session: AsyncSession) -> None:
    org = await caterer(client, admin_headers, "Iași", 24)
    other = await caterer(client, admin_headers, "Iași", 25)
    sent = (await client.post("/api/v1/inquiries", json=inquiry(org["id"]))).json()
    await client.post("/api/v1/inquiries", json=inquiry(other["id"]))
    member = await _token_headers(session, Role.member, organisation_id=org["id"])
    stranger = await _token_headers(session, Role.member, organisation_id=other["id"])
    integration = await _token_headers(session, Role.integration)

    listed = (await client.get("/api/v1/inquiries", headers=member)).json()["items"]
    assert [i["id"] for i in listed] == [sent["id"]] and listed[0]["buyer_email"] == "buyer@example.org"
    assert (await client.get(f"/api/v1/inquiries/{sent['id']}", headers=stranger)).status_code == 404
    assert (await client.get("/api/v1/inquiries", headers=integration)).status_code == 403
    assert (await client.get("/api/v1/inquiries")).status_code == 401

    read = await client.get(f"/api/v1/inquiries/{sent['id']}", headers=member)
    stale = await client.patch(f"/api/v1/inquiries/{sent['id']}", json={"status": "won"},
                               headers={**member, "If-Match": '"stale"'})
    assert stale.status_code == 412
    assert (await client.patch(f"/api/v1/inquiries/{sent['id']}", json={"status": "won"},
                               headers=member)).status_code == 428
    won = await client.patch(f"/api/v1/inquiries/{sent['id']}", json={"status": "won"},
                             headers={**member, "If-Match": read.headers["etag"]})
    assert won.status_code == 200 and won.json()["status"] == "won" and won.headers["etag"] != read.headers["etag"]
    bad = await client.patch(f"/api/v1/inquiries/{sent['id']}", json={"status": "maybe"},
                             headers={**admin_headers, "If-Match": won.headers["etag"]})
    assert bad.status_code == 422
    everything = (await client.get("/api/v1/inquiries", params={"status": "won"}, headers=admin_headers)).json()
    assert sent["id"] in [i["id"] for i in everything["items"]]


async def test_stats_count_inquiries_and_wins_per_enterprise_and_month(client: AsyncClient, admin_headers: dict,
                                                                       session: AsyncSession) -> None:
    org = await caterer(client, admin_headers, "Iași", 26)
    first = (await client.post("/api/v1/inquiries", json=inquiry(org["id"]))).json()
    await client.post("/api/v1/inquiries", json=inquiry(org["id"], message="A second request for a quote."))
    etag = (await client.get(f"/api/v1/inquiries/{first['id']}", headers=admin_headers)).headers["etag"]
    await client.patch(f"/api/v1/inquiries/{first['id']}", json={"status": "won"},
                       headers={**admin_headers, "If-Match": etag})
    member = await _token_headers(session, Role.member, organisation_id=org["id"])
    stats = (await client.get("/api/v1/inquiries/stats", headers=member)).json()
    assert (stats["inquiries"], stats["won"]) == (2, 1)
    assert stats["by_enterprise"] == [{"enterprise": {"id": org["id"], "slug": org["slug"], "name": org["name"]},
                                       "inquiries": 2, "won": 1}]
    assert len(stats["by_month"]) == 1 and stats["by_month"][0]["inquiries"] == 2
    everyone = (await client.get("/api/v1/inquiries/stats", headers=admin_headers)).json()
    assert everyone["inquiries"] >= 2
