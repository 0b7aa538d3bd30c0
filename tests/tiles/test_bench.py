"""The benchmark cannot rot: its statistics on fixed numbers, and a tiny end-to-end run on a scratch database."""

import asyncio
import math
import subprocess
import sys
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from api import migrate
from bench.stats import Load, Row, percentile, table


def test_percentiles_interpolate_between_ranks() -> None:
    samples = [0.004, 0.001, 0.003, 0.002, 0.005]
    assert percentile(samples, 50) == 0.003
    assert math.isclose(percentile(samples, 95), 0.0048)
    assert percentile([0.007], 95) == 0.007
    assert math.isnan(percentile([], 50))


def test_table_shows_ratios_to_the_floor_and_the_peer() -> None:
    row = Row(1_000_000, "tile z12",
              ours={1: Load([0.002] * 10, 0.02, size=2048), 8: Load([0.004] * 80, 0.04)},
              floor=Load([0.001] * 10, 0.01),
              peer={1: Load([0.010] * 10, 0.1), 8: Load([0.02] * 40, 0.1)})
    markdown = table([row], (1, 8))
    header, rule, line = markdown.splitlines()
    assert header.count("|") == rule.count("|") == line.count("|")
    cells = [c.strip() for c in line.strip("|").split("|")]
    assert cells[:3] == ["1,000,000", "tile z12", "2.0"]
    assert cells[7] == "2000"  # 80 requests in 0.04 s
    assert cells[8] == "2.0"  # KB
    assert cells[10] == "2.00×"  # API p50 / SQL p50
    assert cells[13] == "5.00×"  # 2000 req/s against tipg's 400


def read_report(folder: Path) -> str:
    [report] = folder.glob("*-200.md")
    return report.read_text()


async def test_bench_runs_end_to_end_on_a_small_dataset(engine: AsyncEngine, tmp_path: Path) -> None:
    url = make_url(engine.url).set(database=f"{engine.url.database}_bench")
    database_url = url.render_as_string(hide_password=False)
    await migrate.recreate_database(database_url)
    command = [sys.executable, "-m", "bench", "--sizes", "200", "--duration", "0.3", "--goals-scale", "0.05",
               "--no-peer", "--database-url", database_url, "--output", str(tmp_path)]
    # The timeout only stops a hung run; the load phases are shortened by --goals-scale.
    result = await asyncio.to_thread(subprocess.run, command, capture_output=True, text=True, timeout=900,
                                     check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    text = await asyncio.to_thread(read_report, tmp_path)
    assert "## Machine" in text and "cores" in text
    rows = [line for line in text.splitlines() if line.startswith("| 200 |")]
    assert [line.split("|")[2].strip() for line in rows] == [
        "bbox city", "bbox country", "radius 50 km", "nearest 20", "buyer-match", "text + filter", "tile z5",
        "tile z8", "tile z12", "OGC items"]
