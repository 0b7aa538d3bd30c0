"""ASGI middleware: body size limit and security headers."""

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
    """Refuse bodies over the limit with a 413, by Content-Length or while streaming."""

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
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await self._too_large(scope, receive, send, limit)
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _BodyTooLarge
            return message

        try:
            await self.app(scope, counting_receive, send)
        except _BodyTooLarge:
            await self._too_large(scope, receive, send, limit)

    @staticmethod
    async def _too_large(scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        response = problem_response(413, "payload_too_large", "Payload too large",
                                    f"The request body is larger than {limit} bytes.")
        await response(scope, receive, send)


class _BodyTooLarge(Exception):
    pass
