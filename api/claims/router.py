"""HTTP for claims: anyone files one, the link confirms it, admins decide the others."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, status

from api.auth.dependencies import AdminToken
from api.claims import service
from api.claims.models import ClaimStatus
from api.claims.schemas import (
    ClaimConfirm,
    ClaimCreate,
    ClaimOut,
    ClaimPage,
    ClaimReceipt,
    ClaimRejection,
    MemberAccess,
)
from api.db import SessionDep
from api.http import DefaultLimit, Limit, require_json_body
from api.ratelimit import rate_limit

router = APIRouter(prefix="/api/v1", tags=["claims"], dependencies=[Depends(require_json_body)])

RECEIPT = {"email": "We sent a one-time confirmation link to the e-mail address on file for this entry.",
           "review": "This entry has no e-mail on file: an administrator will verify your claim."}


@router.post("/enterprises/{key}/claims", response_model=ClaimReceipt, status_code=status.HTTP_202_ACCEPTED,
             summary="Claim an entry: verified by its own e-mail, or by an admin",
             dependencies=[Depends(rate_limit("submissions"))])
async def create_claim(key: str, body: ClaimCreate, request: Request, session: SessionDep) -> dict:
    settings = request.app.state.settings
    claim = await service.file_claim(session, key, claimant_name=body.claimant_name,
                                     claimant_email=str(body.claimant_email), message=body.message,
                                     base_url=settings.base_url, language=body.language)
    return {"status": "received", "route": claim.route, "detail": RECEIPT[claim.route]}


@router.post("/claims/confirm", response_model=MemberAccess, summary="Confirm a claim with the e-mailed link")
async def confirm_claim(body: ClaimConfirm, session: SessionDep) -> dict:
    """The organisation gets a member token (shown once) and the entry is marked claimed. A link works
    once and for three days: a used or expired one is a 410."""
    return await service.confirm_by_link(session, body.token)


@router.get("/admin/claims", response_model=ClaimPage, summary="Claims waiting for an admin")
async def list_claims(session: SessionDep, _: AdminToken,
                      status_: Annotated[list[ClaimStatus], Query(alias="status", description="Default pending.")]
                      = [],  # noqa: B006
                      limit: Limit = DefaultLimit, cursor: str | None = None) -> dict:
    return await service.list_claims(session, status=[s.value for s in status_], limit=limit, cursor=cursor)


@router.post("/admin/claims/{claim_id}/approve", response_model=MemberAccess,
             summary="Approve a claim: a member token for the organisation, shown once")
async def approve_claim(claim_id: int, session: SessionDep, token: AdminToken) -> dict:
    return await service.approve(session, claim_id, actor=token)


@router.post("/admin/claims/{claim_id}/reject", response_model=ClaimOut, summary="Reject a claim with a reason")
async def reject_claim(claim_id: int, body: ClaimRejection, session: SessionDep, token: AdminToken) -> object:
    return await service.reject(session, claim_id, body.reason, actor=token)
