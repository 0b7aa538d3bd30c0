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
    request.state.token_id = token.id  # for the access log, readable after the session has ended
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


def is_admin(token: ApiToken | None) -> bool:
    """Personal data (contact persons, submitters' e-mails) is for admins only."""
    return token is not None and token.role == Role.admin.value


def sees_personal_data(token: ApiToken | None, organisation_id: int) -> bool:
    """An organisation's e-mail and contact person: admins, and the organisation's own member tokens."""
    return is_admin(token) or (token is not None and token.role == Role.member.value
                               and token.organisation_id == organisation_id)


def require_editor_of(path_param: str = "key", *, staff_only_fields: tuple[str, ...] = ()
                      ) -> Callable[..., Awaitable[ApiToken]]:
    """Admins and editors, or a member token of the organisation named by the path parameter (id or slug).

    A member edits its own profile and offerings but not the moderators' fields (`staff_only_fields`,
    e.g. status and verified), which are refused with 403 when the JSON body sends them.
    """

    async def check(request: Request, token: CurrentToken, session: SessionDep) -> ApiToken:
        if is_staff(token):
            return token
        if token.role != Role.member.value or token.organisation_id is None:
            raise Forbidden(f"This operation needs an admin or editor token, or a member token of the "
                            f"organisation; the token has the role {token.role}.")
        if await service.organisation_id_of(session, request.path_params[path_param]) != token.organisation_id:
            raise Forbidden("A member token may change only its own organisation.")
        if staff_only_fields and request.method in {"PATCH", "PUT"}:
            body = await _json_body(request)
            sent = sorted(set(body) & set(staff_only_fields)) if isinstance(body, dict) else []
            if sent:
                raise Forbidden(f"Only admins and editors may change {', '.join(sent)}.")
        return token

    return check


async def _json_body(request: Request) -> object:
    try:
        return await request.json()
    except ValueError:
        return None  # the route's own validation answers a malformed body with a 422


OrganisationEditor = Annotated[ApiToken, Depends(require_editor_of("key", staff_only_fields=("status", "verified")))]
OfferingEditor = Annotated[ApiToken, Depends(require_editor_of("key"))]
