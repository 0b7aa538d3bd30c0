"""HTTP for inquiry outcomes: the enterprise (its member token) or an admin records what came of an inquiry."""

from fastapi import APIRouter, Depends, Response

from api.auth.dependencies import CurrentToken
from api.db import SessionDep
from api.entity import etag_of
from api.errors import problems
from api.http import OptionalIfMatch, require_json_body
from api.inputs import Id
from api.outcomes import service
from api.outcomes.schemas import OutcomeIn, OutcomeOut

router = APIRouter(prefix="/api/v1/inquiries", tags=["inquiries"])


@router.get("/{inquiry_id}/outcome", response_model=OutcomeOut, summary="Get what came of an inquiry",
            responses=problems(403, 404))
async def get_inquiry_outcome(inquiry_id: Id, session: SessionDep, token: CurrentToken,
                              response: Response) -> OutcomeOut:
    outcome = await service.get_outcome(session, token, inquiry_id)
    response.headers["ETag"] = etag_of(outcome)
    return service.to_out(outcome)


@router.put("/{inquiry_id}/outcome", response_model=OutcomeOut, dependencies=[Depends(require_json_body)],
            summary="Record what came of an inquiry: quoted, won (with its value) or declined",
            responses=problems(403, 404, 412, 428))
async def put_inquiry_outcome(inquiry_id: Id, body: OutcomeIn, session: SessionDep, token: CurrentToken,
                              response: Response, if_match: OptionalIfMatch) -> OutcomeOut:
    """The first outcome needs no If-Match; changing it needs the ETag of your last GET or PUT."""
    outcome = await service.record(session, token, inquiry_id, body, expected_etag=if_match)
    response.headers["ETag"] = etag_of(outcome)
    return service.to_out(outcome)
