"""Bearer-token dependencies: who is calling, and may they."""

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.auth import service
from api.auth.models import ApiToken, Role
from api.db import SessionDep
from api.errors import Forbidden, Unauthorized, raises

# Declares the scheme in the OpenAPI document (Authorize in /docs; generated clients send the header).
# auto_error=False: a missing or non-bearer header is judged below, with this API's own problems.
bearer_scheme = HTTPBearer(auto_error=False, scheme_name="bearer",
                           description="A token from `semap token create` or POST /api/v1/admin/tokens.")
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)]


@raises(401)
async def optional_token(request: Request, session: SessionDep, credentials: Credentials) -> ApiToken | None:
    """The caller's token when one is sent (a bad one is still a 401), else None."""
    if credentials is None:
        if "authorization" in request.headers:
            raise Unauthorized("Use 'Authorization: Bearer <token>'.")
        return None
    token = await service.authenticate(session, credentials.credentials)
    request.state.token = token
    request.state.token_id = token.id  # for the access log, readable after the session has ended
    return token


@raises(401)
async def current_token(token: Annotated[ApiToken | None, Depends(optional_token)]) -> ApiToken:
    if token is None:
        raise Unauthorized("This operation needs a bearer token.")
    return token


def require_role(*roles: Role) -> Callable[[ApiToken], Awaitable[ApiToken]]:
    allowed = {role.value for role in roles}

    @raises(403)
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


def is_admin(token: ApiToken | None) -> bool:
    """Personal data (contact persons, submitters' e-mails) is for admins only."""
    return token is not None and token.role == Role.admin.value


def sees_personal_data(token: ApiToken | None, organisation_id: int) -> bool:
    """An organisation's e-mail and contact person: admins, and the organisation's own member tokens."""
    return is_admin(token) or (token is not None and token.role == Role.member.value
                               and token.organisation_id == organisation_id)


def require_editor_of(path_param: str = "key") -> Callable[..., Awaitable[ApiToken]]:
    """Admins and editors, or a member token of the organisation named by the path parameter (id or slug).

    Which fields each of them writes directly, proposes or may not touch is the write policy's
    (api/writes/policy.py), applied by the service on every path.
    """

    @raises(403)
    async def check(request: Request, token: CurrentToken, session: SessionDep) -> ApiToken:
        if is_staff(token):
            return token
        if token.role != Role.member.value or token.organisation_id is None:
            raise Forbidden(f"This operation needs an admin or editor token, or a member token of the "
                            f"organisation; the token has the role {token.role}.")
        if await service.organisation_id_of(session, request.path_params[path_param]) != token.organisation_id:
            raise Forbidden("A member token may change only its own organisation.")
        return token

    return check


OrganisationEditor = Annotated[ApiToken, Depends(require_editor_of("key"))]
OfferingEditor = Annotated[ApiToken, Depends(require_editor_of("key"))]
