"""HTTP for funding calls: staff publish and edit them; anyone reads the published ones."""

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from api.auth.dependencies import OptionalToken, StaffToken, is_staff
from api.db import SessionDep
from api.entity import etag_of
from api.errors import problems
from api.funding import service
from api.funding.models import FundingKind, FundingStatus
from api.funding.schemas import FundingCallCreate, FundingCallOut, FundingCallPage, FundingCallPatch
from api.http import DefaultLimit, IfMatch, Limit, require_json_body
from api.inputs import Id

router = APIRouter(prefix="/api/v1/funding-calls", tags=["funding"])


@router.get("", response_model=FundingCallPage, summary="List funding calls (drafts for staff only)",
            responses=problems(400, 422))
async def list_funding_calls(
    session: SessionDep, token: OptionalToken,
    eligible_for: Annotated[Id | None, Query(description="Only open calls this organisation is eligible for "
                                                         "(country, kind, sector, size, impact areas).")] = None,
    open_: Annotated[bool | None, Query(alias="open", description="Published with the deadline not passed.")] = None,
    kind: FundingKind | None = None,
    status_: Annotated[FundingStatus | None, Query(alias="status")] = None,
    limit: Limit = DefaultLimit, cursor: str | None = None,
) -> FundingCallPage:
    """Soonest deadline first; rolling calls (no deadline) last."""
    return await service.list_calls(session, staff=is_staff(token), status=status_.value if status_ else None,
                                    open_only=open_, eligible_for=eligible_for, kind=kind.value if kind else None,
                                    limit=limit, cursor=cursor)


@router.post("", response_model=FundingCallOut, status_code=status.HTTP_201_CREATED,
             summary="Publish a funding call (staff)", dependencies=[Depends(require_json_body)],
             responses=problems(422))
async def create_funding_call(body: FundingCallCreate, session: SessionDep, token: StaffToken,
                              response: Response) -> FundingCallOut:
    """A draft unless `status` is published; an empty eligibility list means anyone may apply."""
    call = await service.create(session, body, token)
    response.headers["ETag"] = etag_of(call)
    response.headers["Location"] = f"/api/v1/funding-calls/{call.id}"
    return service.to_out(call, datetime.now(UTC).date())


@router.get("/{call_id}", response_model=FundingCallOut, summary="Get one funding call", responses=problems(404))
async def get_funding_call(call_id: Id, session: SessionDep, token: OptionalToken,
                           response: Response) -> FundingCallOut:
    call = await service.get(session, call_id, staff=is_staff(token))
    response.headers["ETag"] = etag_of(call)
    return service.to_out(call, datetime.now(UTC).date())


@router.patch("/{call_id}", response_model=FundingCallOut, summary="Change a funding call (staff, If-Match)",
              dependencies=[Depends(require_json_body)], responses=problems(404, 422))
async def update_funding_call(call_id: Id, body: FundingCallPatch, if_match: IfMatch, session: SessionDep,
                              token: StaffToken, response: Response) -> FundingCallOut:
    call = await service.update(session, call_id, body, expected_etag=if_match, actor=token)
    response.headers["ETag"] = etag_of(call)
    return service.to_out(call, datetime.now(UTC).date())
