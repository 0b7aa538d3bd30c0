"""Percentiles and the Markdown report: pure functions, tested on fixed numbers."""

import math
from dataclasses import dataclass, field


def percentile(samples: list[float], p: float) -> float:
    """The p-th percentile (0..100) by linear interpolation between closest ranks."""
    if not samples:
        return math.nan
    ordered = sorted(samples)
    rank = (len(ordered) - 1) * p / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass
class Load:
    """Latencies (seconds) of the requests of one load run, and its wall time."""

    latencies: list[float]
    elapsed: float
    errors: int = 0
    size: int = 0  # bytes of the last response body

    @property
    def p50_ms(self) -> float:
        return percentile(self.latencies, 50) * 1000

    @property
    def p95_ms(self) -> float:
        return percentile(self.latencies, 95) * 1000

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.elapsed if self.elapsed > 0 else math.nan


@dataclass
class Row:
    size: int
    query: str
    ours: dict[int, Load] = field(default_factory=dict)  # by concurrency
    floor: Load | None = None
    peer: dict[int, Load] = field(default_factory=dict)


def _ms(value: float) -> str:
    return "–" if math.isnan(value) else (f"{value:.1f}" if value < 100 else f"{value:.0f}")


def _ratio(value: float) -> str:
    return "–" if math.isnan(value) or math.isinf(value) else f"{value:.2f}×"


def _loads(loads: dict[int, Load], concurrency: int) -> tuple[float, float, float]:
    load = loads.get(concurrency)
    return (load.p50_ms, load.p95_ms, load.rps) if load else (math.nan, math.nan, math.nan)


def table(rows: list[Row], concurrencies: tuple[int, int]) -> str:
    """The figures as one Markdown table: ours at both concurrencies, the floor, the peer, the ratios."""
    low, high = concurrencies
    header = (f"| size | query | p50 ms c{low} | p95 ms c{low} | req/s c{low} | p50 ms c{high} | p95 ms c{high} "
              f"| req/s c{high} | KB | SQL p50 ms | API/SQL p50 | tipg p50 ms c{low} | tipg req/s c{high} "
              f"| ours/tipg req/s c{high} |")
    lines = [header, "|" + "|".join(["---"] * (header.count("|") - 1)) + "|"]
    for row in rows:
        p50, p95, rps = _loads(row.ours, low)
        p50_8, p95_8, rps_8 = _loads(row.ours, high)
        floor = row.floor.p50_ms if row.floor else math.nan
        peer_p50, _, _ = _loads(row.peer, low)
        _, _, peer_rps = _loads(row.peer, high)
        size = row.ours[low].size / 1024 if low in row.ours else math.nan
        errors = sum(load.errors for load in [*row.ours.values(), *row.peer.values()])
        query = f"{row.query} (**{errors} errors**)" if errors else row.query
        lines.append(
            f"| {row.size:,} | {query} | {_ms(p50)} | {_ms(p95)} | {rps:.0f} | {_ms(p50_8)} | {_ms(p95_8)} "
            f"| {rps_8:.0f} | {size:.1f} | {_ms(floor)} | {_ratio(p50 / floor)} | {_ms(peer_p50)} "
            f"| {'–' if math.isnan(peer_rps) else f'{peer_rps:.0f}'} | {_ratio(rps_8 / peer_rps)} |")
    return "\n".join(lines)
