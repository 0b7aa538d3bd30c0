"""Saved needs: confirmed once by a single-use link, then the buyer hears of enterprises new to the results."""

import re
from datetime import UTC, datetime
from typing import Any

from httpx import AsyncClient
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.config import Settings
from api.links.service import hash_token
from api.outbox.models import OutboxMessage
from api.saved_needs.service import notify_saved_needs
from tests.conftest import count_rows
from tests.matching.helpers import caterer, verified_evidence
from tests.worker.run import count_in, run_scheduled_job

URL = "/api/v1/saved-needs"
BUYER = "buyer-saved@example.org"


def _body(**need: Any) -> dict[str, Any]:
    return {"email": BUYER, "label": "Catering Iași", "language": "ro",
            "need": {"cpv_codes": ["55520000"], "town": {"name": "Iași", "country": "RO"}, "countries": ["RO"],
                     "max_distance_km": 50, "limit": 50} | need}


async def _messages(session: AsyncSession, template: str) -> list[OutboxMessage]:
    return list((await session.scalars(select(OutboxMessage).where(OutboxMessage.to_address == BUYER,
                                                                   OutboxMessage.template == template)
                                      .order_by(OutboxMessage.id))).all())


def _token(message: OutboxMessage, path: str) -> str:
    found = re.search(rf"{path}\?token=([\w-]+)", message.body_text)
    assert found, message.body_text
    return found.group(1)


async def _saved_and_confirmed(client: AsyncClient, session: AsyncSession, **need: Any) -> dict[str, Any]:
    assert (await client.post(URL, json=_body(**need))).status_code == 202
    [confirmation] = await _messages(session, "saved_need_confirm")
    # The e-mail links to the SPA's page, which confirms only when the buyer presses its button.
    assert "/api/v1/" not in confirmation.body_text
    token = _token(confirmation, "/saved-needs/confirm")
    confirmed = await client.post(f"{URL}/confirm", json={"token": token})
    assert confirmed.status_code == 200, confirmed.text
    # The link is single-use and stored only as its hash.
    assert (await client.post(f"{URL}/confirm", json={"token": token})).status_code == 410
    assert (await client.get(f"{URL}/confirm", params={"token": token})).status_code == 410
    assert await session.scalar(text("SELECT count(*) FROM one_time_links WHERE token_hash = :h"),
                                {"h": hash_token(token)}) == 1
    assert await session.scalar(text("SELECT count(*) FROM one_time_links WHERE token_hash = :t"), {"t": token}) == 0
    return confirmed.json()


async def test_a_new_matching_enterprise_is_notified_once(
        client: AsyncClient, session: AsyncSession, admin_headers: dict[str, str],
        sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    await caterer(client, admin_headers, "Iași", 11)
    await session.commit()
    state = await _saved_and_confirmed(client, session)
    assert state["status"] == "active" and state["known_enterprises"] >= 1

    quiet = await notify_saved_needs(sessionmaker, settings, now=datetime.now(UTC))
    assert quiet.notified == 0 and await _messages(session, "saved_need_news") == []

    newcomer = await caterer(client, admin_headers, "Iași", 12, name="Bucătăria Nouă Iași")
    await session.commit()
    told = await notify_saved_needs(sessionmaker, settings, now=datetime.now(UTC))
    again = await notify_saved_needs(sessionmaker, settings, now=datetime.now(UTC))

    assert told.notified == 1 and again.notified == 0
    [news] = await _messages(session, "saved_need_news")
    assert "Bucătăria Nouă Iași" in news.body_text and f"/enterprises/{newcomer['slug']}" in news.body_text
    assert news.language == "ro" and news.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    stop = _token(news, "/saved-needs/stop")
    assert "/api/v1/" not in news.body_text  # the page, with a button; mail clients' one-click uses the header
    assert news.headers["List-Unsubscribe"].endswith(f"/api/v1/saved-needs/stop?token={stop}>")
    stopped = await client.post(f"{URL}/stop", params={"token": stop})
    assert stopped.status_code == 200 and stopped.json()["status"] == "unsubscribed"
    await caterer(client, admin_headers, "Iași", 13)
    await session.commit()
    assert (await notify_saved_needs(sessionmaker, settings, now=datetime.now(UTC))).notified == 0


async def test_the_worker_tells_of_an_enterprise_that_newly_qualifies_for_a_reserved_need(
        client: AsyncClient, session: AsyncSession, admin_headers: dict[str, str],
        sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    # Published before the need is saved, but not eligible for reserved contracts: not a match yet.
    supplier = await caterer(client, admin_headers, "Iași", 15, name="Atelier Protejat Iași")
    await session.commit()
    await _saved_and_confirmed(client, session, reserved_only=True)

    await verified_evidence(client, admin_headers, admin_headers, supplier["id"])
    await session.commit()
    now = datetime.now(UTC)
    outcome = await run_scheduled_job(sessionmaker, settings, "saved-needs", now=now)

    assert count_in(outcome, "notified") >= 1
    [news] = await _messages(session, "saved_need_news")
    assert "Atelier Protejat Iași" in news.body_text


async def test_an_unconfirmed_need_is_never_matched_again(
        client: AsyncClient, session: AsyncSession, admin_headers: dict[str, str],
        sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    assert (await client.post(URL, json=_body())).status_code == 202
    await caterer(client, admin_headers, "Iași", 14)
    await session.commit()
    await notify_saved_needs(sessionmaker, settings, now=datetime.now(UTC))
    assert await _messages(session, "saved_need_news") == []


async def test_a_need_that_cannot_be_matched_is_refused_and_nothing_is_stored(
        client: AsyncClient, session: AsyncSession) -> None:
    before = (await count_rows(session, "saved_needs"), await count_rows(session, "outbox_messages"))
    nowhere = await client.post(URL, json=_body(town={"name": "Atlantis"}))
    no_email = await client.post(URL, json={**_body(), "email": "not-an-address"})
    assert (nowhere.status_code, no_email.status_code) == (422, 422)
    assert nowhere.json()["errors"][0]["pointer"] == "/town/name"
    assert (await count_rows(session, "saved_needs"), await count_rows(session, "outbox_messages")) == before


async def test_an_unknown_link_is_a_404(client: AsyncClient) -> None:
    response = await client.post(f"{URL}/confirm", json={"token": "x" * 43})
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert (await client.get(f"{URL}/confirm", params={"token": "x" * 43})).status_code == 404
    assert (await client.post(f"{URL}/confirm", json={"token": "short"})).status_code == 422


async def test_an_earlier_e_mails_link_still_confirms(client: AsyncClient, session: AsyncSession) -> None:
    assert (await client.post(URL, json=_body())).status_code == 202
    [confirmation] = await _messages(session, "saved_need_confirm")
    confirmed = await client.get(f"{URL}/confirm", params={"token": _token(confirmation, "/saved-needs/confirm")})
    assert confirmed.status_code == 200 and confirmed.json()["status"] == "active"
