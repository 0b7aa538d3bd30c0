"""Small HTTP pieces shared by routers: If-Match, list limits, JSON-only bodies."""

from typing import Annotated

from fastapi import Depends, Header, Request

from api.auth.dependencies import CurrentToken
from api.errors import PreconditionRequired, UnsupportedMediaType, raises
from api.pagination import DEFAULT_LIMIT, Limit


@raises(412, 428)
def _if_match(_: CurrentToken,
              if_match: Annotated[str | None, Header(description="The ETag from the last GET.")] = None) -> str:
    # Authentication first: an anonymous caller learns that it needs a token (401), not a header (428).
    # Every conditional write needs a token; FastAPI resolves CurrentToken once per request.
    if if_match is None or not if_match.strip():
        raise PreconditionRequired("Send If-Match with the ETag from your last GET, "
                                   "so that two editors cannot overwrite each other.")
    return if_match.strip()


@raises(412)
def _optional_if_match(if_match: Annotated[str | None, Header()] = None) -> str | None:
    return if_match.strip() if if_match else None


IfMatch = Annotated[str, Depends(_if_match)]
OptionalIfMatch = Annotated[str | None, Depends(_optional_if_match)]
DefaultLimit = DEFAULT_LIMIT
__all__ = ["DefaultLimit", "IfMatch", "Limit", "OptionalIfMatch", "accepts", "require_json_body"]


@raises(415)
async def require_json_body(request: Request) -> None:
    """Writes take JSON; anything else is a 415, before the body is parsed."""
    if request.method in {"POST", "PUT", "PATCH"}:
        media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media_type and media_type != "application/json" and not media_type.endswith("+json"):
            raise UnsupportedMediaType(f"Send the body as application/json, not {media_type}.")


def accepts(accept: str | None, media_type: str) -> bool:
    """True when an Accept header names `media_type` with a non-zero quality (no wildcards: a client that
    wants JSON-LD or GeoJSON says so)."""
    for part in (accept or "").split(","):
        named, *params = (piece.strip() for piece in part.split(";"))
        if named.lower() != media_type:
            continue
        quality = next((p[2:] for p in params if p.lower().startswith("q=")), "1")
        try:
            return float(quality) > 0
        except ValueError:
            return False
    return False
