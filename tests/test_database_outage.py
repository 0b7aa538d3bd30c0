"""A database outage is a 503 with Retry-After on every call, nothing hangs, and the service recovers by itself.

The test owns its database: a throwaway PostgreSQL cluster (initdb) on a free port, migrated, served by
the real app in a uvicorn process; the test stops the cluster, checks the answers, starts it again and
waits for the app to answer 200 again, with no restart of the app.
"""

import asyncio
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from api import migrate
from api.auth import service as auth_service
from api.auth.models import Role
from api.config import Settings
from api.db import create_engine, create_sessionmaker
from api.main import create_app
from tests.conftest import enterprise_body

PG_BIN = Path(os.environ.get("SEMAP_PG_BIN", "/usr/lib/postgresql/15/bin"))
# Generous bounds for a loaded 2-core machine: they only end a wait that never succeeds.
DEADLINE_SECONDS = 120
# A request that takes longer than this while the database is down has hung (connect timeout is 5 s).
REQUEST_TIMEOUT_SECONDS = 60


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_postgres(command: list[str]) -> list[str]:
    """initdb and pg_ctl refuse to run as root: run them as the postgres OS user then."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@dataclass
class Cluster:
    data: Path
    port: int

    @property
    def url(self) -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/semap_outage"

    def pg_ctl(self, *args: str) -> None:
        command = [str(PG_BIN / "pg_ctl"), "-D", str(self.data / "pg"), "-w", "-t", str(DEADLINE_SECONDS), *args]
        subprocess.run(_as_postgres(command), check=True, capture_output=True, timeout=DEADLINE_SECONDS + 30)  # noqa: S603

    def start(self) -> None:
        self.pg_ctl("-l", str(self.data / "pg.log"), "-o",
                    f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off",
                    "start")

    def stop(self) -> None:
        self.pg_ctl("-m", "fast", "stop")


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    if not (PG_BIN / "initdb").exists():
        pytest.fail(f"no PostgreSQL server binaries in {PG_BIN} (set SEMAP_PG_BIN)")
    data = Path(tempfile.mkdtemp(prefix="semap-outage-"))
    (data / "pg").mkdir()
    (data / "pg.log").touch()
    if os.geteuid() == 0:
        shutil.chown(data, "postgres")
        shutil.chown(data / "pg", "postgres")
        shutil.chown(data / "pg.log", "postgres")
    subprocess.run(_as_postgres([str(PG_BIN / "initdb"), "-D", str(data / "pg"), "-U", "postgres", "-E", "UTF8",  # noqa: S603
                                 "--locale=C.UTF-8", "--auth=trust"]), check=True, capture_output=True)
    own = Cluster(data, _free_port())
    own.start()
    try:
        asyncio.run(_migrate(own.url))
        yield own
    finally:
        subprocess.run(_as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(data / "pg"), "-m", "immediate", "stop"]),  # noqa: S603
                       capture_output=True, check=False)
        shutil.rmtree(data, ignore_errors=True)


async def _migrate(url: str) -> None:
    await migrate.recreate_database(url)
    await migrate.upgrade_async(url)


@pytest.fixture(scope="module")
def server(cluster: Cluster) -> Iterator[str]:
    """The real app in a uvicorn process on the cluster, started while the database is up."""
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": cluster.url, "PUBLIC_BASE_URL": "", "REDIS_URL": ""}
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "uvicorn", "api.asgi:app", "--host", "127.0.0.1", "--port", str(port),
         "--log-level", "warning"], env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + DEADLINE_SECONDS
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("the API did not start")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture
async def http(server: str) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=server, timeout=REQUEST_TIMEOUT_SECONDS) as client:
        yield client


async def _admin_token(url: str) -> str:
    engine = create_engine(Settings(database_url=url))
    try:
        async with create_sessionmaker(engine)() as session:
            _, plaintext = await auth_service.create_token(session, name="outage test", role=Role.admin)
            await session.commit()
            return plaintext
    finally:
        await engine.dispose()


CALLS = [
    ("GET", "/api/v1/enterprises", None),
    ("GET", "/api/v1/enterprises/1", None),
    ("GET", "/api/v1/enterprises?format=geojson&q=brutarie", None),
    ("GET", "/api/v1/regions?country=MD", None),
    ("GET", "/api/v1/members", None),
    ("GET", "/api/v1/tiles/enterprises/6/36/22.mvt", None),
    ("GET", "/ogc/collections/enterprises/items", None),
    ("GET", "/api/v1/exports/enterprises.csv", None),
    ("GET", "/api/v1/admin/tokens", "admin"),
    ("GET", "/api/v1/me", "admin"),
    ("POST", "/api/v1/submissions", None),
]


async def _call(http: httpx.AsyncClient, method: str, path: str, token: str | None) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    body = {"kind": "new", "enterprise": enterprise_body(name="Atelierul Pană", registration_code="RO78"),
            "submitter_name": "Ioana Popescu", "submitter_email": "ioana@example.org"} if method == "POST" else None
    return await http.request(method, path, headers=headers, json=body)


async def _wait_for(http: httpx.AsyncClient, path: str, status: int) -> None:
    deadline = time.monotonic() + DEADLINE_SECONDS
    while (await http.get(path)).status_code != status:
        assert time.monotonic() < deadline, f"{path} did not answer {status} in time"
        await asyncio.sleep(0.2)


async def test_an_outage_is_a_503_with_retry_after_and_the_service_recovers(cluster: Cluster,
                                                                           http: httpx.AsyncClient) -> None:
    token = await _admin_token(cluster.url)
    await _wait_for(http, "/readyz", 200)
    assert (await http.get("/api/v1/enterprises")).status_code == 200
    assert (await _call(http, "GET", "/api/v1/admin/tokens", token)).status_code == 200

    await asyncio.to_thread(cluster.stop)
    try:
        ready = await http.get("/readyz")
        assert ready.status_code == 503 and int(ready.headers["retry-after"]) > 0
        # Each call, and all of them at once (more than the pool holds), answers 503 problem+json.
        answers = await asyncio.gather(*(_call(http, method, path, token if who else None)
                                         for method, path, who in CALLS * 3))
        for (method, path, _), response in zip(CALLS * 3, answers, strict=True):
            assert response.status_code == 503, (method, path, response.status_code, response.text[:300])
            assert response.headers["content-type"].startswith("application/problem+json"), path
            assert response.json()["code"] == "unavailable" and int(response.headers["retry-after"]) > 0
            assert "asyncpg" not in response.text and "Traceback" not in response.text
    finally:
        await asyncio.to_thread(cluster.start)

    # The same app process, not restarted, answers again once the database is back.
    await _wait_for(http, "/api/v1/enterprises", 200)
    await _wait_for(http, "/readyz", 200)
    for method, path, who in CALLS:
        response = await _call(http, method, path, token if who else None)
        assert response.status_code < 500, (method, path, response.status_code, response.text[:300])


async def test_a_database_that_never_answers_is_a_503_after_the_connect_timeout() -> None:
    """A server that takes the connection and says nothing (a hung host, a black hole): the connect
    timeout ends the wait and the answer is a 503, not a request that hangs."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        settings = Settings(database_url=f"postgresql+asyncpg://postgres@127.0.0.1:{port}/semap_silent",
                            db_connect_timeout_seconds=1)
        app = create_app(settings)
        async with app.router.lifespan_context(app), httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app, raise_app_exceptions=False), base_url="http://test") as client:
            for path in ("/api/v1/enterprises", "/readyz"):
                response = await client.get(path)
                assert response.status_code == 503, response.text[:300]
                assert int(response.headers["retry-after"]) > 0
