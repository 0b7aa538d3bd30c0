"""RFC 9457 problem details: one shape for every error the API returns."""

import logging
from decimal import Decimal
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_BASE = "https://semap.dev/problems/"
PROBLEM_MEDIA_TYPE = "application/problem+json"

log = logging.getLogger("semap.errors")


class ProblemError(Exception):
    """A domain error that becomes a problem+json response."""

    status: int = 400
    code: str = "bad_request"
    title: str = "Bad request"

    def __init__(self, detail: str, *, headers: dict[str, str] | None = None, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.headers = headers or {}
        self.extra = extra


class BadRequest(ProblemError):
    status, code, title = 400, "bad_request", "Bad request"


class Unauthorized(ProblemError):
    status, code, title = 401, "unauthorized", "Authentication required"

    def __init__(self, detail: str, **extra: Any) -> None:
        super().__init__(detail, headers={"WWW-Authenticate": 'Bearer realm="semap"'}, **extra)


class Forbidden(ProblemError):
    status, code, title = 403, "forbidden", "Not allowed"


class NotFound(ProblemError):
    status, code, title = 404, "not_found", "Not found"


class Conflict(ProblemError):
    status, code, title = 409, "conflict", "Conflict"


class TransitionNotAllowed(Conflict):
    """A lifecycle step the current state (or the caller) does not allow: clients branch on its code."""

    status, code, title = 409, "transition_not_allowed", "Transition not allowed"


class PreconditionFailed(ProblemError):
    status, code, title = 412, "precondition_failed", "Precondition failed"


class PreconditionRequired(ProblemError):
    status, code, title = 428, "precondition_required", "Precondition required"


class PayloadTooLarge(ProblemError):
    status, code, title = 413, "payload_too_large", "Payload too large"


class UnsupportedMediaType(ProblemError):
    status, code, title = 415, "unsupported_media_type", "Unsupported media type"


class InvalidInput(ProblemError):
    """A 422 raised by a service, naming the offending field like request validation does."""

    status, code, title = 422, "validation", "Invalid request"

    def __init__(self, detail: str, *, pointer: str, **extra: Any) -> None:
        super().__init__(detail, errors=[{"pointer": pointer, "message": detail}], **extra)


class TooManyRequests(ProblemError):
    status, code, title = 429, "rate_limited", "Too many requests"

    def __init__(self, detail: str, *, retry_after: int) -> None:
        super().__init__(detail, headers={"Retry-After": str(retry_after)}, retry_after=retry_after)


def problem_response(
    status: int, code: str, title: str, detail: str, headers: dict[str, str] | None = None, **extra: Any
) -> JSONResponse:
    body = {"type": PROBLEM_BASE + code.replace("_", "-"), "title": title, "status": status,
            "detail": detail, "code": code, **extra}
    return JSONResponse(body, status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


def _pointer(loc: tuple[Any, ...]) -> str:
    # ("body", "location", "coordinates", 0) -> "/location/coordinates/0"; query and path
    # parameters keep their source so a client knows where to look.
    parts = [str(p) for p in loc]
    if parts and parts[0] == "body":
        parts = parts[1:]
    return "/" + "/".join(parts)


def _validation_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    """Each error's pointer and English message, plus Pydantic's error `type` and its limits (`ctx`:
    min_length, le, expected…), so that a client can word the common ones in its reader's language."""
    errors = []
    for error in exc.errors():
        message = str(error.get("msg", "invalid value")).removeprefix("Value error, ")
        item: dict[str, Any] = {"pointer": _pointer(tuple(error.get("loc", ()))), "message": message,
                                "type": error.get("type", "value_error")}
        limits = {k: float(v) if isinstance(v, Decimal) else v for k, v in (error.get("ctx") or {}).items()
                  if isinstance(v, str | int | float | Decimal)}
        if limits:
            item["ctx"] = limits
        errors.append(item)
    return errors


async def _on_problem(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ProblemError)
    return problem_response(exc.status, exc.code, exc.title, exc.detail, exc.headers, **exc.extra)


async def _on_validation(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = _validation_errors(exc)
    detail = "; ".join(f"{e['pointer'].lstrip('/') or 'body'}: {e['message']}" for e in errors[:5])
    return problem_response(422, "validation", "Invalid request", detail, errors=errors)


async def problem_for_http_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    phrase = HTTPStatus(exc.status_code).phrase
    code = phrase.lower().replace(" ", "_").replace("-", "_")
    detail = exc.detail if isinstance(exc.detail, str) else phrase
    return problem_response(exc.status_code, code, phrase, detail, dict(exc.headers or {}))


async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
    # The trace goes to the log, never to the client. The server closes the connection after a 500
    # (the failed request may have left it mid-body): say so, so that clients do not reuse it.
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return problem_response(500, "internal", "Internal server error",
                            "The server failed to answer this request; it has been logged.",
                            {"Connection": "close"})


def install_problem_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ProblemError, _on_problem)
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(StarletteHTTPException, problem_for_http_error)
    app.add_exception_handler(Exception, on_unexpected)
