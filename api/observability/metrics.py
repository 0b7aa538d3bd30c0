"""Prometheus metrics: latency per route template, the database pools, the tile cache, and, read from
the database when scraped, the outbox and the worker's heartbeat.

With several uvicorn workers each process counts on its own; `semap serve` then sets
PROMETHEUS_MULTIPROC_DIR (prometheus_client's multiprocess mode), so that any worker answering a
scrape reports the sum of all of them.
"""

import os
from collections.abc import Awaitable, Callable

from prometheus_client import REGISTRY, CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector
from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

MULTIPROCESS_DIR_VARIABLE = "PROMETHEUS_MULTIPROC_DIR"
# The worker's last heartbeat as seconds ago (None: never seen); supplied by the worker's domain.
HeartbeatAge = Callable[[AsyncSession], Awaitable[float | None]]

REQUEST_DURATION = Histogram(
    "semap_http_request_duration_seconds", "Time from request to the end of the response, per route template.",
    ["method", "route", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
POOL_CHECKED_OUT = Gauge("semap_db_pool_checked_out", "Database connections in use, per database.",
                         ["database"], multiprocess_mode="livesum")
POOL_SIZE = Gauge("semap_db_pool_size", "Connections the pools keep (pool_size; up to max_overflow more).",
                  ["database"], multiprocess_mode="livesum")
TILE_CACHE = Counter("semap_tile_cache_requests_total",
                     "Tiles asked of the tile cache (clustered and point tiles, any zoom), by result.",
                     ["result"])

OUTBOX_COUNTS_SQL = text("""
SELECT count(*) FILTER (WHERE status = 'pending') AS queued, count(*) FILTER (WHERE status = 'failed') AS failed
FROM outbox_messages
""")


def observe_request(method: str, route: str, status: int, seconds: float) -> None:
    REQUEST_DURATION.labels(method, route, str(status)).observe(seconds)


def instrument_pool(engine: AsyncEngine, database: str) -> None:
    """Count the pool's checked-out connections through its own events."""
    pool = engine.sync_engine.pool
    POOL_SIZE.labels(database).inc(getattr(pool, "size", lambda: 0)())
    event.listen(pool, "checkout", lambda *_: POOL_CHECKED_OUT.labels(database).inc())
    event.listen(pool, "checkin", lambda *_: POOL_CHECKED_OUT.labels(database).dec())


def forget_pool(engine: AsyncEngine, database: str) -> None:
    """At shutdown: this process's pool no longer counts."""
    POOL_SIZE.labels(database).dec(getattr(engine.sync_engine.pool, "size", lambda: 0)())


def _process_metrics() -> bytes:
    directory = os.environ.get(MULTIPROCESS_DIR_VARIABLE)
    if not directory:
        return generate_latest(REGISTRY)
    registry = CollectorRegistry()
    MultiProcessCollector(registry, path=directory)  # type: ignore[no-untyped-call]  # prometheus_client leaves it untyped
    return generate_latest(registry)


class _Snapshot:
    """Gauges read at scrape time, exposed once through a registry of their own."""

    def __init__(self, families: list[GaugeMetricFamily]) -> None:
        self.families = families

    def collect(self) -> list[GaugeMetricFamily]:
        return self.families


async def _database_families(session: AsyncSession, heartbeat_age: HeartbeatAge | None) -> list[GaugeMetricFamily]:
    counts = (await session.execute(OUTBOX_COUNTS_SQL)).one()
    outbox = GaugeMetricFamily("semap_outbox_messages", "E-mails in the outbox by status (queued: not yet sent).",
                               labels=["status"])
    outbox.add_metric(["queued"], counts.queued)
    outbox.add_metric(["failed"], counts.failed)
    families = [outbox]
    age = await heartbeat_age(session) if heartbeat_age is not None else None
    if age is not None:
        families.append(GaugeMetricFamily("semap_worker_heartbeat_age_seconds",
                                          "Seconds since a worker last wrote its heartbeat.", value=age))
    return families


async def exposition(session: AsyncSession, heartbeat_age: HeartbeatAge | None) -> bytes:
    """The text exposition: this process's (or all workers') metrics, then the database's gauges."""
    registry = CollectorRegistry(auto_describe=True)
    registry.register(_Snapshot(await _database_families(session, heartbeat_age)))
    return _process_metrics() + generate_latest(registry)

