"""The cache of encoded clustered tiles: in Redis when REDIS_URL is set (shared by every worker and
instance, entries expire after TILE_CACHE_SECONDS), else in this process, bounded.

Entries are keyed by the data version as well as the tile, so a write makes the old ones unreachable
at once; nothing is deleted on writes, and no read path writes to the database (replicas refuse).
"""

import logging
from collections import OrderedDict
from typing import cast

import redis.asyncio as redis
from redis.exceptions import RedisError

from api.config import Settings
from api.observability.metrics import TILE_CACHE

log = logging.getLogger("semap.tiles")


class TileCache:
    LOCAL_ENTRIES = 2048  # clustered tiles are a few KB: a few MB per worker at most

    def __init__(self, settings: Settings) -> None:
        self.redis = redis.from_url(settings.redis_url) if settings.redis_url else None
        self.prefix = settings.tile_cache_prefix
        self.seconds = settings.tile_cache_seconds
        self.local: OrderedDict[str, bytes] = OrderedDict()

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
        self.local[name] = body
        if len(self.local) > self.LOCAL_ENTRIES:
            self.local.popitem(last=False)

    async def close(self) -> None:
        if self.redis is not None:
            await self.redis.aclose()
