"""HTTP caching of public reads, so that browsers and a CDN can take load off the API.

Anonymous GETs of the public read paths (lists, search, regions, statistics, code lists, OGC, tiles)
that answer 200 get, unless the route set its own, `Cache-Control: public, max-age=0, s-maxage=N` and
`CDN-Cache-Control: max-age=N, stale-while-revalidate=5N` (RFC 9213): a CDN or shared cache keeps the
answer N seconds, while a browser revalidates every time (a cheap 304), so someone who just changed an
entry sees the change at once. A strong ETag of the body is added unless the route set one, and
`Vary: Authorization` keeps a token holder's answer (staff see more) apart from the public one.
"""

import hashlib
import re

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

PUBLIC_READS = re.compile(r"^/(api/v1/(enterprises|regions|taxonomies|stats|clusters/[^/]+/stats|tiles)|ogc)(/|$)")
# Larger bodies are sent as they come, without a computed ETag (buffering them would cost memory).
MAX_BUFFERED_BYTES = 4 * 1024 * 1024


def _matches(if_none_match: str, etag: str) -> bool:
    tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return etag.removeprefix("W/") in tags or "*" in tags


def _add_vary(headers: MutableHeaders, *names: str) -> None:
    present = {v.strip().lower() for v in headers.get("vary", "").split(",") if v.strip()}
    for name in names:
        if name.lower() not in present:
            headers.add_vary_header(name)


class PublicCacheMiddleware:
    def __init__(self, app: ASGIApp, *, max_age: int) -> None:
        self.app = app
        self.cache_control = f"public, max-age=0, s-maxage={max_age}"
        self.cdn_cache_control = f"max-age={max_age}, stale-while-revalidate={max_age * 5}"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] != "http" or scope["method"] not in ("GET", "HEAD")
                or not PUBLIC_READS.match(scope["path"])):
            await self.app(scope, receive, send)
            return
        request_headers = Headers(scope=scope)
        if "authorization" in request_headers:
            await self.app(scope, receive, self._vary_only(send))
            return
        await self._public(scope, receive, send, request_headers.get("if-none-match"))

    @staticmethod
    def _vary_only(send: Send) -> Send:
        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                _add_vary(MutableHeaders(scope=message), "Authorization")
            await send(message)
        return wrapped

    async def _public(self, scope: Scope, receive: Receive, send: Send, if_none_match: str | None) -> None:
        start: Message | None = None
        chunks: list[bytes] = []
        size = 0
        passthrough = False

        async def buffered(message: Message) -> None:
            nonlocal start, size, passthrough
            if message["type"] == "http.response.start":
                start = message
                headers = MutableHeaders(scope=message)
                if message["status"] != 200:
                    passthrough = True
                    await send(message)
                    return
                if "cache-control" not in headers:
                    headers["cache-control"] = self.cache_control
                    headers["cdn-cache-control"] = self.cdn_cache_control
                _add_vary(headers, "Authorization")
                if "etag" in headers or scope["method"] == "HEAD":  # the route's own validator, or no body
                    passthrough = True
                    if if_none_match and "etag" in headers and _matches(if_none_match, headers["etag"]):
                        await _send_not_modified(send, headers)
                        return
                    await send(message)
                return
            if passthrough:
                await send(message)
                return
            assert start is not None
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > MAX_BUFFERED_BYTES and message.get("more_body", False):
                passthrough = True  # too big to hash: stream it on without an ETag
                await send(start)
                await send({"type": "http.response.body", "body": b"".join(chunks), "more_body": True})
                return
            if message.get("more_body", False):
                return
            body = b"".join(chunks)
            headers = MutableHeaders(scope=start)
            headers["etag"] = f'"{hashlib.blake2b(body, digest_size=16).hexdigest()}"'
            if if_none_match and _matches(if_none_match, headers["etag"]):
                await _send_not_modified(send, headers)
                return
            await send(start)
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, buffered)


async def _send_not_modified(send: Send, headers: MutableHeaders) -> None:
    kept = [(name.encode("latin-1"), value.encode("latin-1")) for name, value in headers.items()
            if name in ("cache-control", "cdn-cache-control", "etag", "vary", "content-location", "date", "expires")]
    await send({"type": "http.response.start", "status": 304, "headers": kept})
    await send({"type": "http.response.body", "body": b""})
