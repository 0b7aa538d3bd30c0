"""The board: lists with filters, counts per status, and the figures for statistics."""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.models import ApiToken
from api.db import AnySelect
from api.pagination import PageParams, keyset_page, total_of
from api.service_requests import access, lifecycle
from api.service_requests.lifecycle import Actor
from api.service_requests.models import (
    EventKind,
    RequestStatus,
    ServiceRequest,
    ServiceRequestCollaborator,
    ServiceRequestEvent,
    SupportService,
)
from api.service_requests.schemas import RequestStats, ServiceRequestPage, ServiceStats
from api.service_requests.service import read_query, row_to_out

STAFF_ROLES = ("admin", "editor")


@dataclass
class BoardFilters:
    """Several values of one filter are OR'ed; filters are AND'ed."""

    status: list[str] = field(default_factory=list)
    service: list[str] = field(default_factory=list)
    assignee: list[int] = field(default_factory=list)
    organisation: list[int] = field(default_factory=list)
    overdue: bool | None = None


def _overdue() -> ColumnElement[bool]:
    return and_(ServiceRequest.due_date < func.current_date(),
                ServiceRequest.status.in_([s.value for s in lifecycle.OPEN_STATES]))


def _visible(query: AnySelect, token: ApiToken) -> AnySelect:
    """Staff see every request; a member its own organisation's and those it collaborates on."""
    if access.is_staff(token):
        return query
    named = select(ServiceRequestCollaborator.request_id).where(
        ServiceRequestCollaborator.organisation_id == token.organisation_id)
    return query.where(or_(ServiceRequest.organisation_id == token.organisation_id, ServiceRequest.id.in_(named)))


def _filtered(query: AnySelect, filters: BoardFilters, token: ApiToken, *, with_status: bool = True) -> AnySelect:
    query = _visible(query, token)
    if filters.status and with_status:
        query = query.where(ServiceRequest.status.in_(filters.status))
    if filters.service:
        query = query.where(ServiceRequest.service_id.in_(
            select(SupportService.id).where(SupportService.code.in_(filters.service))))
    if filters.assignee:
        query = query.where(ServiceRequest.assignee_token_id.in_(filters.assignee))
    if filters.organisation:
        query = query.where(ServiceRequest.organisation_id.in_(filters.organisation))
    if filters.overdue is not None:
        query = query.where(_overdue() if filters.overdue else ~_overdue())
    return query


def _role_of_row(row: Any, token: ApiToken) -> Actor:
    if access.is_staff(token):
        return Actor.staff
    return Actor.requester if row["organisation_id"] == token.organisation_id else Actor.collaborator


async def list_requests(session: AsyncSession, filters: BoardFilters, token: ApiToken,
                        page: PageParams) -> ServiceRequestPage:
    """Newest first, a page with the total and the next page's cursor."""
    found = await keyset_page(session, _filtered(read_query(), filters, token), page, key=ServiceRequest.id,
                              descending=True, rows="mappings")
    total, exact = await total_of(session, _filtered(select(ServiceRequest.id), filters, token))
    now = datetime.now(UTC)
    items = [row_to_out(row, _role_of_row(row, token), now=now) for row in found.items]
    return ServiceRequestPage(items=items, total=total, total_exact=exact, limit=found.limit,
                              next_cursor=found.next_cursor)


async def counts(session: AsyncSession, filters: BoardFilters, token: ApiToken) -> dict[str, int]:
    """Requests per status (every status listed, zeros included), under the other filters."""
    query = _filtered(select(ServiceRequest.status, func.count()), filters, token, with_status=False)
    found = {status: n for status, n in (await session.execute(query.group_by(ServiceRequest.status))).all()}
    return {status.value: int(found.get(status.value, 0)) for status in RequestStatus}


def _per_request_times() -> Any:
    """Seconds to the first staff action after filing, and to the first resolution, per request."""
    event = ServiceRequestEvent
    first_response = (
        select(func.min(event.occurred_at))
        .where(event.request_id == ServiceRequest.id, event.actor_role.in_(STAFF_ROLES),
               event.kind != EventKind.created.value)
        .scalar_subquery()
    )
    resolution = (
        select(func.min(event.occurred_at))
        .where(event.request_id == ServiceRequest.id, event.kind == EventKind.transition.value,
               event.data["to"].astext == RequestStatus.resolved.value)
        .scalar_subquery()
    )
    return select(
        ServiceRequest.service_id, ServiceRequest.status,
        func.extract("epoch", first_response - ServiceRequest.created_at).label("first_response"),
        func.extract("epoch", resolution - ServiceRequest.created_at).label("resolution"),
    ).subquery()


async def service_request_stats(session: AsyncSession) -> RequestStats:
    """Requests per service and status, and median seconds to first response and to resolution per service.

    Aggregates only (no personal data): the body of GET /api/v1/service-requests/stats, meant to be
    embedded in the site-wide statistics too. Retired services with requests are included.
    """
    times = _per_request_times()
    median = func.percentile_cont(0.5).within_group
    per_service = (
        select(SupportService.code, func.count().label("n"), median(times.c.first_response).label("first_response"),
               median(times.c.resolution).label("resolution"))
        .join(times, times.c.service_id == SupportService.id)
        .group_by(SupportService.code).order_by(SupportService.code)
    )
    per_status = (select(SupportService.code, times.c.status, func.count())
                  .join(times, times.c.service_id == SupportService.id)
                  .group_by(SupportService.code, times.c.status))
    by_service = {
        row["code"]: ServiceStats(service=row["code"], total=int(row["n"]),
                                  by_status={s.value: 0 for s in RequestStatus},
                                  median_first_response_seconds=_float(row["first_response"]),
                                  median_resolution_seconds=_float(row["resolution"]))
        for row in (await session.execute(per_service)).mappings()
    }
    by_status = {status.value: 0 for status in RequestStatus}
    for code, status, n in (await session.execute(per_status)).all():
        by_service[code].by_status[status] = int(n)
        by_status[status] += int(n)
    return RequestStats(total=sum(by_status.values()), by_status=by_status, by_service=list(by_service.values()))


def _float(value: Any) -> float | None:
    return float(value) if value is not None else None

