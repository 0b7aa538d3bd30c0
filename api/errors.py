"""RFC 9457 problem details: one shape for every error the API returns."""

import logging
from collections.abc import Callable
from decimal import Decimal
from http import HTTPStatus
from typing import Any, TypeVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
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

    def __init__(self, detail: str, *, pointer: str, error_type: str | None = None,
                 ctx: dict[str, str | int | float] | None = None, **extra: Any) -> None:
        # `error_type` and `ctx`, like Pydantic's, let a client word the error in its reader's language.
        error: dict[str, Any] = {"pointer": pointer, "message": detail}
        if error_type is not None:
            error["type"] = error_type
        if ctx:
            error["ctx"] = ctx
        super().__init__(detail, errors=[error], **extra)


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


# --- The problems in the OpenAPI document -----------------------------------------------------------------
# api/openapi.py derives which of these each operation can answer; this is what each one looks like.


class FieldProblem(BaseModel):
    pointer: str = Field(description="JSON pointer into the body (`/name`), or `/query/…`, `/path/…`, `/header/…`.")
    message: str
    type: str | None = Field(None, description="Pydantic's error type (`string_too_short`, `missing`…).")
    ctx: dict[str, Any] | None = Field(None, description="The limit that was broken (`min_length`, `le`…).")


class Problem(BaseModel):
    """An RFC 9457 problem: every 4xx and 5xx of this API has this shape."""

    model_config = ConfigDict(extra="allow", title="Problem")

    type: str = Field(description="A URI naming the kind of problem.")
    title: str
    status: int
    detail: str = Field(description="What went wrong with this request, in English.")
    code: str = Field(description="A stable, machine-readable name of `type` (`validation`, `not_found`…).")
    errors: list[FieldProblem] | None = Field(None, description="For 422: each invalid field.")


def _example(error: type[ProblemError], detail: str, description: str) -> tuple[str, str, str, str]:
    return error.code, error.title, detail, description


# One example per status; an operation's own `responses=` may give a more telling one. The 503 (database
# down) and 410 (a used one-time link) are raised outside this module, so their code and title are spelled here.
_EXAMPLES: dict[int, tuple[str, str, str, str]] = {
    400: _example(BadRequest, "The cursor is not one this API issued.", "A parameter cannot be used as given."),
    401: _example(Unauthorized, "This operation needs a bearer token.",
                  "No bearer token, or an unknown, expired or revoked one."),
    403: _example(Forbidden, "This operation needs the role admin; the token has the role member.",
                  "The token's role may not do this."),
    404: _example(NotFound, "No enterprise 42.", "Nothing has this id or slug (or the caller may not see it)."),
    409: _example(Conflict, "The slug is taken.", "The change conflicts with the current state."),
    410: ("link_gone", "Link no longer valid", "This link has been used or has expired.",
          "The one-time link is no longer valid."),
    412: _example(PreconditionFailed, "The enterprise changed since you read it; GET it again and retry.",
                  "If-Match does not match the current ETag."),
    413: _example(PayloadTooLarge, "The request body is larger than 1048576 bytes.", "The body is over the limit."),
    415: _example(UnsupportedMediaType, "Send the body as application/json, not text/plain.", "The body is not JSON."),
    422: _example(InvalidInput, "name: String should have at least 2 characters",
                  "The request is not valid; `errors` names each field."),
    428: _example(PreconditionRequired, "Send If-Match with the ETag from your last GET, so that two editors "
                  "cannot overwrite each other.", "If-Match is missing."),
    429: _example(TooManyRequests, "At most 30 requests per 60 s for match; retry in 12 s.",
                  "Too many requests; retry after `Retry-After` seconds."),
    503: ("unavailable", "Service unavailable", "The database cannot be reached; retry shortly.",
          "A service the API needs is down; retry after `Retry-After` seconds."),
}
PROBLEM_STATUSES = frozenset(_EXAMPLES)


def problem_example(status: int) -> tuple[str, dict[str, Any]]:
    """(description, example body) of the problem this API sends with `status`."""
    code, title, detail, description = _EXAMPLES[status]
    example: dict[str, Any] = {"type": PROBLEM_BASE + code.replace("_", "-"), "title": title, "status": status,
                               "detail": detail, "code": code}
    if status == 422:
        example["errors"] = [{"pointer": "/name", "message": "String should have at least 2 characters",
                              "type": "string_too_short", "ctx": {"min_length": 2}}]
    return description, example


# What a route's `responses=` takes: status (or "default") → an OpenAPI response object.
Responses = dict[int | str, dict[str, Any]]


def problems(*statuses: int) -> Responses:
    """`responses=` for the problems only a route's own service raises (a 409 of a state change, a 404 of a
    link's token…); api/openapi.py gives each its problem+json schema and example."""
    return {status: {"description": _EXAMPLES[status][3]} for status in statuses}


def problem(status: int, detail: str, description: str, *, code: str | None = None, title: str | None = None,
            **extra: Any) -> Responses:
    """`responses=` with a more telling example than the shared one: the problem+json body this route sends
    with `status` (its code and title are the status's own unless given), plus any extra members."""
    shared_code, shared_title, _, _ = _EXAMPLES[status]
    code = code or shared_code
    example = {"type": PROBLEM_BASE + code.replace("_", "-"), "title": title or shared_title, "status": status,
               "detail": detail, "code": code, **extra}
    return {status: {"description": description, "content": {PROBLEM_MEDIA_TYPE: {"example": example}}}}


Marked = TypeVar("Marked", bound=Callable[..., Any])


def raises(*statuses: int) -> Callable[[Marked], Marked]:
    """Marks a dependency with the problem statuses it can answer: every operation that uses it, directly
    or through another dependency, documents them (api/openapi.py)."""
    unknown = set(statuses) - PROBLEM_STATUSES
    if unknown:
        raise ValueError(f"no problem example for status {sorted(unknown)}")

    def mark(dependency: Marked) -> Marked:
        dependency.__problems__ = frozenset(statuses)  # type: ignore[attr-defined]
        return dependency

    return mark
