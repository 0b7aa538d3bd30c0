"""The built SPA's files, sent precompressed (brotli or gzip, made at build time) by Accept-Encoding.

Vite names every file under assets/ by its content's hash, so those are cached for a year and never
revalidated; any other file (index.html, the MapLibre worker, fonts, base map) is revalidated by ETag.
"""

import mimetypes
import os
from pathlib import Path

from starlette.datastructures import Headers
from starlette.responses import FileResponse, Response
from starlette.staticfiles import NotModifiedResponse, StaticFiles
from starlette.types import Scope

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
# Preferred first: brotli is a fifth smaller than gzip on JavaScript.
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))


def accepted_encodings(accept_encoding: str) -> set[str]:
    """The codings the client takes (RFC 9110 §12.5.3), those with q=0 left out."""
    accepted = set()
    for part in accept_encoding.lower().split(","):
        coding, _, params = part.strip().partition(";")
        q = params.strip().removeprefix("q=") if params.strip().startswith("q=") else "1"
        try:
            if float(q) > 0:
                accepted.add(coding.strip())
        except ValueError:
            continue
    return accepted


def file_response(path: Path, request_headers: Headers, cache_control: str, status_code: int = 200,
                  stat_result: os.stat_result | None = None) -> Response:
    """The file, or its precompressed sibling when the client takes that coding, or a 304."""
    accepted = accepted_encodings(request_headers.get("accept-encoding", ""))
    media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    sent, coding = path, None
    for name, suffix in ENCODINGS:
        candidate = path.with_name(path.name + suffix)
        if name in accepted and candidate.is_file():
            sent, coding = candidate, name
            break
    # With its stat given, FileResponse sets ETag and Last-Modified now, so a 304 can be decided here.
    response = FileResponse(sent, status_code=status_code, media_type=media_type,
                            stat_result=stat_result if coding is None and stat_result else os.stat(sent))
    response.headers["Cache-Control"] = cache_control
    response.headers["Vary"] = "Accept-Encoding"
    if coding is not None:
        response.headers["Content-Encoding"] = coding
    if _not_modified(response.headers, request_headers):
        return NotModifiedResponse(response.headers)
    return response


def _not_modified(response_headers: Headers, request_headers: Headers) -> bool:
    if_none_match = request_headers.get("if-none-match")
    etag = response_headers.get("etag")
    if not if_none_match or not etag:
        return False
    tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return etag in tags or "*" in tags


class PrecompressedFiles(StaticFiles):
    """StaticFiles that prefers the .br or .gz beside a file and sets one Cache-Control on all."""

    def __init__(self, *, directory: Path, cache_control: str) -> None:
        super().__init__(directory=directory)
        self.cache_control = cache_control

    def file_response(self, full_path: str | os.PathLike[str], stat_result: os.stat_result, scope: Scope,
                      status_code: int = 200) -> Response:
        return file_response(Path(full_path), Headers(scope=scope), self.cache_control, status_code, stat_result)
