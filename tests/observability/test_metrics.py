"""GET /metrics: for admin and monitoring tokens only, with latency per route, the outbox, tiles and the worker."""

from typing import Any

from httpx import AsyncClient
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from api.auth import service as auth_service
from api.auth.models import Role
from api.config import Settings
from api.db import create_engine
from api.observability import metrics
from api.outbox.models import OutboxMessage
from tests.factories import make_organisation


def _samples(text: str) -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found.setdefault(sample.name, []).append(sample)
    return found


async def _monitoring_headers(session: AsyncSession) -> dict[str, str]:
    _, plaintext = await auth_service.create_token(session, name="prometheus", role=Role.monitoring)
    await session.commit()
    return {"Authorization": f"Bearer {plaintext}"}


async def test_metrics_are_not_public_nor_for_editors(client: AsyncClient, editor_headers: dict[str, str]) -> None:
    assert (await client.get("/metrics")).status_code == 401
    assert (await client.get("/metrics", headers=editor_headers)).status_code == 403


async def test_a_monitoring_token_reads_metrics_and_nothing_else(client: AsyncClient, session: AsyncSession) -> None:
    headers = await _monitoring_headers(session)
    assert (await client.get("/api/v1/admin/tokens", headers=headers)).status_code == 403
    response = await client.get("/metrics", headers=headers)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
    assert response.headers["cache-control"] == "no-store"


async def test_metrics_carry_latency_per_route_template_the_outbox_and_the_tile_cache(
        client: AsyncClient, session: AsyncSession, admin_headers: dict[str, str]) -> None:
    session.add_all([OutboxMessage(to_address="a@example.org", subject="s", body_text="b"),
                     OutboxMessage(to_address="b@example.org", subject="s", body_text="b", status="failed")])
    await session.commit()
    organisation = await make_organisation(session)  # in Cluj-Napoca, under tile 4/9/5
    await session.commit()
    assert (await client.get(f"/api/v1/enterprises/{organisation.id}")).status_code == 200
    assert (await client.get("/api/v1/tiles/enterprises/4/9/5.mvt")).status_code == 200
    samples = _samples((await client.get("/metrics", headers=admin_headers)).text)
    routes = {s.labels["route"] for s in samples["semap_http_request_duration_seconds_count"]}
    assert "/api/v1/enterprises/{key}" in routes and "/api/v1/enterprises/1" not in routes
    outbox = {s.labels["status"]: s.value for s in samples["semap_outbox_messages"]}
    assert outbox["queued"] >= 1 and outbox["failed"] >= 1
    assert {s.labels["result"] for s in samples["semap_tile_cache_requests_total"]} >= {"miss"}


async def test_the_worker_heartbeat_age_is_reported_when_the_worker_domain_supplies_it(
        app: Any, client: AsyncClient, admin_headers: dict[str, str]) -> None:
    assert "semap_worker_heartbeat_age_seconds" not in _samples((await client.get("/metrics",
                                                                                  headers=admin_headers)).text)

    async def twelve_seconds(_: AsyncSession) -> float:
        return 12.5

    app.state.worker_heartbeat_age = twelve_seconds
    samples = _samples((await client.get("/metrics", headers=admin_headers)).text)
    assert samples["semap_worker_heartbeat_age_seconds"][0].value == 12.5


async def test_pool_gauges_follow_checkouts(settings: Settings, engine: AsyncEngine) -> None:
    pooled = create_engine(settings, name="semap-metrics-test")
    metrics.instrument_pool(pooled, "metrics-test")
    gauge = metrics.POOL_CHECKED_OUT.labels("metrics-test")
    try:
        async with pooled.connect():
            assert gauge._value.get() == 1
        assert gauge._value.get() == 0
        assert metrics.POOL_SIZE.labels("metrics-test")._value.get() == settings.db_pool_size
    finally:
        metrics.forget_pool(pooled, "metrics-test")
        await pooled.dispose()
