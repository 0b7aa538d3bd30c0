"""Past one machine: a real streaming replica (pg_basebackup -R) of a primary this test owns, PgBouncer
in transaction mode in front of both, and the API on them: anonymous reads are the replica's, a token
holder reads the primary, nothing on a read path writes, and a write shows on the replica once replayed."""

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import enterprise_body
from tests.deploy.processes import SEMAP, alive, free_port, poll, running

PG_BIN = Path("/usr/lib/postgresql/15/bin")
DATABASE = "semap_replica_test"


def _as_postgres(command: list[str]) -> list[str]:
    """initdb, postgres and pgbouncer refuse to run as root."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def _run(command: list[str], **kwargs: Any) -> str:
    result = subprocess.run(_as_postgres(command), capture_output=True, text=True, timeout=300,  # noqa: S603
                            check=False, **kwargs)
    assert result.returncode == 0, f"{command}: {result.stdout}{result.stderr}"
    return result.stdout


def _psql(port: int, sql: str, database: str = DATABASE) -> str:
    return _run([str(PG_BIN / "psql"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-d", database,
                 "-At", "-v", "ON_ERROR_STOP=1", "-c", sql]).strip()


def _start(data: Path, port: int, log: Path) -> None:
    options = (f"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={data.parent} "
               "-c fsync=off -c shared_buffers=32MB -c max_connections=40 -c wal_level=replica")
    _run([str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "180", "-o", options, "start"])


def _stop(data: Path) -> None:
    subprocess.run(_as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w",  # noqa: S603
                                 "stop"]), capture_output=True, timeout=120, check=False)


@pytest.fixture(scope="module")
def clusters() -> Iterator[dict[str, Any]]:
    """A primary with the schema, its streaming replica, and PgBouncer in front of both."""
    pgbouncer = shutil.which("pgbouncer") or "/usr/sbin/pgbouncer"
    assert Path(pgbouncer).exists(), "pgbouncer is missing: run scripts/ensure-system.sh"
    base = Path(tempfile.mkdtemp(prefix="semap-replica-"))
    if os.geteuid() == 0:
        shutil.chown(base, "postgres", "postgres")
    primary, replica = base / "primary", base / "replica"
    ports = {"primary": free_port(), "replica": free_port(), "bouncer": free_port()}
    try:
        _run([str(PG_BIN / "initdb"), "-D", str(primary), "-U", "postgres", "--auth=trust", "-E", "UTF8",
              "--no-sync"])
        _start(primary, ports["primary"], base / "primary.log")
        _psql(ports["primary"], f"CREATE DATABASE {DATABASE}", database="postgres")
        url = f"postgresql+asyncpg://postgres@127.0.0.1:{ports['primary']}/{DATABASE}"
        subprocess.run([SEMAP, "migrate"], env={**os.environ, "DATABASE_URL": url}, check=True,  # noqa: S603
                       capture_output=True, timeout=600)
        _run([str(PG_BIN / "pg_basebackup"), "-h", "127.0.0.1", "-p", str(ports["primary"]), "-U", "postgres",
              "-D", str(replica), "-R", "-X", "stream", "--no-sync",
              "--checkpoint=fast"])  # a spread checkpoint would pace its writes over minutes
        _start(replica, ports["replica"], base / "replica.log")
        ini = base / "pgbouncer.ini"
        (base / "users.txt").write_text('"postgres" ""\n')
        ini.write_text(f"""[databases]
primary = host=127.0.0.1 port={ports['primary']} dbname={DATABASE}
replica = host=127.0.0.1 port={ports['replica']} dbname={DATABASE}
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {ports['bouncer']}
unix_socket_dir = {base}
auth_type = trust
auth_file = {base / 'users.txt'}
pool_mode = transaction
default_pool_size = 10
max_client_conn = 200
""")
        if os.geteuid() == 0:
            for path in base.iterdir():
                shutil.chown(path, "postgres", "postgres")
        with running(_as_postgres([pgbouncer, str(ini)]), base / "pgbouncer.log") as bouncer:
            poll(lambda: alive(bouncer, base / "pgbouncer.log") or
                 _psql(ports["bouncer"], "SELECT pg_is_in_recovery()", database="replica") == "t",
                 "PgBouncer in front of the replica", seconds=120, every=0.25)
            yield {"ports": ports, "base": base, "primary_url": url}
    finally:
        _stop(replica)
        _stop(primary)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="module")
def api(clusters: dict[str, Any]) -> Iterator[dict[str, Any]]:
    bouncer = clusters["ports"]["bouncer"]
    token = subprocess.run([SEMAP, "token", "create", "--name", "replica test", "--role", "admin"],  # noqa: S603
                           env={**os.environ, "DATABASE_URL": clusters["primary_url"]}, capture_output=True,
                           text=True, check=True, timeout=120).stdout.strip().splitlines()[-1]
    port = free_port()
    env = {"DATABASE_URL": f"postgresql+asyncpg://postgres@127.0.0.1:{bouncer}/primary",
           "DATABASE_READ_URL": f"postgresql+asyncpg://postgres@127.0.0.1:{bouncer}/replica",
           "DATABASE_PGBOUNCER": "true", "HOST": "127.0.0.1", "PORT": str(port), "WORKERS": "1", "REDIS_URL": ""}
    log = clusters["base"] / "api.log"
    with running([SEMAP, "serve"], log, env) as server:
        base_url = f"http://127.0.0.1:{port}"
        poll(lambda: alive(server, log) or httpx.get(f"{base_url}/readyz", timeout=5).status_code == 200,
             "the API on PgBouncer", seconds=120)
        yield {"url": base_url, "admin": {"Authorization": f"Bearer {token}"}}


def _names(response: httpx.Response) -> set[str]:
    assert response.status_code == 200, response.text
    return {item["name"] for item in response.json()["items"]}


def test_public_reads_work_on_a_read_only_replica(api: dict[str, Any]) -> None:
    """Each would fail with 'cannot execute … in a read-only transaction' if a read path wrote."""
    # The primary is migrated, not seeded: tiles over an empty directory are 204, every other read 200.
    paths = {"/api/v1/enterprises?limit=5": 200, "/api/v1/tiles/enterprises/5/18/11.mvt": 204,
             "/api/v1/tiles/enterprises/12/2340/1450.mvt": 204, "/api/v1/tiles/enterprises.json": 200,
             "/ogc/collections/enterprises/items?limit=3": 200, "/api/v1/regions?country=MD": 200,
             "/api/v1/stats": 200, "/api/v1/taxonomies": 200, "/api/v1/exports/enterprises.csv": 200}
    for path, status in paths.items():
        response = httpx.get(api["url"] + path, timeout=60)
        assert response.status_code == status, f"{path}: {response.status_code} {response.text[:300]}"


def test_anonymous_reads_come_from_the_replica_and_a_write_reaches_it_once_replayed(
        clusters: dict[str, Any], api: dict[str, Any]) -> None:
    replica = clusters["ports"]["replica"]
    name = "Atelierul Replicii Iași"
    # Hold the replica's replay: from now on it shows the data as it was.
    _psql(replica, "SELECT pg_wal_replay_pause()")
    try:
        created = httpx.post(f"{api['url']}/api/v1/enterprises", headers=api["admin"], timeout=60,
                             json=enterprise_body(name=name, registration_code="RO99999777"))
        assert created.status_code == 201, created.text
        query = f"{api['url']}/api/v1/enterprises?limit=200&country=RO&q=Replicii"
        # The writer (a token holder) reads its own write from the primary at once ...
        assert name in _names(httpx.get(query, headers=api["admin"], timeout=60))
        # ... while anonymous readers are served by the paused replica, which has not seen it.
        assert name not in _names(httpx.get(query, timeout=60))
    finally:
        _psql(replica, "SELECT pg_wal_replay_resume()")
    poll(lambda: name in _names(httpx.get(query, timeout=60)), "the write on the replica", seconds=120, every=0.2)
    assert _psql(replica, "SELECT pg_is_in_recovery()") == "t"
    assert _psql(replica, "SHOW jit") == "off"  # the database's setting, replicated with the catalogue
