"""The machine a report was measured on: CPU, cores, memory and the versions that matter."""

import os
import platform
import subprocess
from importlib.metadata import version
from pathlib import Path


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def _memory_gib() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) / 1024 / 1024
    return float("nan")


def _postgres() -> str:
    result = subprocess.run(["psql", "--version"], capture_output=True, text=True, check=False)  # noqa: S607
    return result.stdout.strip() or "unknown"


def describe(peer_version: str | None) -> str:
    lines = [
        f"- CPU: {_cpu_model()}, {os.cpu_count()} cores; RAM {_memory_gib():.1f} GiB; {platform.system()} "
        f"{platform.release()}",
        f"- Python {platform.python_version()}, uvicorn {version('uvicorn')}, FastAPI {version('fastapi')}, "
        f"SQLAlchemy {version('sqlalchemy')}, asyncpg {version('asyncpg')}; {_postgres()} (server on the same machine)",
        "- Load generator: httpx (async) in the same machine, over 127.0.0.1",
    ]
    if peer_version:
        lines.append(f"- Peer: tipg {peer_version} in its own venv, uvicorn with 2 workers")
    return "\n".join(lines)
