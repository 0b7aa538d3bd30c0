"""HTTP for inquiries: buyers send them; the enterprise (member token) and admins follow them up."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response, status

from api.auth.dependencies import CurrentToken, OptionalToken
from api.db import SessionDep
from api.entity import etag_of
from api.http import IfMatch, require_json_body
from api.inputs import Id
from api.inquiries import service
from api.inquiries.models import InquiryStatus
from api.inquiries.schemas import InquiryCreate, InquiryOut, InquiryPage, InquiryPatch, InquirySent, InquiryStats
from api.matching.problems import (
    BAD_PARAMETER,
    FORBIDDEN,
    INVALID_INQUIRY,
    NO_INQUIRY,
    RATE_LIMITED,
    STALE,
    UNAUTHORIZED,
    problem,
)
from api.pagination import PageDep
from api.ratelimit import rate_limit

STATUS_MESSAGE = "Input should be 'open', 'replied', 'won' or 'lost'"
INVALID_STATUS = problem(422, f"status: {STATUS_MESSAGE}",
                         "A path parameter or the status is not valid.",
                         errors=[{"pointer": "/status", "message": STATUS_MESSAGE}])
READERS = UNAUTHORIZED | FORBIDDEN | BAD_PARAMETER
router = APIRouter(prefix="/api/v1/inquiries", tags=["inquiries"], dependencies=[Depends(require_json_body)])


@router.post("", response_model=InquirySent, status_code=status.HTTP_201_CREATED,
             summary="Contact an enterprise", dependencies=[Depends(rate_limit("inquiries"))],
             responses=INVALID_INQUIRY | RATE_LIMITED)
async def create_inquiry(body: InquiryCreate, request: Request, session: SessionDep,
                         token: OptionalToken) -> InquirySent:
    """Stored, then e-mailed to the enterprise (reply-to: the buyer); its address is never shown to the buyer."""
    inquiry, org = await service.create(session, body, actor=token,
                                        members_url=request.app.state.settings.absolute_url("/member"))
    return InquirySent.model_validate(InquiryOut.of(inquiry, org).model_dump())


@router.get("", response_model=InquiryPage, summary="List inquiries (the enterprise's members, admins)",
            responses=READERS)
async def list_inquiries(
    session: SessionDep, token: CurrentToken, page: PageDep,
    enterprise_id: Annotated[Id | None, Query(description="Admins: one enterprise's inquiries.")] = None,
    status_: Annotated[InquiryStatus | None, Query(alias="status")] = None,
) -> InquiryPage:
    """Newest first. A member token sees its own organisation's inquiries only."""
    found = await service.list_inquiries(session, service.Reader.of(token), enterprise_id=enterprise_id,
                                         status=status_.value if status_ else None, page=page)
    return InquiryPage(items=[InquiryOut.of(inquiry, org) for inquiry, org in found.items], limit=found.limit,
                       next_cursor=found.next_cursor)


@router.get("/stats", response_model=InquiryStats, summary="Count inquiries and wins per enterprise and month",
            responses=READERS)
async def get_inquiry_stats(session: SessionDep, token: CurrentToken) -> InquiryStats:
    """Admins: every enterprise; a member token: its own organisation."""
    return await service.inquiry_stats(session, service.Reader.of(token).organisation_id)


@router.get("/{inquiry_id}", response_model=InquiryOut, summary="Get one inquiry", responses=READERS | NO_INQUIRY)
async def get_inquiry(inquiry_id: Id, session: SessionDep, token: CurrentToken, response: Response) -> InquiryOut:
    inquiry, org = await service.get(session, service.Reader.of(token), inquiry_id)
    response.headers["ETag"] = etag_of(inquiry)
    return InquiryOut.of(inquiry, org)


@router.patch("/{inquiry_id}", response_model=InquiryOut, summary="Set an inquiry's status (needs If-Match)",
              responses=READERS | NO_INQUIRY | STALE | INVALID_STATUS)
async def update_inquiry(inquiry_id: Id, body: InquiryPatch, if_match: IfMatch, session: SessionDep,
                         token: CurrentToken, response: Response) -> InquiryOut:
    """open, replied, won or lost; the ETag of your last GET in If-Match."""
    inquiry, org = await service.set_status(session, service.Reader.of(token), inquiry_id, body.status,
                                            expected_etag=if_match, actor=token)
    response.headers["ETag"] = etag_of(inquiry)
    return InquiryOut.of(inquiry, org)
