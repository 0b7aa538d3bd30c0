"""The servers under test, each a uvicorn process on loopback: ours as deployed, and tipg from its own venv."""

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
TIPG_VENV = Path(os.environ.get("TIPG_VENV", BENCH_DIR / ".venv-tipg"))
# tipg pins its own FastAPI/Starlette/pydantic versions: it lives in its own venv, never in the project's.
TIPG_REQUIREMENT = os.environ.get("TIPG_REQUIREMENT", "tipg>=1.0")
WORKERS = 2


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait(url: str, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 - loopback
                return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the server behind {url} did not start") from None
            time.sleep(0.3)


@contextlib.contextmanager
def _serve(command: list[str], env: dict[str, str], ready_path: str) -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen([*command, "--host", "127.0.0.1", "--port", str(port)],  # noqa: S603
                               env={**os.environ, **env}, stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(base + ready_path, process)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def ours(database_url: str, workers: int = WORKERS,
         env: dict[str, str] | None = None) -> contextlib.AbstractContextManager[str]:
    """The API as deployed: uvicorn (uvloop, httptools) with two workers (or `workers`), no access log;
    `env` adds settings (e.g. REDIS_URL)."""
    return _serve([sys.executable, "-m", "uvicorn", "api.asgi:app", "--workers", str(workers),
                   "--log-level", "warning", "--no-access-log"],
                  # Buyer-match is rate-limited per client; the load loop is one client sending thousands.
                  {"DATABASE_URL": database_url, "RATE_LIMIT_MATCH_PER_MINUTE": "100000000", **(env or {})},
                  "/healthz")


def ensure_tipg() -> Path:
    """tipg's venv, made on first use (pip from the package index)."""
    python = TIPG_VENV / "bin" / "python"
    if not (TIPG_VENV / "bin" / "uvicorn").exists():
        subprocess.run([sys.executable, "-m", "venv", str(TIPG_VENV)], check=True)  # noqa: S603
        subprocess.run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check",  # noqa: S603
                        TIPG_REQUIREMENT, "uvicorn[standard]"], check=True)
    return TIPG_VENV / "bin" / "uvicorn"


def tipg_version() -> str:
    python = TIPG_VENV / "bin" / "python"
    result = subprocess.run([str(python), "-c", "import tipg; print(tipg.__version__)"],  # noqa: S603
                            capture_output=True, text=True, check=False)
    return result.stdout.strip() or "unknown"


def tipg(database_url: str) -> contextlib.AbstractContextManager[str]:
    """tipg over the same table, with the same two workers; extents off, as they cost a scan at start."""
    libpq_url = database_url.replace("postgresql+asyncpg://", "postgresql://", 1)
    env = {"DATABASE_URL": libpq_url, "TIPG_DB_SCHEMAS": '["public"]', "TIPG_DB_TABLES": '["public.organisations"]',
           "TIPG_DB_SPATIAL_EXTENT": "false", "TIPG_DB_DATETIME_EXTENT": "false"}
    return _serve([str(ensure_tipg()), "tipg.main:app", "--workers", str(WORKERS), "--log-level", "warning",
                   "--no-access-log"], env, "/collections")
