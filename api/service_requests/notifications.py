"""E-mail about service requests, through the outbox, in the transaction of the change it reports.

Who hears what: the requester's contact person hears of every status change and every comment visible
to it; collaborators' organisations (their e-mail on file) hear the same, and that they were named.
Internal comments and staff-only events notify nobody outside staff.
"""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.enterprises.models import Organisation
from api.outbox import service as outbox
from api.service_requests.models import (
    ServiceRequest,
    ServiceRequestCollaborator,
    ServiceRequestEvent,
    SupportService,
)

SIGNATURE = "\n\n-- \nSocial Enterprise Map · the cluster's support services"


async def _collaborator_addresses(session: AsyncSession, request_id: int,
                                  only: list[int] | None = None) -> list[str]:
    query = (select(Organisation.email)
             .join(ServiceRequestCollaborator, ServiceRequestCollaborator.organisation_id == Organisation.id)
             .where(ServiceRequestCollaborator.request_id == request_id, Organisation.email.is_not(None))
             .order_by(Organisation.id))
    if only is not None:
        query = query.where(Organisation.id.in_(only))
    return [email for email in (await session.scalars(query)).all() if email]


async def _send(session: AsyncSession, request: ServiceRequest, addresses: list[str], *, subject: str,
                body: str, key: str) -> None:
    for address in dict.fromkeys(addresses):
        await outbox.enqueue(session, to=address, subject=subject, body_text=body + SIGNATURE,
                             headers={"X-Semap-Service-Request": str(request.id)},
                             dedupe_key=f"service-request:{request.id}:{key}:{address}")


def _subject(request: ServiceRequest, what: str) -> str:
    return f"Service request #{request.id} «{request.title}»: {what}"


async def request_received(session: AsyncSession, request: ServiceRequest, service: SupportService) -> None:
    body = (f"Hello {request.contact_name},\n\nthe cluster has received your request for "
            f"{service.names.get('en', service.code)}: «{request.title}» (#{request.id}). "
            "Cluster staff will review it and write to you at every step.")
    await _send(session, request, [request.contact_email], subject=_subject(request, "received"), body=body,
                key="received")


async def collaborators_added(session: AsyncSession, request: ServiceRequest, organisation_ids: list[int]) -> None:
    addresses = await _collaborator_addresses(session, request.id, only=organisation_ids)
    body = (f"Hello,\n\nyour organisation has been named as a collaborator on the cluster service request "
            f"«{request.title}» (#{request.id}). Members of your organisation can follow it with their member "
            "token in the service-request list.")
    await _send(session, request, addresses, subject=_subject(request, "you are invited to collaborate"),
                body=body, key=f"collaborator:{'-'.join(map(str, organisation_ids))}")


async def status_changed(session: AsyncSession, request: ServiceRequest, event: ServiceRequestEvent) -> None:
    reason = event.data.get("reason")
    status = request.status.replace("_", " ")
    body = (f"Hello,\n\nthe service request «{request.title}» (#{request.id}) is now {status}"
            f" (it was {event.data['from'].replace('_', ' ')}).")
    if reason:
        body += f"\n\nReason: {reason}"
    addresses = [request.contact_email, *await _collaborator_addresses(session, request.id)]
    await _send(session, request, addresses, subject=_subject(request, status), body=body,
                key=f"event:{event.id}")


async def comment_added(session: AsyncSession, request: ServiceRequest, event: ServiceRequestEvent, *,
                        by_requester: bool) -> None:
    """A visible comment: to the requester (unless it wrote it) and to the collaborators."""
    if event.internal:
        return
    addresses = await _collaborator_addresses(session, request.id)
    if not by_requester:
        addresses.insert(0, request.contact_email)
    body = f"Hello,\n\na new comment on the service request «{request.title}» (#{request.id}):\n\n{event.body}"
    await _send(session, request, addresses, subject=_subject(request, "new comment"), body=body,
                key=f"event:{event.id}")
