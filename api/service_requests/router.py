"""HTTP for service requests: /api/v1/service-requests, their lifecycle, comments and timeline."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Response, status

from api.auth.dependencies import StaffToken, require_role
from api.auth.models import ApiToken, Role
from api.db import SessionDep
from api.entity import etag_of
from api.errors import problems
from api.http import IfMatch, require_json_body
from api.pagination import PageDep
from api.service_requests import board, service, workflow
from api.service_requests.access import is_staff, load_visible
from api.service_requests.lifecycle import Actor
from api.service_requests.models import RequestStatus, ServiceRequestEvent
from api.service_requests.schemas import (
    Code,
    CollaboratorsIn,
    CommentIn,
    EventOut,
    Id,
    RequestStats,
    ServiceRequestCreate,
    ServiceRequestOut,
    ServiceRequestPage,
    ServiceRequestPatch,
    TransitionIn,
)

# Integration tokens have no business with members' requests; anonymous callers neither.
RequestsToken = Annotated[ApiToken, Depends(require_role(Role.admin, Role.editor, Role.member))]
router = APIRouter(prefix="/api/v1/service-requests", tags=["service requests"],
                   dependencies=[Depends(require_json_body)])


def board_filters(
    status_: Annotated[list[RequestStatus], Query(alias="status", description="Repeat to OR.")] = [],  # noqa: B006
    service_: Annotated[list[Code], Query(alias="service", description="Support-service code.")] = [],  # noqa: B006
    assignee: Annotated[list[Id], Query(description="Assignee's token id.")] = [],  # noqa: B006
    organisation: Annotated[list[Id], Query(description="Requesting organisation's id.")] = [],  # noqa: B006
    overdue: Annotated[bool | None, Query(description="Due date passed and still open.")] = None,
) -> board.BoardFilters:
    return board.BoardFilters(status=[s.value for s in status_], service=list(service_), assignee=list(assignee),
                              organisation=list(organisation), overdue=overdue)


Filters = Annotated[board.BoardFilters, Depends(board_filters)]
RequestId = Annotated[int, Path(ge=1, le=9_223_372_036_854_775_807)]


@router.get("", response_model=ServiceRequestPage, summary="List service requests (the board)")
async def list_service_requests(session: SessionDep, token: RequestsToken, filters: Filters,
                                page: PageDep) -> ServiceRequestPage:
    """Staff see every request; a member token its organisation's (`role: requester`) and those it is
    named on (`role: collaborator`). Newest first."""
    return await board.list_requests(session, filters, token, page)


@router.get("/counts", response_model=dict[RequestStatus, int], summary="Count service requests per status")
async def count_service_requests(session: SessionDep, token: RequestsToken, filters: Filters) -> dict[str, int]:
    return await board.counts(session, filters, token)


@router.get("/stats", response_model=RequestStats,
            summary="Requests per service and status, median times to first response and resolution")
async def get_service_request_stats(session: SessionDep, token: StaffToken) -> RequestStats:
    return await board.service_request_stats(session)


@router.post("", response_model=ServiceRequestOut, status_code=status.HTTP_201_CREATED,
             summary="File a service request")
async def create_service_request(body: ServiceRequestCreate, session: SessionDep, token: RequestsToken,
                                 response: Response) -> ServiceRequestOut:
    """A member token files for its own organisation; an admin or editor for a member, naming organisation_id."""
    request = await service.create(session, body, token)
    role = Actor.staff if is_staff(token) else Actor.requester
    response.headers["ETag"] = etag_of(request)
    response.headers["Location"] = f"/api/v1/service-requests/{request.id}"
    return await service.read(session, request.id, role)


@router.get("/{request_id}", response_model=ServiceRequestOut, summary="Get one service request")
async def get_service_request(request_id: RequestId, session: SessionDep, token: RequestsToken,
                              response: Response) -> ServiceRequestOut:
    request, role = await load_visible(session, request_id, token)
    response.headers["ETag"] = etag_of(request)
    return await service.read(session, request.id, role)


@router.patch("/{request_id}", response_model=ServiceRequestOut,
              summary="Assign, prioritise, set a due date or edit a request (needs If-Match)")
async def update_service_request(request_id: RequestId, body: ServiceRequestPatch, if_match: IfMatch,
                                 session: SessionDep, token: RequestsToken, response: Response) -> ServiceRequestOut:
    request, role = await service.update(session, request_id, body, expected_etag=if_match, token=token)
    response.headers["ETag"] = etag_of(request)
    return await service.read(session, request.id, role)


@router.post("/{request_id}/transitions", response_model=ServiceRequestOut,
             summary="Move a request through its lifecycle (needs If-Match)", responses=problems(409))
async def transition_service_request(request_id: RequestId, body: TransitionIn, if_match: IfMatch,
                                     session: SessionDep, token: RequestsToken,
                                     response: Response) -> ServiceRequestOut:
    """Not allowed → 409 with `allowed`: the states this caller may move the request to now."""
    request, role = await workflow.transition(session, request_id, body, expected_etag=if_match, token=token)
    response.headers["ETag"] = etag_of(request)
    return await service.read(session, request.id, role)


@router.post("/{request_id}/comments", response_model=EventOut, status_code=status.HTTP_201_CREATED,
             summary="Comment on a request (staff may make it internal)")
async def comment_on_service_request(request_id: RequestId, body: CommentIn, session: SessionDep,
                                     token: RequestsToken) -> ServiceRequestEvent:
    return await workflow.comment(session, request_id, body, token=token)


@router.get("/{request_id}/comments", response_model=list[EventOut], summary="List a request's comments")
async def list_service_request_comments(request_id: RequestId, session: SessionDep,
                                        token: RequestsToken) -> list[ServiceRequestEvent]:
    return await workflow.timeline(session, request_id, token=token, comments_only=True)


@router.post("/{request_id}/collaborators", response_model=ServiceRequestOut,
             summary="Name member organisations as collaborators (collaboration service)",
             responses=problems(409))
async def add_service_request_collaborators(request_id: RequestId, body: CollaboratorsIn, session: SessionDep,
                                            token: RequestsToken) -> ServiceRequestOut:
    request = await workflow.name_collaborators(session, request_id, body.organisation_ids, token=token)
    _, role = await load_visible(session, request.id, token)
    return await service.read(session, request.id, role)


@router.get("/{request_id}/events", response_model=list[EventOut], summary="A request's timeline")
async def list_service_request_events(request_id: RequestId, session: SessionDep,
                                      token: RequestsToken) -> list[ServiceRequestEvent]:
    """Every change, who made it (token) and when; members never see internal events or comments."""
    return await workflow.timeline(session, request_id, token=token)
