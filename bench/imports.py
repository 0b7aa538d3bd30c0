"""Import and export benchmark: 100,000 rows imported (rows/s), exports of 1,000,000 rows (time, peak RSS).

    .venv/bin/python bench/imports.py [--rows 100000] [--export-rows 1000000]

Uses BENCH_IMPORTS_DATABASE_URL (default: a scratch database semap_bench_imports, dropped and re-created)
and writes bench/results/imports-<date>.md.
"""

import argparse
import asyncio
import csv
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlalchemy.engine import make_url

from api import migrate
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


def write_csv(path: Path, rows: int) -> None:
    rng = random.Random(2026)  # noqa: S311 - reproducible test data, not secrets
    towns = [t for t in all_towns() if t.admin1 and t.country == "RO"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["external_id", "name", "country", "registration_code", "locality", "lat", "lon",
                         "employees_total", "employees_vulnerable", "impact_areas", "sectors", "description_en"])
        for n in range(rows):
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


async def main(rows: int, export_rows: int, formats: list[str]) -> str:
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
    parser.add_argument("--export-only", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.export_only:
        asyncio.run(export_once(args.export_only))
        sys.exit(0)
    report = asyncio.run(main(args.rows, args.export_rows, args.formats.split(",")))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"imports-{date.today().isoformat()}.md").write_text(report, encoding="utf-8")
    print(report)
