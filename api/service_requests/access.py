"""Who sees a service request, and as what: staff, the requesting member, a named collaborator."""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.models import ApiToken, Role
from api.errors import NotFound
from api.members.models import Membership
from api.service_requests.lifecycle import Actor
from api.service_requests.models import ServiceRequest, ServiceRequestCollaborator


def is_staff(token: ApiToken) -> bool:
    return token.role in (Role.admin.value, Role.editor.value)


async def role_on(session: AsyncSession, token: ApiToken, request: ServiceRequest) -> Actor | None:
    """The caller's part in this request, or None when it may not see it at all."""
    if is_staff(token):
        return Actor.staff
    if token.organisation_id is None:
        return None
    if token.organisation_id == request.organisation_id:
        return Actor.requester
    named = await session.scalar(select(ServiceRequestCollaborator.organisation_id).where(
        ServiceRequestCollaborator.request_id == request.id,
        ServiceRequestCollaborator.organisation_id == token.organisation_id))
    return Actor.collaborator if named is not None else None


async def load_visible(session: AsyncSession, request_id: int, token: ApiToken, *,
                       for_update: bool = False) -> tuple[ServiceRequest, Actor]:
    """The request and the caller's part in it; another organisation's request does not exist (404)."""
    query = select(ServiceRequest).where(ServiceRequest.id == request_id)
    request = await session.scalar(query.with_for_update() if for_update else query)
    role = await role_on(session, token, request) if request is not None else None
    if request is None or role is None:
        raise NotFound(f"No service request {request_id}.")
    return request, role


async def open_members(session: AsyncSession, organisation_ids: list[int]) -> set[int]:
    """Those of the organisations that have an open membership (a cluster member today)."""
    if not organisation_ids:
        return set()
    rows = await session.scalars(select(Membership.organisation_id).where(
        Membership.organisation_id.in_(organisation_ids), Membership.left_on.is_(None)))
    return set(rows.all())
