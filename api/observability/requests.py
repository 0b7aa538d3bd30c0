"""One JSON log line and one latency observation per request, under a request id."""

import logging
import re
import time
import uuid
from typing import Any

from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.observability import metrics

log = logging.getLogger("semap.access")

# An incoming id is kept only when it cannot break a header or a log line, nor flood either.
REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{8,128}")


def _incoming_request_id(scope: Scope) -> str | None:
    for name, value in scope.get("headers", []):
        if name == b"x-request-id":
            candidate = value.decode("latin-1")
            return candidate if REQUEST_ID.fullmatch(candidate) else None
    return None


def route_template(scope: Scope, status: int) -> str:
    """The matched route's template (`/api/v1/enterprises/{key}`), never the raw path: bounded label
    values, and no identifiers or secrets in logs. The SPA's pages are `spa`, any other miss `unmatched`."""
    route = scope.get("route")
    if isinstance(route, BaseRoute) and hasattr(route, "path"):
        return str(route.path)
    if scope["path"].startswith("/assets/"):  # the SPA's hashed files (a mount, which FastAPI leaves unnamed)
        return "/assets/{path}"
    return "spa" if status < 400 else "unmatched"


class RequestObserver:
    """Outermost but for the trusted-proxy middleware, so that it sees the real client and every status."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = _incoming_request_id(scope) or uuid.uuid4().hex
        state: dict[str, Any] = scope.setdefault("state", {})
        state["request_id"] = request_id
        status = 500  # what the client gets when the app fails before answering
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []), (b"x-request-id", request_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            seconds = time.perf_counter() - started
            route = route_template(scope, status)
            metrics.observe_request(scope["method"], route, status, seconds)
            log.info("request", extra={"fields": {
                "request_id": request_id, "method": scope["method"], "route": route, "status": status,
                "duration_ms": round(seconds * 1000, 2),
                "client": scope["client"][0] if scope.get("client") else None,
                "token_id": state.get("token_id"),
            }})
