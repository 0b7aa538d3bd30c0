"""`python -m bench [--sizes 10000,100000,1000000] [--duration 3] [--no-peer]`: run, print and save the report.

The database is BENCH_DATABASE_URL (`make bench` creates `semap_bench`); it is migrated, then for each
size filled with `semap seed synthetic`. All traffic goes to servers this process starts on 127.0.0.1,
every load run is bounded in time and in requests.
"""

import argparse
import asyncio
import contextlib
import math
import os
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from sqlalchemy.engine import make_url

from api import migrate
from api.config import Settings
from api.seed.synthetic import load_synthetic
from bench import goals_search, goals_tiles, machine, servers
from bench.scenarios import Scenario, compiled, scenarios
from bench.stats import Load, Row, table

RESULTS = Path(__file__).resolve().parent / "results"
MAX_REQUESTS = 20_000
FLOOR_RUNS = 200
CONCURRENCIES = (1, 8)


async def load(base: str, path: str, *, concurrency: int, duration: float, body: dict | None = None) -> Load:
    """`concurrency` clients sending `path` back to back for `duration` seconds (or MAX_REQUESTS); POST `body`."""
    latencies: list[float] = []
    errors = 0
    size = 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        def send() -> Any:
            return client.get(path) if body is None else client.post(path, json=body)

        for _ in range(3):  # warm-up: connections, prepared statements, caches
            with contextlib.suppress(httpx.HTTPError):
                await send()
        deadline = time.perf_counter() + duration

        async def worker() -> None:
            nonlocal errors, size
            while time.perf_counter() < deadline and len(latencies) + errors < MAX_REQUESTS:
                started = time.perf_counter()
                try:
                    response = await send()
                except httpx.HTTPError:
                    errors += 1  # a dropped connection: counted, and the run goes on
                    continue
                if response.status_code in (200, 201, 204):
                    latencies.append(time.perf_counter() - started)
                    size = len(response.content)
                else:
                    errors += 1

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    return Load(latencies, elapsed, errors, size)


async def floor(connection: asyncpg.Connection, scenario: Scenario, duration: float) -> Load:
    """The statements the API runs for the scenario, sent by asyncpg as prepared statements, no HTTP."""
    statements = [compiled(statement) for statement in scenario.statements()]
    prepared = [(await connection.prepare(sql), args) for sql, args in statements]
    for statement, args in prepared:  # warm-up
        await statement.fetch(*args)
    latencies: list[float] = []
    deadline = time.perf_counter() + duration
    started = time.perf_counter()
    while len(latencies) < FLOOR_RUNS and time.perf_counter() < deadline:
        begun = time.perf_counter()
        for statement, args in prepared:
            await statement.fetch(*args)
        latencies.append(time.perf_counter() - begun)
    return Load(latencies, time.perf_counter() - started)


async def ensure_database(database_url: str) -> None:
    url = make_url(database_url)
    admin = await asyncpg.connect(host=url.host, port=url.port or 5432, user=url.username,
                                  password=url.password, database="postgres")
    try:
        exists = await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", url.database)
        if not exists:
            await admin.execute(f'CREATE DATABASE "{url.database}"')
    finally:
        await admin.close()
    await migrate.upgrade_async(database_url)


async def fill(database_url: str, size: int, args: argparse.Namespace) -> None:
    """Load `size` synthetic enterprises, unless --reuse-data and exactly that many are there already."""
    if args.reuse_data:
        connection = await asyncpg.connect(database_url.replace("postgresql+asyncpg://", "postgresql://", 1))
        try:
            loaded = await connection.fetchval("SELECT count(*) FROM organisations WHERE slug LIKE 'synthetic-%'")
        finally:
            await connection.close()
        if loaded == size:
            print(f"reusing the {size:,} synthetic enterprises already loaded", flush=True)
            return
    print(await load_synthetic(Settings(database_url=database_url), count=size, replace=True), flush=True)


async def run_size(database_url: str, size: int, args: argparse.Namespace) -> list[Row]:
    await fill(database_url, size, args)
    if args.search_goals_only:
        return []
    rows = [Row(size, s.name) for s in scenarios()]
    plain_url = database_url.replace("postgresql+asyncpg://", "postgresql://", 1)
    connection = await asyncpg.connect(plain_url)
    try:
        await connection.execute("SET jit = off")  # as the API runs its clustered tiles
        for row, scenario in zip(rows, scenarios(), strict=True):
            row.floor = await floor(connection, scenario, args.duration)
    finally:
        await connection.close()
    with servers.ours(database_url) as base:
        for row, scenario in zip(rows, scenarios(), strict=True):
            for concurrency in CONCURRENCIES:
                row.ours[concurrency] = await load(base, scenario.path, concurrency=concurrency,
                                                   duration=args.duration, body=scenario.body)
            print(f"  {size:>9,} {scenario.name:<14} ours p50 {row.ours[1].p50_ms:.1f} ms", flush=True)
    if args.peer:
        with servers.tipg(database_url) as base:
            for row, scenario in zip(rows, scenarios(), strict=True):
                if scenario.peer_path is None:
                    continue
                for concurrency in CONCURRENCIES:
                    row.peer[concurrency] = await load(base, scenario.peer_path, concurrency=concurrency,
                                                       duration=args.duration)
                print(f"  {size:>9,} {scenario.name:<14} tipg p50 {row.peer[1].p50_ms:.1f} ms", flush=True)
    return rows


def report(rows: list[Row], args: argparse.Namespace, peer_version: str | None) -> str:
    started = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return "\n".join([
        f"# Benchmark {started}", "", "## Machine", "", machine.describe(peer_version), "",
        "## Figures", "",
        f"Each cell: {args.duration:g} s of back-to-back requests per concurrency (at most {MAX_REQUESTS:,}), after "
        "3 warm-up requests; the API is uvicorn with 2 workers, tipg too. SQL p50: the statements the API runs "
        "for the request, prepared, through asyncpg without HTTP (for clustered tiles that is the uncached "
        "aggregation, which the API serves from its tile cache once built). ours/tipg: throughput at "
        f"concurrency {CONCURRENCIES[1]}.", "",
        table(rows, CONCURRENCIES), "", *match_against_nearest(rows),
    ])


def match_against_nearest(rows: list[Row]) -> list[str]:
    """The issue's target for buyer-match: p95 at concurrency 1 within 3× of the nearest-20 query's."""
    lines = []
    for size in dict.fromkeys(row.size for row in rows):
        found = {row.query: row.ours.get(1) for row in rows if row.size == size}
        match, nearest = found.get("buyer-match"), found.get("nearest 20")
        if match and nearest and (math.isnan(match.p95_ms) or math.isnan(nearest.p95_ms)):
            lines.append(f"Buyer-match at {size:,}: not compared, one of the two queries had no successful request.")
        elif match and nearest:
            ratio = match.p95_ms / nearest.p95_ms
            verdict = "met" if ratio <= 3 else "MISSED"
            lines.append(f"Buyer-match at {size:,}: p95 {match.p95_ms:.1f} ms at concurrency 1, {ratio:.2f}× the "
                         f"nearest-20 query's {nearest.p95_ms:.1f} ms (target ≤ 3×: {verdict}).")
    return [*lines, ""] if lines else []


async def main(args: argparse.Namespace) -> int:
    database_url = args.database_url
    if not database_url:
        raise SystemExit("Set BENCH_DATABASE_URL (make bench does) or pass --database-url.")
    await ensure_database(database_url)
    peer_version = None
    if args.peer:
        servers.ensure_tipg()
        peer_version = servers.tipg_version()
    rows: list[Row] = []
    goals: list[str] = []
    for size in args.sizes:
        size_rows = await run_size(database_url, size, args)
        rows += size_rows
        goals += await goals_tiles.measure(database_url, size, size_rows,
                                           goals_tiles.Durations().scaled(args.goals_scale))
        if size == max(args.sizes):  # issue 15's search goals are checked at the largest size
            goals.append(await goals_search.run(database_url, size, load, args.duration))
    text = "\n".join([report(rows, args, peer_version), *goals])
    args.output.mkdir(parents=True, exist_ok=True)
    name = f"{datetime.now(UTC):%Y-%m-%d}-{'-'.join(str(s) for s in args.sizes)}.md"
    (args.output / name).write_text(text, encoding="utf-8")
    print(text)
    print(f"written to {args.output / name}")
    return 0


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=lambda v: [int(s) for s in v.split(",")],
                        default=[10_000, 100_000, 1_000_000], help="Synthetic enterprises, comma-separated.")
    parser.add_argument("--duration", type=float, default=3.0, help="Seconds per load run.")
    parser.add_argument("--goals-scale", type=float, default=1.0,
                        help="Shorten the timed goals (first views under writes, peak and tail load) by this factor; "
                             "below 1 the figures are not the issue's.")
    parser.add_argument("--no-peer", dest="peer", action="store_false", help="Skip tipg.")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument("--reuse-data", action="store_true",
                        help="Keep the synthetic rows when exactly that many are loaded already.")
    parser.add_argument("--search-goals-only", action="store_true",
                        help="Run only the search and list goals (bench/goals_search.py).")
    return parser.parse_args(argv)


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main(parse())))
