"""One JSON line per request under a request id; X-Forwarded-* believed only from trusted proxies."""

import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from httpx import ASGITransport, AsyncClient

from api.config import Settings
from api.main import create_app
from api.observability.logs import JsonFormatter


class Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    @property
    def lines(self) -> list[dict[str, Any]]:
        return [json.loads(JsonFormatter().format(record)) for record in self.records]


@pytest.fixture
def access_log() -> Iterator[Records]:
    handler = Records()
    logger = logging.getLogger("semap.access")
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)


async def test_each_request_logs_one_json_line_with_the_route_template_and_the_token_id_never_the_token(
        client: AsyncClient, admin_headers: dict[str, str], access_log: Records) -> None:
    response = await client.get("/api/v1/enterprises/no-such-enterprise", headers=admin_headers)
    assert response.status_code == 404
    [line] = access_log.lines
    assert line["route"] == "/api/v1/enterprises/{key}" and line["method"] == "GET" and line["status"] == 404
    assert isinstance(line["token_id"], int) and line["duration_ms"] >= 0
    assert line["request_id"] == response.headers["x-request-id"]
    secret = admin_headers["Authorization"].removeprefix("Bearer ")
    assert secret not in json.dumps(line) and "no-such-enterprise" not in json.dumps(line)


async def test_a_valid_incoming_request_id_is_kept_and_a_bad_one_replaced(client: AsyncClient,
                                                                          access_log: Records) -> None:
    kept = await client.get("/healthz", headers={"X-Request-ID": "lb-7f3a.2026:abc"})
    replaced = await client.get("/healthz", headers={"X-Request-ID": "two words"})
    assert kept.headers["x-request-id"] == "lb-7f3a.2026:abc"
    assert replaced.headers["x-request-id"] != "two words" and len(replaced.headers["x-request-id"]) == 32
    assert [line["request_id"] for line in access_log.lines] == [kept.headers["x-request-id"],
                                                                 replaced.headers["x-request-id"]]
    assert access_log.lines[0]["token_id"] is None


async def test_spa_pages_and_misses_are_logged_without_their_path(client: AsyncClient, access_log: Records) -> None:
    await client.get("/api/v1/no-such-thing")
    assert access_log.lines[-1]["route"] == "unmatched"


def _client(settings: Settings, peer: str) -> AsyncClient:
    app = create_app(settings)
    return AsyncClient(transport=ASGITransport(app=app, client=(peer, 40000)), base_url="http://test")


async def test_forwarded_headers_are_ignored_unless_the_peer_is_a_trusted_proxy(
        settings: Settings, access_log: Records) -> None:
    spoofed = {"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https"}
    async with _client(settings, "127.0.0.1") as untrusted:  # default: no proxy is trusted, not even local ones
        await untrusted.get("/healthz", headers=spoofed)
    trusted_settings = settings.model_copy(update={"forwarded_allow_ips": ["10.0.0.0/8"]})
    async with _client(trusted_settings, "10.1.2.3") as via_proxy:
        await via_proxy.get("/healthz", headers=spoofed)
    async with _client(trusted_settings, "192.0.2.50") as direct:
        await direct.get("/healthz", headers=spoofed)
    assert [line["client"] for line in access_log.lines] == ["127.0.0.1", "203.0.113.9", "192.0.2.50"]


def test_forwarded_allow_ips_reads_a_comma_separated_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORWARDED_ALLOW_IPS", "172.18.0.0/16, 127.0.0.1")
    assert Settings().forwarded_allow_ips == ["172.18.0.0/16", "127.0.0.1"]
    monkeypatch.delenv("FORWARDED_ALLOW_IPS")
    assert Settings().forwarded_allow_ips == []
