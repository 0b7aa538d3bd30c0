"""`semap murmurations register` posts every published profile URL to the index (a local HTTP server here)."""

import asyncio
import hashlib
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine
from typer.testing import CliRunner

from api.cli import app
from api.config import Settings, get_settings


class FakeIndex(ThreadingHTTPServer):
    received: list[tuple[str, dict[str, Any]]]
    refuse: set[str]


class IndexHandler(BaseHTTPRequestHandler):
    server: FakeIndex

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.received.append((self.path, body))
        url = body["profile_url"]
        refused = any(url.endswith(f"/{slug}/murmurations.json") for slug in self.server.refuse)
        status = 400 if refused else 200
        answer = ({"errors": [{"title": "Invalid profile"}]} if refused else
                  {"data": {"node_id": hashlib.sha256(url.encode()).hexdigest(), "profile_url": url}})
        payload = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: Any) -> None:  # keep the test output quiet
        return


@pytest.fixture
def index() -> Iterator[FakeIndex]:
    server = FakeIndex(("127.0.0.1", 0), IndexHandler)
    server.received, server.refuse = [], set()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def cli_env(engine: AsyncEngine, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    monkeypatch.setenv("PUBLIC_BASE_URL", "http://test")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


async def test_register_posts_every_published_profile(cli_env: None, index: FakeIndex, engine: AsyncEngine,
                                                      client: AsyncClient) -> None:
    async with engine.connect() as connection:
        slugs = (await connection.scalars(text(
            "SELECT slug FROM organisations WHERE status = 'published' ORDER BY id"))).all()
    index_url = f"http://127.0.0.1:{index.server_address[1]}/v2"
    # The command runs its own event loop: in a thread, beside the test's.
    result = await asyncio.to_thread(CliRunner().invoke, app, ["murmurations", "register", "--index-url", index_url])
    assert result.exit_code == 0, result.output
    assert f"{len(slugs)} registered, 0 refused" in result.output
    assert {path for path, _ in index.received} == {"/v2/nodes"}
    urls = [body["profile_url"] for _, body in index.received]
    assert urls == [f"http://test/api/v1/enterprises/{slug}/murmurations.json" for slug in slugs]
    # What the index will fetch is there: a valid profile for each URL.
    profile = await client.get(urls[0].removeprefix("http://test"))
    assert profile.status_code == 200 and profile.json()["linked_schemas"] == ["organizations_schema-v1.0.0"]


async def test_refusals_are_reported_and_exit_non_zero(cli_env: None, index: FakeIndex, engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        slug = await connection.scalar(text("SELECT slug FROM organisations WHERE status = 'published' LIMIT 1"))
    index.refuse = {slug}
    result = await asyncio.to_thread(CliRunner().invoke, app, [
        "murmurations", "register", "--index-url", f"http://127.0.0.1:{index.server_address[1]}/v2"])
    assert result.exit_code == 1
    assert f"refused http://test/api/v1/enterprises/{slug}/murmurations.json: HTTP 400" in result.output
    assert "1 refused" in result.output


def test_register_needs_a_public_address(engine: AsyncEngine, settings: Settings,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    monkeypatch.delenv("PUBLIC_BASE_URL", raising=False)
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(app, ["murmurations", "register", "--index-url", "http://127.0.0.1:9/v2"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 2 and "PUBLIC_BASE_URL" in result.output
