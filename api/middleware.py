"""ASGI middleware: body size limit, NUL characters and security headers."""

import contextlib
import json
import re
from typing import Any
from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import problem_response

SECURITY_HEADERS = {
    b"x-content-type-options": b"nosniff",
    b"referrer-policy": b"strict-origin-when-cross-origin",
    b"x-frame-options": b"DENY",
    b"cross-origin-opener-policy": b"same-origin",
    b"permissions-policy": b"geolocation=(self), camera=(), microphone=()",
}
# /docs (api/apidocs.py): Swagger UI from this origin and no inline script; it sets inline styles and
# draws icons from data: URIs.
DOCS_CSP = (b"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            b"connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; "
            b"frame-ancestors 'none'")
# Sent only over HTTPS (RFC 6797 forbids it over plain HTTP); behind a proxy the scheme is the forwarded one,
# from proxies uvicorn trusts. A year, the usual minimum for preload lists; subdomains are left alone.
HSTS = b"max-age=31536000"


def content_security_policy(map_origins: list[str]) -> bytes:
    """MapLibre needs blob: workers and inline styles; nothing is loaded from other origins but a
    configured base map's (its style, tiles, glyphs and sprites: fetched, and sprites drawn as images)."""
    extra = "".join(f" {origin}" for origin in map_origins)
    return (f"default-src 'self'; img-src 'self' data: blob:{extra}; style-src 'self' 'unsafe-inline'; "
            f"worker-src 'self' blob:; child-src blob:; frame-src 'self' blob:; connect-src 'self'{extra}; "
            f"font-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'").encode()


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp, *, map_origins: list[str] | None = None) -> None:
        self.app = app
        self.headers = {**SECURITY_HEADERS, b"content-security-policy": content_security_policy(map_origins or [])}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        is_docs = scope["path"] == "/docs" or scope["path"].startswith("/docs/")
        hsts = [(b"strict-transport-security", HSTS)] if scope.get("scheme") == "https" else []
        # /embed sets its own CSP with frame-ancestors from the allowed sites; X-Frame-Options would deny them.
        skipped = {b"x-frame-options"} if scope["path"] == "/embed" else set()

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(name, DOCS_CSP if is_docs and name == b"content-security-policy" else value)
                         for name, value in self.headers.items() if name not in present | skipped]
                message["headers"] = [*message.get("headers", []), *extra, *hsts]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodySizeLimitMiddleware:
    """Refuse bodies over the limit with a 413, by Content-Length or while streaming (chunked bodies)."""

    def __init__(self, app: ASGIApp, *, max_json_bytes: int, max_upload_bytes: int) -> None:
        self.app = app
        self.max_json_bytes = max_json_bytes
        self.max_upload_bytes = max_upload_bytes

    def _limit(self, scope: Scope) -> int:
        headers = dict(scope.get("headers", []))
        content_type = headers.get(b"content-type", b"").decode("latin-1").lower()
        return self.max_upload_bytes if content_type.startswith("multipart/") else self.max_json_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self._limit(scope)
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isascii() and declared.isdigit() and int(declared) > limit:
            await self._too_large(scope, receive, send, limit)
            return
        received = 0
        exceeded = started = False

        async def counting_receive() -> Message:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    exceeded = True
                    raise _BodyTooLarge
            return message

        async def guarded_send(message: Message) -> None:
            # The app may catch the error while it reads the body and answer 400 (FastAPI does):
            # that answer is dropped, the 413 below goes out instead.
            nonlocal started
            if not exceeded:
                started = started or message["type"] == "http.response.start"
                await send(message)

        with contextlib.suppress(_BodyTooLarge):
            await self.app(scope, counting_receive, guarded_send)
        if exceeded and not started:
            await self._too_large(scope, receive, send, limit)

    @staticmethod
    async def _too_large(scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        response = problem_response(413, "payload_too_large", "Payload too large",
                                    f"The request body is larger than {limit} bytes.",
                                    headers={"Connection": "close"})
        await response(scope, receive, send)


class _BodyTooLarge(Exception):
    pass


# A JSON string can hold NUL only as the escape \u0000 (raw control characters are invalid JSON);
# an even run of backslashes before it would make it literal text instead.
_JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000")


class NulCharacterMiddleware:
    """No NUL character reaches PostgreSQL, which cannot store one in text (a 500 before): refused with a 422
    naming where it was, in the path, the query string or a JSON body, before any route runs."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        pointer = _nul_in_url(scope)
        if pointer is None and _is_json(scope):
            body, receive = await _buffered(receive)
            pointer = _nul_in_json(body)
        if pointer is not None:
            response = problem_response(422, "validation", "Invalid request",
                                        f"{pointer.lstrip('/')}: NUL characters are not allowed in text.",
                                        errors=[{"pointer": pointer, "message": "NUL characters are not allowed",
                                                 "type": "string_nul"}])
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


def _nul_in_url(scope: Scope) -> str | None:
    if "\x00" in scope["path"]:
        return "/path"
    query: str = scope.get("query_string", b"").decode("latin-1")
    if "%00" not in query and "\x00" not in query:
        return None
    for name, value in parse_qsl(query, keep_blank_values=True, errors="replace"):
        if "\x00" in name or "\x00" in value:
            return "/query/" + name.replace("\x00", "")
    return None


def _is_json(scope: Scope) -> bool:
    content_type: bytes = dict(scope.get("headers", [])).get(b"content-type", b"").split(b";")[0].strip().lower()
    return content_type == b"application/json" or content_type.endswith(b"+json")


async def _buffered(receive: Receive) -> tuple[bytes, Receive]:
    """The whole body (JSON bodies are small: BodySizeLimitMiddleware bounds them), and a receive that replays it."""
    chunks, more = [], True
    while more:
        message = await receive()
        if message["type"] != "http.request":
            return b"", receive
        chunks.append(message.get("body", b""))
        more = message.get("more_body", False)
    body = b"".join(chunks)
    replayed = False

    async def replay() -> Message:
        nonlocal replayed
        if replayed:
            return await receive()
        replayed = True
        return {"type": "http.request", "body": body, "more_body": False}

    return body, replay


def _nul_in_json(body: bytes) -> str | None:
    if not _JSON_NUL.search(body):
        return None
    try:
        document = json.loads(body)
    except (ValueError, RecursionError):
        return None  # not JSON: the route refuses it anyway
    return _nul_pointer(document, "") or "/"


def _nul_pointer(value: Any, at: str) -> str | None:
    """The JSON pointer of the first string (or key) with a NUL in it."""
    stack = [(value, at)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, str) and "\x00" in item:
            return where or "/"
        if isinstance(item, dict):
            for key, child in item.items():
                if "\x00" in key:
                    return where + "/" + str(key).replace("\x00", "")
                stack.append((child, f"{where}/{key}"))
        elif isinstance(item, list):
            stack.extend((child, f"{where}/{n}") for n, child in enumerate(item))
    return None
