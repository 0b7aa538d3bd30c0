"""Webhooks: integration tokens subscribe; changes queue signed deliveries in their own transaction; the job
delivers them to a local receiver, retries with backoff and disables a subscription that keeps failing."""

import hashlib
import hmac
import json
import time
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from httpx import ASGITransport, AsyncClient
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker
from typer.testing import CliRunner

from api.auth.models import Role
from api.cli import app as cli
from api.config import Settings, get_settings
from api.main import create_app
from api.webhooks.delivery import deliver_webhooks
from api.webhooks.models import WebhookDelivery
from api.webhooks.signing import verify
from tests.conftest import _token_headers, enterprise_body, wire_app
from tests.webhooks.conftest import Receiver

URL = "/api/v1/webhooks"


@pytest.fixture
async def now(connection: AsyncConnection) -> datetime:
    """The job's clock: the test transaction's now(), which every row queued in it gets as next_attempt_at."""
    return await connection.scalar(text("SELECT now()"))


@pytest.fixture
def hook_settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"webhooks_allow_loopback_http": True, "webhook_backoff_seconds": 30,
                                       "webhook_max_attempts": 5, "webhook_disable_after_failures": 3})


@pytest.fixture
async def api(hook_settings: Settings, engine: AsyncEngine,
              sessionmaker: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncClient]:
    application = wire_app(create_app(hook_settings), engine, sessionmaker)
    async with AsyncClient(transport=ASGITransport(app=application, raise_app_exceptions=False),
                           base_url="http://test") as client:
        yield client


async def subscribe(api: AsyncClient, headers: dict[str, str], url: str, *events: str) -> dict[str, Any]:
    response = await api.post(URL, json={"url": url, "events": list(events)}, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def test_a_change_reaches_the_receiver_signed(now: datetime, api: AsyncClient, receiver: Receiver,
                                                     sessionmaker: async_sessionmaker[AsyncSession],
                                                     admin_headers: dict[str, str], integration_headers: dict[str, str],
                                                     hook_settings: Settings) -> None:
    subscription = await subscribe(api, integration_headers, receiver.url, "enterprise.published",
                                   "enterprise.updated")
    assert subscription["secret"].startswith("whsec_") and subscription["active"]
    created = (await api.post("/api/v1/enterprises", json=enterprise_body(), headers=admin_headers)).json()
    etag = (await api.get(f"/api/v1/enterprises/{created['id']}")).headers["etag"]
    patched = await api.patch(f"/api/v1/enterprises/{created['id']}", json={"employees_total": 12},
                              headers={**admin_headers, "If-Match": etag})
    assert patched.status_code == 200
    archived = await api.delete(f"/api/v1/enterprises/{created['id']}", headers=admin_headers)
    assert archived.status_code == 204  # enterprise.archived: not subscribed to, so not queued

    run = await deliver_webhooks(sessionmaker, hook_settings, now)
    assert (run.delivered, run.retrying, run.failed) == (2, 0, 0)
    assert [r.headers["semap-event"] for r in receiver.received] == ["enterprise.published", "enterprise.updated"]
    for received in receiver.received:
        assert verify(subscription["secret"], received.headers["semap-signature"], received.body, now=int(time.time()))
        # The documented recipe, by hand: HMAC-SHA256 over "<t>.<body>".
        fields = dict(part.split("=", 1) for part in received.headers["semap-signature"].split(","))
        expected = hmac.new(subscription["secret"].encode(), f"{fields['t']}.".encode() + received.body,
                            hashlib.sha256).hexdigest()
        assert hmac.compare_digest(fields["v1"], expected)
        assert not verify("whsec_wrong", received.headers["semap-signature"], received.body, now=int(time.time()))
        assert not verify(subscription["secret"], received.headers["semap-signature"], received.body + b" ",
                          now=int(time.time()))
    body = json.loads(receiver.received[0].body)
    assert body["event"] == "enterprise.published" and body["id"] == int(receiver.received[0].headers["semap-delivery"])
    assert body["data"]["slug"] == created["slug"] and body["data"]["links"]["page"] == f"/e/{created['slug']}"
    assert "email" not in body["data"] and "contact_person" not in body["data"]

    listed = (await api.get(f"{URL}/{subscription['id']}/deliveries", headers=integration_headers)).json()
    assert [(d["event"], d["status"], d["last_status_code"]) for d in listed["items"]] == [
        ("enterprise.updated", "delivered", 204), ("enterprise.published", "delivered", 204)]
    mine = (await api.get(URL, headers=integration_headers)).json()
    assert mine[0]["last_status"] == "204" and mine[0]["failure_count"] == 0
    again = await deliver_webhooks(sessionmaker, hook_settings, now + timedelta(hours=1))
    assert again.delivered == 0 and len(receiver.received) == 2


async def test_nothing_is_queued_when_the_write_fails(api: AsyncClient, receiver: Receiver, session: AsyncSession,
                                                      admin_headers: dict[str, str],
                                                      integration_headers: dict[str, str]) -> None:
    await subscribe(api, integration_headers, receiver.url, "enterprise.updated")
    created = (await api.post("/api/v1/enterprises", json=enterprise_body(), headers=admin_headers)).json()
    queued = await session.scalar(text("SELECT count(*) FROM webhook_deliveries"))
    etag = (await api.get(f"/api/v1/enterprises/{created['id']}")).headers["etag"]
    refused = await api.patch(f"/api/v1/enterprises/{created['id']}", json={"employees_vulnerable": 99},
                              headers={**admin_headers, "If-Match": etag})
    assert refused.status_code == 422
    stale = await api.patch(f"/api/v1/enterprises/{created['id']}", json={"employees_total": 3},
                            headers={**admin_headers, "If-Match": '"stale"'})
    assert stale.status_code == 412
    assert await session.scalar(text("SELECT count(*) FROM webhook_deliveries")) == queued


async def test_failures_are_retried_with_backoff(now: datetime, api: AsyncClient, receiver: Receiver,
                                                 sessionmaker: async_sessionmaker[AsyncSession], session: AsyncSession,
                                                 admin_headers: dict[str, str], integration_headers: dict[str, str],
                                                 hook_settings: Settings) -> None:
    receiver.statuses = [500, 503, 200]
    subscription = await subscribe(api, integration_headers, receiver.url, "enterprise.published")
    await api.post("/api/v1/enterprises", json=enterprise_body(), headers=admin_headers)

    first = await deliver_webhooks(sessionmaker, hook_settings, now)
    assert (first.delivered, first.retrying) == (0, 1)
    delivery = await session.scalar(select(WebhookDelivery).where(
        WebhookDelivery.subscription_id == subscription["id"]).execution_options(populate_existing=True))
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("pending", 1, 500)
    assert delivery.next_attempt_at == now + timedelta(seconds=30)
    early = await deliver_webhooks(sessionmaker, hook_settings, now + timedelta(seconds=29))
    assert early.retrying == 0 and len(receiver.received) == 1
    second = await deliver_webhooks(sessionmaker, hook_settings, now + timedelta(seconds=30))
    assert second.retrying == 1
    await session.refresh(delivery)
    assert delivery.next_attempt_at == now + timedelta(seconds=30 + 60)  # doubled
    third = await deliver_webhooks(sessionmaker, hook_settings, now + timedelta(seconds=90))
    assert third.delivered == 1 and len(receiver.received) == 3
    await session.refresh(delivery)
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("delivered", 3, 200)
    # Every attempt of one delivery carries the same id, so the receiver can drop repeats.
    assert len({r.headers["semap-delivery"] for r in receiver.received}) == 1


async def test_a_subscription_that_keeps_failing_is_disabled(now: datetime,
        api: AsyncClient, receiver: Receiver, sessionmaker: async_sessionmaker[AsyncSession],
        admin_headers: dict[str, str], integration_headers: dict[str, str], hook_settings: Settings) -> None:
    receiver.statuses = [503]
    subscription = await subscribe(api, integration_headers, receiver.url, "enterprise.published")
    await api.post("/api/v1/enterprises", json=enterprise_body(), headers=admin_headers)
    moment = now
    for _ in range(3):
        run = await deliver_webhooks(sessionmaker, hook_settings, moment)
        moment += timedelta(hours=1)
    assert run.disabled_subscriptions == [subscription["id"]]
    current = await api.get(f"{URL}/{subscription['id']}", headers=integration_headers)
    assert current.json()["active"] is False and "3 failed attempts" in current.json()["disabled_reason"]
    quiet = await deliver_webhooks(sessionmaker, hook_settings, moment + timedelta(days=1))
    assert quiet.retrying == 0 and len(receiver.received) == 3
    # Re-enabled: the waiting delivery goes out.
    receiver.statuses = [200]
    enabled = await api.patch(f"{URL}/{subscription['id']}", json={"active": True},
                              headers={**integration_headers, "If-Match": current.headers["etag"]})
    assert enabled.status_code == 200 and enabled.json()["failure_count"] == 0
    resumed = await deliver_webhooks(sessionmaker, hook_settings, moment + timedelta(days=2))
    assert resumed.delivered == 1 and len(receiver.received) == 4


async def test_an_answered_inquiry_is_told_to_the_token_that_sent_it(now: datetime,
        api: AsyncClient, receiver: Receiver, sessionmaker: async_sessionmaker[AsyncSession], session: AsyncSession,
        admin_headers: dict[str, str], integration_headers: dict[str, str], hook_settings: Settings) -> None:
    other = await _token_headers(session, Role.integration)
    mine = await subscribe(api, integration_headers, receiver.url, "inquiry.answered")
    await subscribe(api, other, receiver.url, "inquiry.answered")
    org = (await api.post("/api/v1/enterprises", json=enterprise_body(), headers=admin_headers)).json()
    sent = await api.post("/api/v1/inquiries", headers=integration_headers, json={
        "enterprise_id": org["id"], "buyer_name": "Ioana Popescu", "buyer_email": "buyer@example.org",
        "message": "Lunch for 200 people on 15 December, please quote.", "wanted_date": "2099-12-15"})
    assert sent.status_code == 201, sent.text
    read = await api.get(f"/api/v1/inquiries/{sent.json()['id']}", headers=admin_headers)
    replied = await api.patch(f"/api/v1/inquiries/{sent.json()['id']}", json={"status": "replied"},
                              headers={**admin_headers, "If-Match": read.headers["etag"]})
    assert replied.status_code == 200
    await deliver_webhooks(sessionmaker, hook_settings, now)
    assert len(receiver.received) == 1
    body = json.loads(receiver.received[0].body)
    assert body["event"] == "inquiry.answered" and body["data"]["inquiry_id"] == sent.json()["id"]
    assert body["data"]["enterprise"]["slug"] == org["slug"]
    assert "buyer@example.org" not in receiver.received[0].body.decode()
    assert verify(mine["secret"], receiver.received[0].headers["semap-signature"], receiver.received[0].body,
                  now=int(time.time()))


async def test_only_https_addresses_and_only_integration_tokens(
        client: AsyncClient, api: AsyncClient, session: AsyncSession, admin_headers: dict[str, str],
        integration_headers: dict[str, str]) -> None:
    body = {"url": "https://procurement.example.org/hooks", "events": ["enterprise.published"]}
    created = await client.post(URL, json=body, headers=integration_headers)
    assert created.status_code == 201 and "secret" in created.json()
    assert created.headers["location"] == f"{URL}/{created.json()['id']}"
    before = await session.scalar(text("SELECT count(*) FROM webhook_subscriptions"))
    for url in ("http://procurement.example.org/hooks", "http://127.0.0.1:9/hooks", "https://user:pw@example.org/",
                "ftp://example.org/", "/relative"):
        refused = await client.post(URL, json={**body, "url": url}, headers=integration_headers)
        assert refused.status_code == 422, url
        assert refused.json()["errors"][0]["pointer"] == "/url"
    unknown_event = await client.post(URL, json={**body, "events": ["enterprise.deleted"]}, headers=integration_headers)
    assert unknown_event.status_code == 422
    assert await session.scalar(text("SELECT count(*) FROM webhook_subscriptions")) == before
    # Loopback http only where the setting allows it (development, tests).
    assert (await api.post(URL, json={**body, "url": "http://127.0.0.1:9/hooks"},
                           headers=integration_headers)).status_code == 201
    assert (await client.post(URL, json=body, headers=admin_headers)).status_code == 403
    assert (await client.post(URL, json=body)).status_code == 401
    stranger = await _token_headers(session, Role.integration)
    assert (await client.get(f"{URL}/{created.json()['id']}", headers=stranger)).status_code == 404
    assert (await client.get(f"{URL}/{created.json()['id']}/deliveries", headers=stranger)).status_code == 404
    assert (await client.delete(f"{URL}/{created.json()['id']}", headers=integration_headers)).status_code == 204
    assert (await client.get(f"{URL}/{created.json()['id']}", headers=integration_headers)).status_code == 404


def test_the_command_delivers_what_is_due(engine: AsyncEngine, settings: Settings,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(cli, ["webhooks", "deliver"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    assert "0 delivered, 0 to retry, 0 failed" in result.output
