"""Service requests: filing, reading and changing them, with a timeline event for every change."""

from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, literal_column, select
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit import service as audit
from api.auth.models import ApiToken, Role
from api.db import AnySelect
from api.enterprises.models import Organisation
from api.entity import check_version
from api.errors import Forbidden, InvalidInput
from api.funding import service as funding
from api.service_requests import access, lifecycle, notifications
from api.service_requests.lifecycle import Actor
from api.service_requests.models import (
    EventKind,
    ServiceRequest,
    ServiceRequestCollaborator,
    ServiceRequestEvent,
    SupportService,
)
from api.service_requests.schemas import ServiceRequestCreate, ServiceRequestOut, ServiceRequestPatch
from api.writes.changes import record_change

COLLABORATION = "collaboration"
FUNDING_ACCESS = "funding_access"
# What the requester may still edit, and until when; the rest is staff's.
REQUESTER_FIELDS = {"title", "description", "preferred_from", "preferred_to", "contact"}
REQUESTER_EDITABLE = {"submitted", "triaged"}


async def record_event(session: AsyncSession, request: ServiceRequest, actor: ApiToken, kind: EventKind, *,
                       data: dict[str, Any] | None = None, internal: bool = False,
                       body: str | None = None) -> ServiceRequestEvent:
    event = ServiceRequestEvent(request_id=request.id, actor_token_id=actor.id, actor=audit.actor_name(actor),
                                actor_role=actor.role, kind=kind.value, internal=internal, data=data or {},
                                body=body)
    session.add(event)
    await session.flush()
    return event


def read_query() -> AnySelect:
    """A request row as the API shows it: with its service's code, organisation name and collaborators."""
    organisation_id = ServiceRequestCollaborator.organisation_id
    collaborators = (
        select(func.coalesce(func.array_agg(aggregate_order_by(organisation_id, organisation_id)),
                             literal_column("'{}'::bigint[]")))
        .where(ServiceRequestCollaborator.request_id == ServiceRequest.id)
        .scalar_subquery()
    )
    return (
        select(*ServiceRequest.__table__.c, SupportService.code.label("service"),
               Organisation.name.label("organisation_name"), collaborators.label("collaborator_organisation_ids"))
        .join(SupportService, SupportService.id == ServiceRequest.service_id)
        .join(Organisation, Organisation.id == ServiceRequest.organisation_id)
    )


def row_to_out(row: Mapping[Any, Any], role: Actor, *, now: datetime) -> ServiceRequestOut:
    """A request row with what the lifecycle says of it now (overdue, the steps `role` may take)."""
    overdue = bool(row["due_date"] and row["due_date"] < now.date() and row["status"] in lifecycle.OPEN_STATES)
    allowed = lifecycle.allowed_targets(row["status"], role, resolved_at=row["resolved_at"], now=now)
    return ServiceRequestOut.of(row, role=role.value, overdue=overdue, allowed=list(allowed))


async def read(session: AsyncSession, request_id: int, role: Actor) -> ServiceRequestOut:
    row = (await session.execute(read_query().where(ServiceRequest.id == request_id))).mappings().one()
    return row_to_out(row, role, now=datetime.now(UTC))


async def _filing_organisation(session: AsyncSession, data: ServiceRequestCreate, token: ApiToken) -> int:
    if access.is_staff(token):
        if data.organisation_id is None:
            raise InvalidInput("Staff file on a member's behalf: name its organisation_id.",
                               pointer="/organisation_id")
        if not await access.open_members(session, [data.organisation_id]):
            raise InvalidInput(f"Organisation {data.organisation_id} is not a cluster member (no open membership).",
                               pointer="/organisation_id")
        return data.organisation_id
    assert token.organisation_id is not None  # a member token always names its organisation
    if data.organisation_id not in (None, token.organisation_id):
        raise Forbidden("A member token files requests for its own organisation only.")
    if not await access.open_members(session, [token.organisation_id]):
        raise Forbidden("Your organisation's membership has ended; contact the cluster.")
    return token.organisation_id


async def _open_service(session: AsyncSession, code: str) -> SupportService:
    service = await session.scalar(select(SupportService).where(SupportService.code == code))
    if service is None or service.retired_at is not None:
        state = "retired" if service is not None else "unknown"
        raise InvalidInput(f"The support service {code!r} is {state}; see GET /api/v1/services.", pointer="/service")
    return service


async def check_collaborators(session: AsyncSession, request: ServiceRequest, service_code: str,
                              organisation_ids: list[int], pointer: str) -> list[int]:
    """The new collaborators to add: members other than the requester, on a collaboration request only."""
    if service_code != COLLABORATION:
        raise InvalidInput("Only requests for the collaboration service can name collaborators.", pointer=pointer)
    wanted = list(dict.fromkeys(organisation_ids))
    if request.organisation_id in wanted:
        raise InvalidInput("The requesting organisation cannot be its own collaborator.", pointer=pointer)
    not_members = sorted(set(wanted) - await access.open_members(session, wanted))
    if not_members:
        raise InvalidInput(f"Not cluster members: {', '.join(map(str, not_members))}.", pointer=pointer)
    existing = set((await session.scalars(select(ServiceRequestCollaborator.organisation_id).where(
        ServiceRequestCollaborator.request_id == request.id))).all())
    return [org_id for org_id in wanted if org_id not in existing]


async def add_collaborators(session: AsyncSession, request: ServiceRequest, organisation_ids: list[int],
                            actor: ApiToken) -> None:
    for org_id in organisation_ids:
        session.add(ServiceRequestCollaborator(request_id=request.id, organisation_id=org_id))
        await record_event(session, request, actor, EventKind.collaborator_added, data={"organisation_id": org_id})
    await session.flush()
    await notifications.collaborators_added(session, request, organisation_ids)


def _audit_view(request: ServiceRequest) -> dict[str, Any]:
    return {c.key: (v.isoformat() if isinstance(v, (date, datetime)) else v)
            for c in ServiceRequest.__table__.c
            if c.key not in ("created_at", "updated_at", "version") and (v := getattr(request, c.key)) is not None}


async def create(session: AsyncSession, data: ServiceRequestCreate, token: ApiToken) -> ServiceRequest:
    """File a request (a member for itself, staff for a member), with its first event and e-mails."""
    organisation_id = await _filing_organisation(session, data, token)
    service = await _open_service(session, data.service)
    if data.funding_call_id is not None:
        if service.code != FUNDING_ACCESS:
            raise InvalidInput("Only a request for access to funding can point at a funding call.",
                               pointer="/funding_call_id")
        await funding.check_callable(session, data.funding_call_id, "/funding_call_id")
    request = ServiceRequest(funding_call_id=data.funding_call_id,
        organisation_id=organisation_id, service_id=service.id, title=data.title, description=data.description,
        preferred_from=data.preferred_from, preferred_to=data.preferred_to, contact_name=data.contact.name,
        contact_email=str(data.contact.email), contact_phone=data.contact.phone, created_by_token_id=token.id)
    session.add(request)
    await session.flush()
    await session.refresh(request)
    collaborators = []
    if data.collaborator_organisation_ids:
        collaborators = await check_collaborators(session, request, service.code, data.collaborator_organisation_ids,
                                                  "/collaborator_organisation_ids")
    await record_event(session, request, token, EventKind.created, data={"service": service.code,
                                                                         "title": request.title})
    record_change(session, actor=token, entity="service_request", entity_id=request.id, action="create",
                  before={}, after=_audit_view(request))
    await notifications.request_received(session, request, service)
    if collaborators:
        await add_collaborators(session, request, collaborators, token)
    return request


async def _check_assignee(session: AsyncSession, token_id: int | None) -> None:
    if token_id is None:
        return
    role = await session.scalar(select(ApiToken.role).where(ApiToken.id == token_id, ApiToken.revoked_at.is_(None)))
    if role not in (Role.admin.value, Role.editor.value):
        raise InvalidInput(f"Token {token_id} is not a live admin or editor token.", pointer="/assignee_token_id")


def _check_patch_rights(role: Actor, request: ServiceRequest, fields: set[str]) -> None:
    if role == Actor.staff:
        return
    if role != Actor.requester or not fields <= REQUESTER_FIELDS:
        raise Forbidden("Only admins and editors may change " + ", ".join(sorted(fields - REQUESTER_FIELDS))
                        if role == Actor.requester else "Collaborators cannot change the request.")
    if request.status not in REQUESTER_EDITABLE:
        raise Forbidden(f"The request is {request.status}: its description can no longer be changed.")


# Patch field → (timeline kind, internal?): assignment and priority are staff's working notes.
EVENT_OF_FIELD = {"assignee_token_id": (EventKind.assignment, True), "priority": (EventKind.priority, True),
                  "due_date": (EventKind.due_date, False)}


async def update(session: AsyncSession, request_id: int, patch: ServiceRequestPatch, *, expected_etag: str,
                 token: ApiToken) -> tuple[ServiceRequest, Actor]:
    """Change fields under If-Match and a row lock; one timeline event per kind of change."""
    request, role = await access.load_visible(session, request_id, token, for_update=True)
    check_version(request, expected_etag)
    changes = patch.model_dump(exclude_unset=True)
    _check_patch_rights(role, request, set(changes))
    if "assignee_token_id" in changes:
        await _check_assignee(session, changes["assignee_token_id"])
    if "contact" in changes:
        contact = changes.pop("contact")
        changes |= {"contact_name": contact["name"], "contact_email": contact["email"],
                    "contact_phone": contact.get("phone")}
    before = _audit_view(request)
    changed = {name: value for name, value in changes.items() if getattr(request, name) != value}
    for name, value in changed.items():
        setattr(request, name, value)
    if request.preferred_from and request.preferred_to and request.preferred_to < request.preferred_from:
        raise InvalidInput("preferred_to must not be before preferred_from.", pointer="/preferred_to")
    if not changed:
        return request, role
    await session.flush()
    await session.refresh(request)
    details = {}
    for name in changed:
        if name in EVENT_OF_FIELD:
            kind, internal = EVENT_OF_FIELD[name]
            await record_event(session, request, token, kind, internal=internal,
                               data={"before": _jsonable(before.get(name)), "after": _jsonable(changed[name])})
        else:
            details[name] = True
    if details:
        await record_event(session, request, token, EventKind.details, data={"fields": sorted(details)})
    record_change(session, actor=token, entity="service_request", entity_id=request.id, action="update",
                  before=before, after=_audit_view(request))
    return request, role


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (date, datetime)) else value
