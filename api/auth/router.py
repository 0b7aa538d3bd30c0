"""HTTP for API tokens: /api/v1/admin/tokens (admins only) and /api/v1/me (any valid token)."""

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, status
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit import service as audit
from api.auth import service
from api.auth.dependencies import AdminToken, CurrentToken
from api.auth.models import ApiToken, Role
from api.auth.schemas import TokenCreate, TokenCreated, TokenOrganisation, TokenOut, TokenPage, WhoAmI
from api.db import SessionDep
from api.errors import Forbidden, InvalidInput
from api.http import require_json_body
from api.inputs import Id
from api.pagination import PageDep

router = APIRouter(prefix="/api/v1/admin/tokens", tags=["admin"], dependencies=[Depends(require_json_body)])
me_router = APIRouter(prefix="/api/v1/me", tags=["auth"])


@me_router.get("", response_model=WhoAmI, summary="Who am I: the calling token, its role and organisation",
               responses={401: {"description": "No token, or an unknown, expired or revoked one."}})
async def who_am_i(session: SessionDep, token: CurrentToken) -> WhoAmI:
    """Lets a client sign in with a token alone: a member token names its organisation here."""
    return await _who(session, token)


async def _who(session: AsyncSession, token: ApiToken) -> WhoAmI:
    organisation = await service.organisation_of(session, token)
    return WhoAmI(token=TokenOut.of(token),
                  organisation=TokenOrganisation.model_validate(organisation) if organisation else None)


@me_router.post("/renew", response_model=WhoAmI, summary="Renew the calling member token for another year",
                responses={401: {"description": "No token, or an unknown, expired or revoked one."},
                           403: {"description": "Only member tokens renew themselves; admins issue the others."}})
async def renew_my_token(session: SessionDep, token: CurrentToken) -> WhoAmI:
    """A member token expires a year after it was issued or last renewed; its holder renews it here, before
    it expires (an expired token can no longer call this: an admin issues a new one)."""
    if token.role != Role.member.value:
        raise Forbidden("Only member tokens renew themselves; an admin issues and extends the others.")
    before = token.expires_at
    renewed = await service.renew(session, token)
    audit.record(session, actor=token, entity="api_token", entity_id=token.id, action="renew",
                 changes={"expires_at": {"before": before.isoformat() if before else None,
                                         "after": renewed.expires_at.isoformat() if renewed.expires_at else None}})
    return await _who(session, renewed)


@router.post("", response_model=TokenCreated, status_code=status.HTTP_201_CREATED,
             summary="Issue a token (its secret is shown this once)")
async def create_token(body: TokenCreate, session: SessionDep, token: AdminToken) -> TokenCreated:
    if body.expires_at is not None and body.expires_at <= datetime.now(UTC):
        raise InvalidInput("expires_at must be in the future.", pointer="/expires_at")
    organisation_id = None
    if body.organisation is not None:
        organisation_id = await service.organisation_id_of(session, str(body.organisation))
        if organisation_id is None:
            raise InvalidInput(f"No organisation {body.organisation!r}.", pointer="/organisation")
    issued, plaintext = await service.create_token(session, name=body.name, role=body.role,
                                                   organisation_id=organisation_id, expires_at=body.expires_at)
    await session.refresh(issued)
    audit.record(session, actor=token, entity="api_token", entity_id=issued.id, action="create",
                 changes=audit.diff({}, {"name": issued.name, "role": issued.role,
                                         "organisation_id": organisation_id,
                                         "expires_at": issued.expires_at.isoformat() if issued.expires_at else None}))
    return TokenCreated(**TokenOut.of(issued).model_dump(), token=plaintext)


@router.get("", response_model=TokenPage, summary="List tokens, newest first (never their secrets)")
async def list_tokens(session: SessionDep, _: AdminToken, page: PageDep,
                      role: Annotated[list[Role], Query()] = [],  # noqa: B006
                      include_revoked: bool = False) -> TokenPage:
    tokens = await service.list_tokens(session, role=[r.value for r in role], include_revoked=include_revoked,
                                       page=page)
    return TokenPage(items=[TokenOut.of(t) for t in tokens.items], limit=tokens.limit, next_cursor=tokens.next_cursor)


@router.get("/{token_id}", response_model=TokenOut, summary="Get one token (never its secret)")
async def get_token(token_id: Id, session: SessionDep, _: AdminToken) -> TokenOut:
    return TokenOut.of(await service.get_token(session, token_id))


@router.delete("/{token_id}", status_code=status.HTTP_204_NO_CONTENT,
               summary="Revoke a token: its next request is refused")
async def revoke_token(token_id: Id, session: SessionDep, token: AdminToken) -> None:
    revoked, changed = await service.revoke(session, token_id)
    if changed:
        audit.record(session, actor=token, entity="api_token", entity_id=revoked.id, action="revoke",
                     changes={"revoked_at": {"before": None, "after": revoked.revoked_at.isoformat()
                                             if revoked.revoked_at else None}})
