"""The cache of encoded tiles: in Redis when REDIS_URL is set (shared by every worker and instance,
entries expire after TILE_CACHE_SECONDS), else in this process, bounded in bytes.

Entries are keyed by the version of the cells under the tile as well as the tile, so a write makes the
entries of the tiles it touched unreachable at once and leaves every other tile's entry in place;
nothing is deleted on writes, and no read path writes to the database (replicas refuse).
"""

import asyncio
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import cast

import redis.asyncio as redis
from redis.exceptions import RedisError

from api.config import Settings
from api.observability.metrics import TILE_CACHE

log = logging.getLogger("semap.tiles")


class TileCache:
    # A clustered tile is a few KB, a z12 tile over a city up to a few hundred: a bound in bytes keeps a
    # worker's share of memory flat whatever the mix.
    LOCAL_BYTES = 64 * 1024 * 1024

    def __init__(self, settings: Settings) -> None:
        self.redis = redis.from_url(settings.redis_url) if settings.redis_url else None
        self.prefix = settings.tile_cache_prefix
        self.seconds = settings.tile_cache_seconds
        self.local: OrderedDict[str, bytes] = OrderedDict()
        self.local_bytes = 0
        self.building: dict[str, asyncio.Future[bytes]] = {}

    def _key(self, key: str, version: int) -> str:
        return f"{self.prefix}{version}:{key}"

    async def get(self, key: str, version: int) -> bytes | None:
        name = self._key(key, version)
        body: bytes | None = None
        if self.redis is not None:
            try:
                body = cast(bytes | None, await self.redis.get(name))  # a client without decode_responses
            except (RedisError, OSError) as exc:
                log.warning("tile cache falls back to this process: Redis failed (%s)", exc)
                body = self.local.get(name)
        else:
            body = self.local.get(name)
            if body is not None:
                self.local.move_to_end(name)
        TILE_CACHE.labels("hit" if body is not None else "miss").inc()
        return body

    async def put(self, key: str, version: int, body: bytes) -> None:
        name = self._key(key, version)
        if self.redis is not None:
            try:
                await self.redis.set(name, body, ex=self.seconds)
                return
            except (RedisError, OSError) as exc:
                log.warning("tile cache falls back to this process: Redis failed (%s)", exc)
        self._put_local(name, body)

    def _put_local(self, name: str, body: bytes) -> None:
        if name in self.local:
            self.local_bytes -= len(self.local.pop(name))
        self.local[name] = body
        self.local_bytes += len(body)
        while self.local_bytes > self.LOCAL_BYTES and self.local:
            self.local_bytes -= len(self.local.popitem(last=False)[1])

    async def single_flight(self, name: str, build: Callable[[], Awaitable[bytes]]) -> bytes:
        """`build()`'s bytes, built once in this process however many requests miss the same entry at
        the same moment: after a write, a crowd asking for a popular tile waits for one query, not many."""
        pending = self.building.get(name)
        if pending is not None:
            return await asyncio.shield(pending)
        future: asyncio.Future[bytes] = asyncio.get_running_loop().create_future()
        self.building[name] = future
        try:
            body = await build()
        except asyncio.CancelledError:
            future.cancel()
            raise
        except Exception as exc:
            future.set_exception(exc)
            future.exception()  # retrieved here, so a build no one else waited for logs nothing
            raise
        finally:
            self.building.pop(name, None)
        future.set_result(body)
        return body

    async def close(self) -> None:
        if self.redis is not None:
            await self.redis.aclose()
