"""Rate limits: in process and shared through the real local Redis, 429 with Retry-After."""

import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest
import redis.asyncio as redis
from fastapi import Depends
from httpx import ASGITransport, AsyncClient

from api.config import Settings
from api.ratelimit import RateLimiter, rate_limit

REDIS_URL = "redis://127.0.0.1:6379/15"


class Clock:
    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def redis_settings(settings: Settings) -> AsyncIterator[Settings]:
    """Settings pointing at Redis db 15 with a prefix of this test's own; its keys are removed after."""
    prefix = f"semap-test-admin:{uuid.uuid4().hex}:"
    yield settings.model_copy(update={"redis_url": REDIS_URL, "rate_limit_prefix": prefix,
                                      "rate_limit_match_per_minute": 3})
    client = redis.from_url(REDIS_URL)
    keys = [key async for key in client.scan_iter(match=f"{prefix}*")]
    if keys:
        await client.delete(*keys)
    await client.aclose()


async def test_local_counters_refuse_past_the_limit_until_the_window_ends(settings: Settings) -> None:
    clock = Clock()
    limiter = RateLimiter(settings.model_copy(update={"rate_limit_match_per_minute": 2}), clock=clock)
    verdicts = [await limiter.hit("match", "ip:1.2.3.4") for _ in range(3)]
    assert [v.allowed for v in verdicts] == [True, True, False]
    assert 1 <= verdicts[-1].retry_after <= 60
    assert (await limiter.hit("match", "ip:5.6.7.8")).allowed  # another caller has its own count
    clock.now += verdicts[-1].retry_after
    assert (await limiter.hit("match", "ip:1.2.3.4")).allowed


async def test_redis_counters_are_shared_between_workers(redis_settings: Settings) -> None:
    clock = Clock()
    first, second = RateLimiter(redis_settings, clock=clock), RateLimiter(redis_settings, clock=clock)
    try:
        allowed = [(await limiter.hit("match", "ip:9.9.9.9")).allowed for limiter in (first, second, first, second)]
        assert allowed == [True, True, True, False]
        assert first.local._windows == {}  # nothing was counted in process
        client = redis.from_url(REDIS_URL)
        keys = [key async for key in client.scan_iter(match=f"{redis_settings.rate_limit_prefix}*")]
        assert len(keys) == 1 and 0 < await client.ttl(keys[0]) <= 65
        await client.aclose()
    finally:
        await first.close()
        await second.close()


async def test_unreachable_redis_falls_back_to_process_counters(settings: Settings) -> None:
    limiter = RateLimiter(settings.model_copy(update={"redis_url": "redis://127.0.0.1:1/0",
                                                      "rate_limit_match_per_minute": 1}))
    try:
        assert [(await limiter.hit("match", "ip:1.1.1.1")).allowed for _ in range(2)] == [True, False]
    finally:
        await limiter.close()


def test_unknown_policy_is_refused_when_the_route_is_declared() -> None:
    with pytest.raises(KeyError):
        rate_limit("no-such-policy")


async def _limited_client(app: Any, settings: Settings) -> AsyncClient:
    app.state.settings = settings
    # A fixed clock, so that a window boundary cannot fall between two requests of a test.
    app.state.rate_limiter = RateLimiter(settings, clock=Clock())

    async def limited() -> dict[str, bool]:
        return {"ok": True}

    app.add_api_route("/test-limited", limited, methods=["POST"], dependencies=[Depends(rate_limit("match"))])
    return AsyncClient(transport=ASGITransport(app=app, raise_app_exceptions=False), base_url="http://test")


@pytest.mark.parametrize("shared", [False, True], ids=["in-process", "redis"])
async def test_over_the_limit_is_a_429_problem_with_retry_after(app: Any, settings: Settings,
                                                                redis_settings: Settings, shared: bool) -> None:
    chosen = redis_settings if shared else settings.model_copy(update={"rate_limit_match_per_minute": 3})
    async with await _limited_client(app, chosen) as client:
        codes = [(await client.post("/test-limited")).status_code for _ in range(4)]
        refused = await client.post("/test-limited")
    await app.state.rate_limiter.close()
    assert codes == [200, 200, 200, 429]
    assert refused.headers["content-type"] == "application/problem+json"
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert refused.json()["code"] == "rate_limited"


async def test_integration_tokens_get_a_higher_limit(app: Any, settings: Settings,
                                                     integration_headers: dict, admin_headers: dict) -> None:
    chosen = settings.model_copy(update={"rate_limit_match_per_minute": 1, "rate_limit_integration_multiplier": 3})
    async with await _limited_client(app, chosen) as client:
        integration = [(await client.post("/test-limited", headers=integration_headers)).status_code
                       for _ in range(4)]
        admin = [(await client.post("/test-limited", headers=admin_headers)).status_code for _ in range(2)]
    assert integration == [200, 200, 200, 429]
    assert admin == [200, 429]  # per token: the integration token's count is its own
