"""Rate limits per token or client address: fixed-window counters in Redis, or in process.

Reuse with `dependencies=[Depends(rate_limit("inquiries"))]` on a route. With `REDIS_URL` set the
counters are shared by every worker (INCR and EXPIRE in one MULTI, so a window always expires);
without it, or when Redis cannot be reached, each process counts on its own.
"""

import logging
import math
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated

import redis.asyncio as redis
from fastapi import Depends, Request
from redis.exceptions import RedisError

from api.auth.dependencies import optional_token
from api.auth.models import ApiToken, Role
from api.config import Settings
from api.errors import TooManyRequests, raises

log = logging.getLogger("semap.ratelimit")


@dataclass(frozen=True)
class Policy:
    limit: int
    window_seconds: int


def _policies(settings: Settings) -> dict[str, Policy]:
    return {
        "submissions": Policy(settings.rate_limit_submissions_per_hour, 3600),
        "inquiries": Policy(settings.rate_limit_inquiries_per_hour, 3600),
        "match": Policy(settings.rate_limit_match_per_minute, 60),
        "full_exports": Policy(settings.rate_limit_full_exports_per_hour, 3600),
    }


POLICY_NAMES = frozenset(_policies(Settings()).keys())


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    count: int
    retry_after: int


class LocalCounters:
    """Fixed windows in this process's memory: the fallback when there is no Redis."""

    MAX_KEYS = 100_000

    def __init__(self) -> None:
        self._windows: dict[str, tuple[float, int]] = {}  # key -> (end of its window, count)

    def hit(self, key: str, policy: Policy, now: float) -> Verdict:
        window_end = (now // policy.window_seconds + 1) * policy.window_seconds
        seen_end, count = self._windows.get(key, (window_end, 0))
        count = count + 1 if seen_end == window_end else 1
        self._windows[key] = (window_end, count)
        if len(self._windows) > self.MAX_KEYS:
            self._windows = {k: v for k, v in self._windows.items() if v[0] > now}
        return Verdict(count <= policy.limit, count, max(1, math.ceil(window_end - now)))


class RateLimiter:
    """Counts hits per (policy, caller) and says whether one more is allowed."""

    def __init__(self, settings: Settings, clock: Callable[[], float] = time.time) -> None:
        self.policies = _policies(settings)
        self.multiplier = settings.rate_limit_integration_multiplier
        self.prefix = settings.rate_limit_prefix
        self.redis = redis.from_url(settings.redis_url) if settings.redis_url else None
        self.local = LocalCounters()
        self.clock = clock

    def policy_for(self, name: str, token: ApiToken | None) -> Policy:
        policy = self.policies[name]
        if token is not None and token.role == Role.integration.value:
            return Policy(policy.limit * self.multiplier, policy.window_seconds)
        return policy

    async def hit(self, name: str, caller: str, token: ApiToken | None = None) -> Verdict:
        policy = self.policy_for(name, token)
        now = self.clock()
        if self.redis is not None:
            try:
                return await self._hit_redis(name, caller, policy, now)
            except (RedisError, OSError) as exc:
                log.warning("rate limit counters fall back to this process: Redis failed (%s)", exc)
        return self.local.hit(f"{name}:{caller}", policy, now)

    async def _hit_redis(self, name: str, caller: str, policy: Policy, now: float) -> Verdict:
        assert self.redis is not None
        window = int(now // policy.window_seconds)
        key = f"{self.prefix}{name}:{caller}:{window}"
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            # A little longer than the window, so a slow clock on one worker still finds it.
            pipe.expire(key, policy.window_seconds + 5, nx=True)
            count, _ = await pipe.execute()
        retry_after = max(1, math.ceil((window + 1) * policy.window_seconds - now))
        return Verdict(int(count) <= policy.limit, int(count), retry_after)

    async def close(self) -> None:
        if self.redis is not None:
            await self.redis.aclose()


def limiter_of(request: Request) -> RateLimiter:
    """The app's limiter, made on first use from the app's settings (one per worker)."""
    limiter: RateLimiter | None = getattr(request.app.state, "rate_limiter", None)
    if limiter is None:
        limiter = RateLimiter(request.app.state.settings)
        request.app.state.rate_limiter = limiter
    return limiter


def caller_of(request: Request, token: ApiToken | None) -> str:
    if token is not None:
        return f"token:{token.id}"
    # uvicorn runs with proxy_headers, so behind a trusted proxy this is the client's address.
    return f"ip:{request.client.host if request.client else 'unknown'}"


def rate_limit(name: str) -> Callable[..., Awaitable[None]]:
    """A dependency that refuses the request with 429 and Retry-After past the policy's limit."""
    if name not in POLICY_NAMES:
        raise KeyError(f"unknown rate-limit policy {name!r}; known: {', '.join(sorted(POLICY_NAMES))}")

    @raises(429)
    async def check(request: Request, token: Annotated[ApiToken | None, Depends(optional_token)]) -> None:
        limiter = limiter_of(request)
        verdict = await limiter.hit(name, caller_of(request, token), token)
        if not verdict.allowed:
            policy = limiter.policy_for(name, token)
            raise TooManyRequests(f"At most {policy.limit} requests per {policy.window_seconds} s for {name}; "
                                  f"retry in {verdict.retry_after} s.", retry_after=verdict.retry_after)

    return check
