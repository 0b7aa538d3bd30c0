"""Import and export benchmark: 100,000 rows imported (rows/s), other requests' latency while a maximal import
runs through the API, exports of 1,000,000 rows (time, peak RSS).

    .venv/bin/python bench/imports.py [--rows 100000] [--export-rows 1000000] [--no-export]

Uses BENCH_IMPORTS_DATABASE_URL (default: a scratch database semap_bench_imports, dropped and re-created)
and writes bench/results/imports-<date>.md.
"""

import argparse
import asyncio
import csv
import os
import random
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import httpx
from sqlalchemy.engine import make_url

from api import migrate
from api.auth import service as auth_service
from api.auth.models import Role
from api.config import Settings
from api.db import create_engine, create_sessionmaker
from api.enterprises.filters import EnterpriseFilters
from api.exports.service import ExportFormat, export_stream
from api.geo.towns import all_towns
from api.imports.service import ImportOptions, run_import
from api.seed.synthetic import load_synthetic

DEFAULT_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/semap_bench_imports"
RESULTS = Path(__file__).parent / "results"
SECTORS = ["56.21", "10.71", "14.13", "31.09", "81.21", "38.32", "62.01", "88.10"]


def database_url() -> str:
    return os.environ.get("BENCH_IMPORTS_DATABASE_URL", DEFAULT_URL)


async def recreate(url: str) -> None:
    await migrate.recreate_database(url)
    await migrate.upgrade_async(url)


def write_csv(path: Path, rows: int, first: int = 0) -> None:
    rng = random.Random(2026)  # noqa: S311 - reproducible test data, not secrets
    towns = [t for t in all_towns() if t.admin1 and t.country == "RO"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["external_id", "name", "country", "registration_code", "locality", "lat", "lon",
                         "employees_total", "employees_vulnerable", "impact_areas", "sectors", "description_en"])
        for n in range(first, first + rows):
            town = rng.choice(towns)
            writer.writerow([f"bench-{n}", f"Întreprinderea Socială {n} {town.name}", "RO", f"RO{50_000_000 + n}",
                             town.name, f"{town.lat + rng.uniform(-0.02, 0.02):.6f}",
                             f"{town.lon + rng.uniform(-0.03, 0.03):.6f}", 10, 4, "work_integration",
                             rng.choice(SECTORS), "Benchmark row."])


async def timed_import(settings: Settings, path: Path) -> tuple[float, dict]:
    engine = create_engine(settings)
    try:
        async with create_sessionmaker(engine)() as session:
            started = time.perf_counter()
            with path.open("rb") as handle:
                report = await run_import(session, handle, path.name, ImportOptions(), actor=None)
            await session.commit()
            return time.perf_counter() - started, report
    finally:
        await engine.dispose()


LATENCY_PATHS = ["/api/v1/enterprises?country=RO&limit=50", "/api/v1/regions?country=MD",
                 "/api/v1/enterprises?q=bench&limit=20", "/healthz"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _admin_token(settings: Settings) -> str:
    engine = create_engine(settings)
    try:
        async with create_sessionmaker(engine)() as session:
            _, plaintext = await auth_service.create_token(session, name="bench imports", role=Role.admin)
            await session.commit()
            return plaintext
    finally:
        await engine.dispose()


async def _sample(client: httpx.AsyncClient, until: Callable[[], bool], at_least: int) -> list[float]:
    """Sequential requests over LATENCY_PATHS (seconds each) until `until()` and at least `at_least` of them."""
    timings: list[float] = []
    while len(timings) < at_least or not until():
        path = LATENCY_PATHS[len(timings) % len(LATENCY_PATHS)]
        started = time.perf_counter()
        response = await client.get(path)
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200, (path, response.status_code)
    return timings


def _peak_rss_mb(pid: int) -> float:
    """The process's high-water mark of resident memory (Linux /proc), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _row(label: str, timings: list[float]) -> str:
    ordered = sorted(timings)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"| {label} | {len(ordered)} | {statistics.median(ordered) * 1000:.1f} | {p95 * 1000:.1f} |"


async def latency_during_import(settings: Settings, path: Path) -> list[str]:
    """The app in a uvicorn process (one worker): latency of other requests idle, then while `path` is imported
    through POST /api/v1/admin/imports."""
    token = await _admin_token(settings)
    port = _free_port()
    env = os.environ | {"DATABASE_URL": settings.database_url, "REDIS_URL": "", "PUBLIC_BASE_URL": ""}
    server = subprocess.Popen([sys.executable, "-m", "uvicorn", "api.asgi:app", "--port", str(port),  # noqa: S603, ASYNC220
                               "--log-level", "warning", "--no-access-log"], env=env)
    content = await asyncio.to_thread(path.read_bytes)
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=600) as client:
            while True:
                try:
                    if (await client.get("/readyz")).status_code == 200:
                        break
                except httpx.TransportError:
                    await asyncio.sleep(0.2)
            await _sample(client, lambda: True, 40)  # warm the pool and the caches
            idle = await _sample(client, lambda: True, 200)
            upload = asyncio.create_task(client.post(
                # The rows repeat the first file's places and names: confirmed, so that all are written.
                "/api/v1/admin/imports", params={"confirm_duplicates": "all"},
                headers={"Authorization": f"Bearer {token}"},
                files={"file": (path.name, content, "text/csv")}))
            started = time.perf_counter()
            busy = await _sample(client, upload.done, 20)
            result = await upload
            seconds = time.perf_counter() - started
            peak_mb = _peak_rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert result.status_code == 200, result.text[:500]
    ratio = statistics.median(busy) / statistics.median(idle)
    return ["", f"## Other requests while a maximal import runs ({result.json()['rows_total']:,} rows through the API, "
            f"{seconds:.0f} s; one uvicorn worker)", "",
            f"Sequential GETs over {', '.join(f'`{p}`' for p in LATENCY_PATHS)}.", "",
            "| state | requests | median ms | p95 ms |", "|---|---:|---:|---:|",
            _row("idle", idle), _row("during the import", busy), "",
            f"Median during the import / idle: **{ratio:.2f}×**. Peak RSS of the server process: {peak_mb:.0f} MB."]


async def export_once(export_format: str) -> None:
    settings = Settings(database_url=database_url())
    engine = create_engine(settings)
    started, size = time.perf_counter(), 0
    try:
        filters = EnterpriseFilters(status=["published"])
        stream = export_stream(ExportFormat(export_format), create_sessionmaker(engine), filters,
                                     staff=True, base_url="http://bench")
        async for block in stream:
            size += len(block)
    finally:
        await engine.dispose()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{time.perf_counter() - started:.1f} {size} {peak_mb:.0f}")


def measure_export(export_format: str) -> tuple[float, int, float]:
    done = subprocess.run([sys.executable, __file__, "--export-only", export_format], capture_output=True,  # noqa: S603
                          text=True, check=True, env=os.environ | {"BENCH_IMPORTS_DATABASE_URL": database_url()})
    seconds, size, peak = done.stdout.split()
    return float(seconds), int(size), float(peak)


async def main(rows: int, export_rows: int, formats: list[str], *, export: bool = True) -> str:
    url = database_url()
    settings = Settings(database_url=url)
    await recreate(url)
    lines = [f"# Import and export benchmark, {date.today().isoformat()}", "",
             f"Machine: {os.cpu_count()} CPUs; PostgreSQL at {make_url(url).host}. Script: `bench/imports.py`.", "",
             "## Import", "", "| run | rows | seconds | rows/s | created | updated | unchanged | rejected |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.csv"
        write_csv(path, rows)
        for run in ("first import (all new)", "re-import (all unchanged)"):
            seconds, report = await timed_import(settings, path)
            lines.append(f"| {run} | {rows:,} | {seconds:.1f} | {rows / seconds:,.0f} | {report['created']:,} | "
                         f"{report['updated']:,} | {report['unchanged']:,} | {report['rejected']:,} |")
            print(lines[-1], flush=True)
        maximal = Path(folder) / "maximal.csv"
        write_csv(maximal, Settings().import_max_rows, first=rows)
        lines += await latency_during_import(settings, maximal)
        print("\n".join(lines[-8:]), flush=True)
    if not export:
        return "\n".join(lines) + "\n"
    await load_synthetic(settings, count=export_rows, replace=True)
    lines += ["", f"## Export ({export_rows + rows:,} published rows, streamed, each format in a fresh process)", "",
              "| format | seconds | MB written | peak RSS (MB) |", "|---|---:|---:|---:|"]
    for export_format in formats:
        seconds, size, peak = measure_export(export_format)
        lines.append(f"| {export_format} | {seconds:.1f} | {size / 1e6:,.0f} | {peak:.0f} |")
        print(lines[-1], flush=True)
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--export-rows", type=int, default=1_000_000)
    parser.add_argument("--formats", default="csv,geojson,jsonld,xlsx")
    parser.add_argument("--no-export", action="store_true", help="Imports and latency only.")
    parser.add_argument("--export-only", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.export_only:
        asyncio.run(export_once(args.export_only))
        sys.exit(0)
    report = asyncio.run(main(args.rows, args.export_rows, args.formats.split(","), export=not args.no_export))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"imports-{date.today().isoformat()}.md").write_text(report, encoding="utf-8")
    print(report)
