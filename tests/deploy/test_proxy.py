"""Debian's caddy with deploy/Caddyfile in front of the real API (two uvicorn workers): compression,
immutable hashed files, and the client's address and scheme passed through from the proxy only."""

import gzip
import os
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from api.config import REPO_ROOT, Settings
from tests.deploy.processes import SEMAP, alive, free_port, json_lines, poll, running

CLIENT_ADDRESS = "127.0.0.5"  # the test's own loopback address, so that it differs from the proxy's 127.0.0.1
SCRIPT = b"export const semap = 'map';\n" * 400


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("dist")
    (root / "assets").mkdir()
    (root / "index.html").write_text("<!doctype html><html><head></head><body>map</body></html>")
    asset = root / "assets" / "index-Q1w2E3r4.js"
    asset.write_bytes(SCRIPT)
    asset.with_name(asset.name + ".gz").write_bytes(gzip.compress(SCRIPT))
    asset.with_name(asset.name + ".br").write_bytes(b"\x1b precompressed brotli stand-in")
    return root


@pytest.fixture
def admin_token(settings: Settings, engine: AsyncEngine) -> str:
    """Committed through the CLI, as the API runs in other processes (the test database is dropped next run)."""
    created = subprocess.run([SEMAP, "token", "create", "--name", "proxy test", "--role", "admin",  # noqa: S603
                              "--expires-in-days", "1"], capture_output=True, text=True, check=True, timeout=120,
                             env={**os.environ, "DATABASE_URL": settings.database_url})
    return created.stdout.strip().splitlines()[-1]


@pytest.fixture
def stack(settings: Settings, engine: AsyncEngine, dist: Path, tmp_path: Path) -> Iterator[dict[str, Any]]:
    caddy = shutil.which("caddy")
    assert caddy, "caddy is missing: run scripts/ensure-system.sh"
    api_port, proxy_port = free_port(), free_port()
    api_log, proxy_log = tmp_path / "api.log", tmp_path / "caddy.log"
    api_env = {"DATABASE_URL": settings.database_url, "HOST": "127.0.0.1", "PORT": str(api_port), "WORKERS": "2",
               "FORWARDED_ALLOW_IPS": "127.0.0.1", "FRONTEND_DIST": str(dist), "REDIS_URL": "",
               "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics")}
    proxy_env = {"SITE_ADDRESS": f":{proxy_port}", "API_UPSTREAM": f"127.0.0.1:{api_port}", "SPA_ROOT": str(dist),
                 "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data"),
                 "XDG_CONFIG_HOME": str(tmp_path / "config")}
    with running([SEMAP, "serve"], api_log, api_env) as api, \
            running([caddy, "run", "--config", str(REPO_ROOT / "deploy" / "Caddyfile"), "--adapter", "caddyfile"],
                    proxy_log, proxy_env) as proxy:
        proxy_url, api_url = f"http://127.0.0.1:{proxy_port}", f"http://127.0.0.1:{api_port}"

        def up() -> bool:
            alive(api, api_log)
            alive(proxy, proxy_log)
            return httpx.get(f"{proxy_url}/healthz", timeout=5).status_code == 200

        # Only ends a wait that never succeeds: two uvicorn workers start slowly on a loaded 2-core machine.
        poll(up, "the API behind caddy", seconds=300)
        yield {"proxy": proxy_url, "api": api_url, "api_log": api_log}


def _client() -> httpx.Client:
    return httpx.Client(transport=httpx.HTTPTransport(local_address=CLIENT_ADDRESS), timeout=30)


def _logged(stack: dict[str, Any], request_id: str) -> dict[str, Any]:
    def line() -> dict[str, Any] | None:
        return next((entry for entry in json_lines(stack["api_log"]) if entry.get("request_id") == request_id), None)
    return poll(line, f"the API's log line of {request_id}", seconds=30)


def test_caddy_serves_hashed_files_precompressed_and_immutable(stack: dict[str, Any]) -> None:
    with _client() as client:
        response = client.get(f"{stack['proxy']}/assets/index-Q1w2E3r4.js", headers={"Accept-Encoding": "br"})
    assert response.status_code == 200 and response.headers["server"] == "Caddy"
    assert response.headers["content-encoding"] == "br"
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"


def test_caddy_compresses_the_apis_answers(stack: dict[str, Any]) -> None:
    with _client() as client:
        # zstd: a coding only the proxy speaks, so the compression is the proxy's own.
        response = client.get(f"{stack['proxy']}/openapi.json", headers={"Accept-Encoding": "zstd"})
        plain = client.get(f"{stack['proxy']}/openapi.json", headers={"Accept-Encoding": "identity"})
    assert response.status_code == 200 and response.headers["content-encoding"] == "zstd"
    assert len(response.content) < len(plain.content) / 3


def test_the_client_address_and_scheme_come_from_the_proxy_only(stack: dict[str, Any]) -> None:
    spoofed = {"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https"}
    ids = {name: f"proxy-test-{name}-{uuid.uuid4().hex}" for name in ("proxied", "direct", "trusted")}
    with _client() as client:
        proxied = client.get(f"{stack['proxy']}/api/v1/tiles/enterprises.json",
                             headers={**spoofed, "X-Request-ID": ids["proxied"]})
        direct = client.get(f"{stack['api']}/api/v1/tiles/enterprises.json",
                            headers={**spoofed, "X-Request-ID": ids["direct"]})
    # From the proxy's own address the forwarded headers are believed (as the proxy would send them).
    trusted = httpx.get(f"{stack['api']}/api/v1/tiles/enterprises.json", timeout=30,
                        headers={"X-Forwarded-For": "198.51.100.7", "X-Forwarded-Proto": "https",
                                 "X-Request-ID": ids["trusted"]})
    # The proxy replaced the client's claims with what it saw: the test's address, plain HTTP.
    assert _logged(stack, ids["proxied"])["client"] == CLIENT_ADDRESS
    assert proxied.json()["tiles"][0].startswith("http://")
    # Straight to the API from an address not in FORWARDED_ALLOW_IPS: the claims are ignored.
    assert _logged(stack, ids["direct"])["client"] == CLIENT_ADDRESS
    assert direct.json()["tiles"][0].startswith("http://")
    assert _logged(stack, ids["trusted"])["client"] == "198.51.100.7"
    assert trusted.json()["tiles"][0].startswith("https://")
    assert proxied.headers["x-request-id"] == ids["proxied"]


def test_metrics_add_up_the_workers_and_need_a_token(stack: dict[str, Any], admin_token: str) -> None:
    with _client() as client:
        for _ in range(6):
            assert client.get(f"{stack['proxy']}/api/v1/regions?country=MD").status_code == 200
        assert client.get(f"{stack['proxy']}/metrics").status_code == 401
        text = client.get(f"{stack['proxy']}/metrics", headers={"Authorization": f"Bearer {admin_token}"}).text
    counts = [line for line in text.splitlines()
              if line.startswith("semap_http_request_duration_seconds_count") and 'route="/api/v1/regions"' in line]
    assert sum(float(line.rsplit(" ", 1)[1]) for line in counts) == 6
    assert 'semap_db_pool_size{database="primary"}' in text
