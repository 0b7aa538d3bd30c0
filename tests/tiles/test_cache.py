"""The tile cache: shared through Redis by every worker, keyed by data version, never in the database."""

import asyncio
import uuid
from collections.abc import AsyncIterator

import pytest
import redis.asyncio as redis
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from api.config import Settings
from api.observability.metrics import TILE_CACHE
from api.tiles.cache import TileCache

REDIS_URL = "redis://127.0.0.1:6379/15"


@pytest.fixture
async def redis_settings(settings: Settings) -> AsyncIterator[Settings]:
    prefix = f"semap:h14b-test:tile:{uuid.uuid4().hex}:"
    yield settings.model_copy(update={"redis_url": REDIS_URL, "tile_cache_prefix": prefix, "tile_cache_seconds": 30})
    client = redis.from_url(REDIS_URL)
    async for key in client.scan_iter(match=f"{prefix}*"):
        await client.delete(key)
    await client.aclose()


async def test_workers_share_tiles_through_redis_with_an_expiry(redis_settings: Settings) -> None:
    first, second = TileCache(redis_settings), TileCache(redis_settings)
    hits_before = TILE_CACHE.labels("hit")._value.get()
    try:
        await first.put("k1", 7, b"tile bytes")
        assert await second.get("k1", 7) == b"tile bytes"
        assert await second.get("k1", 8) is None  # a write bumped the version: the old entry is out of reach
        client = redis.from_url(REDIS_URL)
        ttl = await client.ttl(f"{redis_settings.tile_cache_prefix}7:k1")
        await client.aclose()
        assert 0 < ttl <= 30
        assert TILE_CACHE.labels("hit")._value.get() == hits_before + 1
    finally:
        await first.close()
        await second.close()


async def test_without_redis_the_process_keeps_a_cache_bounded_in_bytes(settings: Settings) -> None:
    cache = TileCache(settings.model_copy(update={"redis_url": None}))
    cache.LOCAL_BYTES = 1000
    for i in range(15):
        await cache.put(f"k{i}", 1, b"x" * 100)
    assert len(cache.local) == 10 and cache.local_bytes == 1000
    assert await cache.get("k4", 1) is None and await cache.get("k5", 1) == b"x" * 100


async def test_a_crowd_missing_one_tile_builds_it_once(settings: Settings) -> None:
    cache = TileCache(settings.model_copy(update={"redis_url": None}))
    started, release = asyncio.Event(), asyncio.Event()
    builds = 0

    async def build() -> bytes:
        nonlocal builds
        builds += 1
        started.set()
        await release.wait()
        return b"tile"

    crowd = [asyncio.create_task(cache.single_flight("7:k", build)) for _ in range(5)]
    await started.wait()
    release.set()
    assert await asyncio.gather(*crowd) == [b"tile"] * 5
    assert builds == 1 and not cache.building


async def test_unreachable_redis_falls_back_to_the_process(settings: Settings) -> None:
    cache = TileCache(settings.model_copy(update={"redis_url": "redis://127.0.0.1:1/0"}))
    await cache.put("k", 3, b"body")
    assert await cache.get("k", 3) == b"body"
    await cache.close()


async def test_the_tile_cache_table_is_gone_and_jit_is_off_by_database_setting(session: AsyncSession) -> None:
    assert await session.scalar(text("SELECT to_regclass('tile_cache')")) is None
    # A session that asked for nothing in its startup packet (as through PgBouncer) has JIT off.
    assert await session.scalar(text("SHOW jit")) == "off"
    assert await session.scalar(text("SELECT current_setting('application_name')")) == "semap-api"
