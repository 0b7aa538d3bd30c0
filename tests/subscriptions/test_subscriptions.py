"""Subscriptions: double opt-in, one digest per period listing the area's changes, one-click unsubscribe."""

import re
from datetime import UTC, datetime, timedelta
from typing import Any

from httpx import AsyncClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.config import Settings
from api.subscriptions.digests import send_digests
from tests.conftest import enterprise_body
from tests.outbox.smtp_server import SmtpServer
from tests.trust_helpers import body_of, deliver, link_token

URL = "/api/v1/subscriptions"
READER = "reader@example.org"


async def _subscribe(client: AsyncClient, session: AsyncSession, sessionmaker: Any, settings: Settings,
                     smtp: SmtpServer, **area: Any) -> None:
    response = await client.post(URL, json={"email": READER, "frequency": "daily", **area})
    assert response.status_code == 202, response.text
    await deliver(sessionmaker, settings, smtp)
    [confirmation] = smtp.inbox.to(READER)
    assert (await client.get(f"{URL}/confirm", params={"token": link_token(confirmation)})).status_code == 200
    # The test's transaction started before the confirmation: count changes from that moment.
    await session.execute(text("UPDATE subscriptions SET last_digest_at = now() - interval '1 microsecond'"))
    await session.commit()
    smtp.inbox.messages.clear()


async def test_a_digest_is_sent_once_per_period_with_the_areas_changes(
        client: AsyncClient, session: AsyncSession, admin_headers: dict[str, str], enterprise: dict[str, Any],
        sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, smtp_server: SmtpServer) -> None:
    await _subscribe(client, session, sessionmaker, settings, smtp_server, region="RO-CJ")
    far = enterprise_body(name="Cooperativa din Iași", registration_code="RO77700001",
                          location={"type": "Point", "coordinates": [27.5766, 47.1585]})
    assert (await client.post("/api/v1/enterprises", json=far, headers=admin_headers)).status_code == 201
    now = datetime.now(UTC) + timedelta(minutes=1)

    first = await send_digests(sessionmaker, settings, now=now)
    again = await send_digests(sessionmaker, settings, now=now + timedelta(hours=1))

    assert (first.sent, again.sent, again.already) == (1, 0, 1)
    assert await deliver(sessionmaker, settings, smtp_server) == 1
    [digest] = smtp_server.inbox.to(READER)
    text_body = body_of(digest)
    assert "Brutăria de Test Cluj" in text_body and "Iași" not in text_body
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert re.match(r"^<.*/api/v1/subscriptions/unsubscribe\?token=[\w-]+>$", digest["List-Unsubscribe"])
    # Absolute links from the one helper (PUBLIC_BASE_URL; this server in development), in both parts.
    unsubscribe = digest["List-Unsubscribe"].strip("<>")
    assert unsubscribe.startswith(f"{settings.base_url}/api/v1/subscriptions/unsubscribe?token=")
    html_body = digest.get_body(preferencelist=("html",)).get_content()
    assert unsubscribe.replace("&", "&amp;") in html_body or unsubscribe in html_body
    assert f"{settings.base_url}/enterprises/" in html_body
    # The next day has nothing new: no e-mail, never one per change.
    assert (await send_digests(sessionmaker, settings, now=now + timedelta(days=1))).empty == 1


async def test_one_click_unsubscribe_stops_digests_and_its_link_works_once(
        client: AsyncClient, session: AsyncSession, enterprise: dict[str, Any],
        sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, smtp_server: SmtpServer) -> None:
    await _subscribe(client, session, sessionmaker, settings, smtp_server, lat=46.77, lon=23.62, radius_km=5)
    await send_digests(sessionmaker, settings, now=datetime.now(UTC) + timedelta(minutes=1))
    await deliver(sessionmaker, settings, smtp_server)
    [digest] = smtp_server.inbox.to(READER)
    unsubscribe_url = digest["List-Unsubscribe"].strip("<>")
    path = unsubscribe_url[unsubscribe_url.index("/api/"):]

    response = await client.post(path, content="List-Unsubscribe=One-Click",
                                 headers={"Content-Type": "application/x-www-form-urlencoded"})

    assert response.status_code == 200, response.text
    assert (await client.post(path, content="List-Unsubscribe=One-Click",
                              headers={"Content-Type": "application/x-www-form-urlencoded"})).status_code == 410
    status = await session.scalar(text("SELECT status FROM subscriptions WHERE email = :e"), {"e": READER})
    assert status == "unsubscribed"
    later = await send_digests(sessionmaker, settings, now=datetime.now(UTC) + timedelta(days=8))
    assert (later.sent, later.empty) == (0, 0)


async def test_nothing_is_sent_before_the_double_opt_in(
        client: AsyncClient, session: AsyncSession, enterprise: dict[str, Any],
        sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, smtp_server: SmtpServer) -> None:
    await client.post(URL, json={"email": READER, "bbox": [23.5, 46.7, 23.7, 46.8], "frequency": "weekly"})
    report = await send_digests(sessionmaker, settings, now=datetime.now(UTC) + timedelta(minutes=1))
    assert report.sent == 0
    await deliver(sessionmaker, settings, smtp_server)
    [confirmation] = smtp_server.inbox.to(READER)
    await session.execute(text("UPDATE one_time_links SET expires_at = now() - interval '1 second'"))
    await session.commit()
    expired = await client.get(f"{URL}/confirm", params={"token": link_token(confirmation)})
    assert expired.status_code == 410


async def test_bad_subscriptions_are_refused_and_store_nothing(client: AsyncClient, session: AsyncSession) -> None:
    before = await session.scalar(text("SELECT count(*) FROM subscriptions"))
    bad = [{"email": READER}, {"email": READER, "region": "RO-CJ", "bbox": [1, 2, 3, 4]},
           {"email": READER, "lat": 46.7, "lon": 23.6}, {"email": READER, "bbox": [24, 46, 23, 47]},
           {"email": READER, "region": "RO-ZZ"}, {"email": "nope", "region": "RO-CJ"},
           {"email": READER, "region": "RO-CJ", "impact": ["unknown_impact"]},
           {"email": READER, "region": "RO-CJ", "frequency": "hourly"}]
    for body in bad:
        response = await client.post(URL, json=body)
        assert response.status_code == 422, body
        assert response.headers["content-type"] == "application/problem+json"
    assert await session.scalar(text("SELECT count(*) FROM subscriptions")) == before
