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
    ClaimTransfer,
    MemberAccess,
    TransferredAccess,
)
from api.db import SessionDep
from api.errors import problems
from api.http import require_json_body
from api.inputs import Id
from api.pagination import PageDep
from api.ratelimit import rate_limit

router = APIRouter(prefix="/api/v1", tags=["claims"], dependencies=[Depends(require_json_body)])

RECEIPT = {"email": "We sent a one-time confirmation link to the e-mail address on file for this entry.",
           "review": "This entry has no e-mail on file: an administrator will verify your claim."}


@router.post("/enterprises/{key}/claims", response_model=ClaimReceipt, status_code=status.HTTP_202_ACCEPTED,
             summary="Claim an entry: verified by its own e-mail, or by an admin",
             responses={409: {"description": "The entry is already claimed (`already_claimed`): only an admin "
                                             "transfers it."}},
             dependencies=[Depends(rate_limit("submissions"))])
async def create_claim(key: str, body: ClaimCreate, request: Request, session: SessionDep) -> ClaimReceipt:
    settings = request.app.state.settings
    claim = await service.file_claim(session, key, claimant_name=body.claimant_name,
                                     claimant_email=str(body.claimant_email), message=body.message,
                                     base_url=settings.base_url, language=body.language)
    return ClaimReceipt(route=claim.route, detail=RECEIPT[claim.route])


@router.post("/claims/confirm", response_model=MemberAccess, summary="Confirm a claim with the e-mailed link",
             responses=problems(404, 409, 410))
async def confirm_claim(body: ClaimConfirm, session: SessionDep) -> MemberAccess:
    """The organisation gets a member token (shown once) and the entry is marked claimed. A link works
    once and for three days: a used or expired one is a 410."""
    return MemberAccess.model_validate(await service.confirm_by_link(session, body.token), from_attributes=True)


@router.get("/admin/claims", response_model=ClaimPage, summary="Claims waiting for an admin")
async def list_claims(session: SessionDep, _: AdminToken, page: PageDep,
                      status_: Annotated[list[ClaimStatus], Query(alias="status", description="Default pending.")]
                      = []) -> ClaimPage:  # noqa: B006
    claims = await service.list_claims(session, status=[s.value for s in status_], page=page)
    return ClaimPage.model_validate(claims, from_attributes=True)


@router.post("/admin/claims/{claim_id}/approve", response_model=MemberAccess, responses=problems(409),
             summary="Approve a claim: a member token for the organisation, shown once")
async def approve_claim(claim_id: Id, session: SessionDep, token: AdminToken) -> MemberAccess:
    return MemberAccess.model_validate(await service.approve(session, claim_id, actor=token), from_attributes=True)


@router.post("/admin/claims/{claim_id}/reject", response_model=ClaimOut, summary="Reject a claim with a reason",
             responses=problems(409))
async def reject_claim(claim_id: Id, body: ClaimRejection, session: SessionDep, token: AdminToken) -> ClaimOut:
    return ClaimOut.model_validate(await service.reject(session, claim_id, body.reason, actor=token))


@router.post("/admin/enterprises/{key}/claim-transfer", response_model=TransferredAccess,
             summary="Transfer a claimed entry: revoke its member tokens, issue one to the new holder (shown once)")
async def transfer_claim(key: str, body: ClaimTransfer, session: SessionDep, token: AdminToken) -> TransferredAccess:
    """For an entry whose management changed hands (verified by the admin by other means): a claim on a
    claimed entry is refused, so this is the only way to reassign it."""
    access = await service.transfer(session, key, holder_name=body.holder_name, reason=body.reason, actor=token)
    return TransferredAccess.model_validate(access, from_attributes=True)
