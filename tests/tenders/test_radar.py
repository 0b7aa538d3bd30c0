"""Lots matched with the buyer-match's scoring, the public list and page, and the members' weekly digest."""

from datetime import UTC, datetime, timedelta
from typing import Any

from httpx import AsyncClient
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.config import Settings
from api.outbox.models import OutboxMessage
from api.pagination import decode_cursor, encode_cursor
from api.tenders.digests import send_tender_digests
from api.tenders.service import import_package
from tests.matching.helpers import caterer, verified_evidence
from tests.tenders.helpers import open_package
from tests.worker.run import count_in, run_scheduled_job

URL = "/api/v1/tenders"
RO = "ocds-semap0-RO-CN1071234"


async def _ro_tender(client: AsyncClient, session: AsyncSession) -> dict[str, Any]:
    await import_package(session, open_package("ro-release-package.json"), source="test")
    await session.commit()
    listed = (await client.get(URL, params={"country": "RO", "limit": 200})).json()["items"]
    return next(t for t in listed if t["ocid"] == RO)


async def test_an_open_lot_lists_the_enterprises_the_buyer_match_ranks_first(
        client: AsyncClient, session: AsyncSession, admin_headers: dict[str, str]) -> None:
    near = await caterer(client, admin_headers, "Cluj-Napoca", 1)
    far = await caterer(client, admin_headers, "Iași", 2)
    for eligible in (near, far):  # the reserved lot asks for verified evidence under Romanian law
        await verified_evidence(client, admin_headers, admin_headers, eligible["id"])
    await session.commit()

    tender = await _ro_tender(client, session)

    catering = next(lot for lot in tender["lots"] if lot["lot_key"] == "1")
    ranked = [m["enterprise_id"] for m in catering["matches"]]
    assert near["id"] in ranked and ranked.index(near["id"]) < (ranked.index(far["id"]) if far["id"] in ranked
                                                               else len(ranked))
    assert catering["matches"][0]["score"] >= catering["matches"][-1]["score"]
    assert len(ranked) <= 5


async def test_a_reserved_lot_lists_only_enterprises_eligible_for_reserved_contracts(
        client: AsyncClient, session: AsyncSession, admin_headers: dict[str, str]) -> None:
    not_eligible = await caterer(client, admin_headers, "Cluj-Napoca", 3)
    await session.commit()

    tender = await _ro_tender(client, session)

    catering = next(lot for lot in tender["lots"] if lot["lot_key"] == "1")
    assert catering["reserved"] is True
    assert not_eligible["id"] not in [m["enterprise_id"] for m in catering["matches"]]


async def test_the_list_filters_by_cpv_region_reserved_and_openness(client: AsyncClient, session: AsyncSession) -> None:
    await import_package(session, open_package("ro-release-package.json"), source="test")
    await import_package(session, open_package("ua-release-package.json", days=-2), source="test")
    await session.commit()

    async def ocids(**params: Any) -> set[str]:
        response = await client.get(URL, params={"limit": 200, **params})
        assert response.status_code == 200, response.text
        return {t["ocid"] for t in response.json()["items"] if t["ocid"].startswith("ocds-semap0-")}

    ua = "ocds-semap0-UA-2026-11-20-000123-a"
    assert await ocids(cpv="55520000-1") == {RO}
    assert await ocids(cpv="55500000") == {RO}  # a group finds the codes under it
    assert await ocids(cpv="18110000") == {ua}
    assert await ocids(region="UA-46") == {ua}
    assert await ocids(reserved="true") == {RO}
    assert await ocids(open="true") == {RO}
    assert await ocids(open="false") == {ua}
    assert await ocids(country="UA") == {ua}
    soon = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    assert await ocids(deadline_before=soon) == {ua}
    assert await ocids(deadline_after=soon) == {RO}


async def test_the_list_pages_by_deadline_with_a_cursor(client: AsyncClient, session: AsyncSession) -> None:
    await import_package(session, open_package("ro-release-package.json", days=10), source="test")
    await import_package(session, open_package("md-record-package.json", days=5), source="test")
    await session.commit()

    first = (await client.get(URL, params={"limit": 1, "open": "true"})).json()
    seen = [first["items"][0]["deadline"]]
    cursor = first["next_cursor"]
    while cursor:
        page = (await client.get(URL, params={"limit": 1, "open": "true", "cursor": cursor})).json()
        seen += [t["deadline"] for t in page["items"]]
        cursor = page["next_cursor"]
    assert seen == sorted(seen) and len(seen) >= 2


async def test_a_cursor_names_the_last_deadline_and_id_and_a_forged_one_is_a_400(
        client: AsyncClient, session: AsyncSession) -> None:
    await import_package(session, open_package("ro-release-package.json", days=10), source="test")
    await import_package(session, open_package("md-record-package.json", days=5), source="test")
    await session.commit()

    first = (await client.get(URL, params={"limit": 1})).json()
    key = decode_cursor(first["next_cursor"], {"deadline": str, "id": int})
    assert key["id"] == first["items"][0]["id"]
    assert datetime.fromisoformat(key["deadline"]) == datetime.fromisoformat(first["items"][0]["deadline"])
    # After an undated tender ("infinity") only undated ones with a higher id follow.
    undated = (await client.get(URL, params={"cursor": encode_cursor({"deadline": "infinity", "id": 0})})).json()
    assert all(t["deadline"] is None for t in undated["items"])
    forged = await client.get(URL, params={"cursor": encode_cursor({"deadline": "soon", "id": 1})})
    assert forged.status_code == 400 and forged.headers["content-type"] == "application/problem+json"


async def test_bad_filters_are_a_clear_4xx(client: AsyncClient) -> None:
    assert (await client.get(URL, params={"cpv": "catering"})).status_code == 422
    wrong_check_digit = await client.get(URL, params={"cpv": "55520000-2"})
    assert wrong_check_digit.status_code == 422 and "55520000-1" in wrong_check_digit.json()["detail"]
    assert (await client.get(URL, params={"cpv": "55520000-1"})).status_code == 200
    assert (await client.get(URL, params={"region": "Cluj"})).status_code == 422
    assert (await client.get(URL, params={"cursor": "garbage"})).status_code == 400
    missing = await client.get(f"{URL}/999999999")
    assert missing.status_code == 404 and missing.headers["content-type"] == "application/problem+json"


async def test_one_tender_links_to_the_buyers_notice(client: AsyncClient, session: AsyncSession) -> None:
    tender = await _ro_tender(client, session)

    response = await client.get(tender["url"])

    assert response.status_code == 200
    assert response.json()["notice_url"] == "https://www.e-licitatie.ro/pub/notices/contract-notices/list/2/1"
    assert response.json()["page"] == f"/tenders/{tender['id']}"


async def test_members_get_one_weekly_digest_of_their_tenders(
        client: AsyncClient, session: AsyncSession, admin_headers: dict[str, str],
        sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    member = await caterer(client, admin_headers, "Cluj-Napoca", 4,
                           email="tenders-member@example.org")
    await verified_evidence(client, admin_headers, admin_headers, member["id"])
    joined = await client.post("/api/v1/members", json={"organisation": member["id"]}, headers=admin_headers)
    assert joined.status_code == 201, joined.text
    await session.commit()
    tender = await _ro_tender(client, session)
    assert member["id"] in [m["enterprise_id"] for lot in tender["lots"] for m in lot["matches"]]
    mine = (await client.get(URL, params={"for_enterprise": member["id"]})).json()["items"]
    assert [t["ocid"] for t in mine] == [RO]

    now = datetime.now(UTC) + timedelta(minutes=1)
    outcome = await run_scheduled_job(sessionmaker, settings, "tender-digests", now=now)
    again = await send_tender_digests(sessionmaker, settings, now=now + timedelta(hours=1))

    assert count_in(outcome, "sent") >= 1 and again.sent == 0 and again.already >= 1
    [message] = (await session.scalars(select(OutboxMessage).where(
        OutboxMessage.to_address == "tenders-member@example.org"))).all()
    assert message.template == "tender_digest" and message.language == "ro"
    assert "Lotul 1: Servicii de catering" in message.body_text
    assert f"/tenders/{tender['id']}" in message.body_text
    week = await session.scalar(text("SELECT dedupe_key FROM outbox_messages WHERE id = :id"), {"id": message.id})
    assert week.startswith(f"tender-digest:{member['id']}:")


async def test_the_daily_rematch_finds_an_enterprise_that_qualified_after_the_import_and_the_digest_names_it_once(
        client: AsyncClient, session: AsyncSession, admin_headers: dict[str, str],
        sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    latecomer = await caterer(client, admin_headers, "Cluj-Napoca", 5, email="tenders-latecomer@example.org")
    assert (await client.post("/api/v1/members", json={"organisation": latecomer["id"]},
                              headers=admin_headers)).status_code == 201
    await session.commit()
    tender = await _ro_tender(client, session)
    reserved_lot = next(lot for lot in tender["lots"] if lot["lot_key"] == "1")
    assert latecomer["id"] not in [m["enterprise_id"] for m in reserved_lot["matches"]]

    # Its evidence is verified after the tender was imported; the buyer publishes no new release.
    await verified_evidence(client, admin_headers, admin_headers, latecomer["id"])
    await session.commit()
    now = datetime.now(UTC) + timedelta(minutes=1)
    outcome = await run_scheduled_job(sessionmaker, settings, "tender-matches", now=now)

    assert count_in(outcome, "open lots matched again") >= 1
    mine = (await client.get(URL, params={"for_enterprise": latecomer["id"]})).json()["items"]
    assert RO in [t["ocid"] for t in mine]
    digest = await send_tender_digests(sessionmaker, settings, now=now + timedelta(minutes=1))
    assert digest.sent >= 1
    # A week later the lot is still open and matched every morning, but it is not news to the enterprise.
    later = now + timedelta(days=8)
    await run_scheduled_job(sessionmaker, settings, "tender-matches", now=later)
    listed = (await client.get(URL, params={"for_enterprise": latecomer["id"]})).json()["items"]
    assert RO in [t["ocid"] for t in listed]
    await send_tender_digests(sessionmaker, settings, now=later + timedelta(minutes=1))
    messages = (await session.scalars(select(OutboxMessage).where(
        OutboxMessage.to_address == "tenders-latecomer@example.org"))).all()
    assert len(messages) == 1


async def test_the_daily_rematch_clears_a_lot_whose_tender_closed(
        client: AsyncClient, session: AsyncSession, sessionmaker: async_sessionmaker[AsyncSession],
        settings: Settings) -> None:
    await import_package(session, open_package("ua-release-package.json", days=-2), source="test")
    # As if it had been matched while open: the tender's deadline passed since.
    await session.execute(text("UPDATE tender_lots SET matches = '[{\"enterprise_id\": 1}]' WHERE tender_id = "
                               "(SELECT id FROM tenders WHERE ocid = 'ocds-semap0-UA-2026-11-20-000123-a')"))
    await session.commit()

    await run_scheduled_job(sessionmaker, settings, "tender-matches", now=datetime.now(UTC))

    left = await session.scalar(text("SELECT count(*) FROM tender_lots l JOIN tenders t ON t.id = l.tender_id "
                                     "WHERE t.ocid = 'ocds-semap0-UA-2026-11-20-000123-a' AND l.matches <> '[]'"))
    assert left == 0
