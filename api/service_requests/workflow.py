"""Moving a request through its lifecycle, commenting on it, naming collaborators, reading its timeline."""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit import service as audit
from api.auth.models import ApiToken
from api.entity import check_version
from api.errors import Conflict, Forbidden, InvalidInput, TransitionNotAllowed
from api.service_requests import access, lifecycle, notifications
from api.service_requests.lifecycle import Actor
from api.service_requests.models import EventKind, RequestStatus, ServiceRequest, ServiceRequestEvent, SupportService
from api.service_requests.schemas import CommentIn, TransitionIn
from api.service_requests.service import add_collaborators, check_collaborators, record_event


async def transition(session: AsyncSession, request_id: int, body: TransitionIn, *, expected_etag: str,
                     token: ApiToken) -> tuple[ServiceRequest, Actor]:
    """Take one step of the lifecycle under a row lock and If-Match; the loser of a race gets 412 or 409."""
    request, role = await access.load_visible(session, request_id, token, for_update=True)
    check_version(request, expected_etag)
    now = datetime.now(UTC)
    step = lifecycle.find(request.status, body.to.value, role, resolved_at=request.resolved_at, now=now)
    if step is None:
        allowed = lifecycle.allowed_targets(request.status, role, resolved_at=request.resolved_at, now=now)
        raise TransitionNotAllowed(
            lifecycle.explain_refusal(request.status, body.to.value, role, resolved_at=request.resolved_at, now=now),
            current_status=request.status, allowed=allowed)
    if step.reason_required and not body.reason:
        raise InvalidInput(f"Moving a request to {body.to.value} needs a reason.", pointer="/reason")
    source = request.status
    request.status = body.to.value
    if body.to == RequestStatus.resolved:
        request.resolved_at = now
    await session.flush()
    await session.refresh(request)
    data: dict[str, Any] = {"from": source, "to": request.status}
    if body.reason:
        data["reason"] = body.reason
    event = await record_event(session, request, token, EventKind.transition, data=data)
    audit.record(session, actor=token, entity="service_request", entity_id=request.id, action="transition",
                 changes={"status": {"before": source, "after": request.status},
                          **({"reason": {"before": None, "after": body.reason}} if body.reason else {})})
    await notifications.status_changed(session, request, event)
    return request, role


async def comment(session: AsyncSession, request_id: int, body: CommentIn, *, token: ApiToken) -> ServiceRequestEvent:
    """A comment: staff may make it internal; the requester's are always visible; collaborators only read."""
    request, role = await access.load_visible(session, request_id, token)
    if role == Actor.collaborator:
        raise Forbidden("Collaborators can read this request but not comment on it.")
    if body.internal and role != Actor.staff:
        raise Forbidden("Only admins and editors can write internal comments.")
    event = await record_event(session, request, token, EventKind.comment, internal=body.internal, body=body.body)
    audit.record(session, actor=token, entity="service_request", entity_id=request.id, action="comment",
                 changes={"comment": {"before": None, "after": {"event_id": event.id, "internal": body.internal}}})
    await notifications.comment_added(session, request, event, by_requester=role == Actor.requester)
    return event


async def name_collaborators(session: AsyncSession, request_id: int, organisation_ids: list[int], *,
                             token: ApiToken) -> ServiceRequest:
    """Staff or the requester name more member organisations on a collaboration request."""
    request, role = await access.load_visible(session, request_id, token, for_update=True)
    if role == Actor.collaborator:
        raise Forbidden("Only staff and the requesting organisation can name collaborators.")
    if request.status in lifecycle.FINAL_STATES:
        raise Conflict(f"The request is {request.status}; it takes no more collaborators.")
    code = await session.scalar(select(SupportService.code).where(SupportService.id == request.service_id))
    new = await check_collaborators(session, request, code or "", organisation_ids, "/organisation_ids")
    if new:
        await add_collaborators(session, request, new, token)
        audit.record(session, actor=token, entity="service_request", entity_id=request.id,
                     action="add_collaborators", changes={"collaborators": {"before": None, "after": new}})
    return request


async def timeline(session: AsyncSession, request_id: int, *, token: ApiToken,
                   comments_only: bool = False) -> list[ServiceRequestEvent]:
    """Every event in order; members (requester, collaborators) never see internal ones."""
    _, role = await access.load_visible(session, request_id, token)
    query = select(ServiceRequestEvent).where(ServiceRequestEvent.request_id == request_id)
    if role != Actor.staff:
        query = query.where(ServiceRequestEvent.internal.is_(False))
    if comments_only:
        query = query.where(ServiceRequestEvent.kind == EventKind.comment.value)
    return list((await session.scalars(query.order_by(ServiceRequestEvent.id))).all())
