"""Bearer-token dependencies: who is calling, and may they."""

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request

from api.auth import service
from api.auth.models import ApiToken, Role
from api.db import SessionDep
from api.errors import Forbidden, Unauthorized


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization")
    if header is None:
        return None
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        raise Unauthorized("Use 'Authorization: Bearer <token>'.")
    return value.strip()


async def optional_token(request: Request, session: SessionDep) -> ApiToken | None:
    """The caller's token when one is sent (a bad one is still a 401), else None."""
    plaintext = _bearer(request)
    if plaintext is None:
        return None
    token = await service.authenticate(session, plaintext)
    request.state.token = token
    return token


async def current_token(token: Annotated[ApiToken | None, Depends(optional_token)]) -> ApiToken:
    if token is None:
        raise Unauthorized("This operation needs a bearer token.")
    return token


def require_role(*roles: Role) -> Callable[[ApiToken], Awaitable[ApiToken]]:
    allowed = {role.value for role in roles}

    async def check(token: Annotated[ApiToken, Depends(current_token)]) -> ApiToken:
        if token.role not in allowed:
            raise Forbidden(f"This operation needs the role {' or '.join(sorted(allowed))}; "
                            f"the token has the role {token.role}.")
        return token

    return check


OptionalToken = Annotated[ApiToken | None, Depends(optional_token)]
CurrentToken = Annotated[ApiToken, Depends(current_token)]
AdminToken = Annotated[ApiToken, Depends(require_role(Role.admin))]
StaffToken = Annotated[ApiToken, Depends(require_role(Role.admin, Role.editor))]


def is_staff(token: ApiToken | None) -> bool:
    return token is not None and token.role in (Role.admin.value, Role.editor.value)
