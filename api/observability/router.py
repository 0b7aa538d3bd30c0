"""GET /metrics: Prometheus' text format, for an admin or a monitoring (scraper) token only."""

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST

from api.auth.dependencies import require_role
from api.auth.models import ApiToken, Role
from api.db import SessionDep
from api.observability import metrics

router = APIRouter(tags=["health"])

MetricsReader = Annotated[ApiToken, Depends(require_role(Role.admin, Role.monitoring))]


@router.get("/metrics", response_class=Response, summary="Prometheus metrics (admin or monitoring token)",
            responses={200: {"content": {CONTENT_TYPE_LATEST.split(";")[0]: {"schema": {"type": "string"}}},
                             "description": "The text exposition format."}})
async def get_metrics(request: Request, session: SessionDep, _: MetricsReader) -> Response:
    """Request latency per route template, the database pools, the tile cache, the outbox (queued and
    failed) and the worker's heartbeat age. Give a scraper a token of the role `monitoring`."""
    body = await metrics.exposition(session, request.app.state.worker_heartbeat_age)
    return Response(body, media_type=CONTENT_TYPE_LATEST, headers={"Cache-Control": "no-store"})
