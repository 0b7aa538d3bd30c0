"""E-mail about service requests, through the outbox, in the transaction of the change it reports.

Who hears what: the requester's contact person hears of every status change and every comment visible
to it; collaborators' organisations (their e-mail on file) hear the same, and that they were named.
Internal comments and staff-only events notify nobody outside staff. Each recipient reads the message
in its organisation's language (api/mail/templates/service_request_*).
"""

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.config import get_settings
from api.enterprises.models import Organisation
from api.mail.language import of_organisation
from api.outbox import service as outbox
from api.service_requests.models import (
    ServiceRequest,
    ServiceRequestCollaborator,
    ServiceRequestEvent,
    SupportService,
)


async def _requester(session: AsyncSession, request: ServiceRequest) -> tuple[str, str]:
    org = await session.get(Organisation, request.organisation_id)
    language = of_organisation(org.languages, org.country) if org else "en"
    return request.contact_email, language


async def _collaborators(session: AsyncSession, request_id: int,
                         only: list[int] | None = None) -> list[tuple[str, str]]:
    query = (select(Organisation.email, Organisation.languages, Organisation.country)
             .join(ServiceRequestCollaborator, ServiceRequestCollaborator.organisation_id == Organisation.id)
             .where(ServiceRequestCollaborator.request_id == request_id, Organisation.email.is_not(None))
             .order_by(Organisation.id))
    if only is not None:
        query = query.where(Organisation.id.in_(only))
    return [(email, of_organisation(languages, country))
            for email, languages, country in (await session.execute(query)).all() if email]


async def _send(session: AsyncSession, request: ServiceRequest, recipients: list[tuple[str, str]], *,
                template: str, context: dict[str, Any], key: str) -> None:
    # The process's settings: the links point at the deployment's public address (PUBLIC_BASE_URL).
    base = {"request_id": request.id, "title": request.title, "contact_name": None,
            "members_url": get_settings().absolute_url("/member")}
    for address, language in dict(recipients).items():
        await outbox.enqueue(session, to=address, template=template, language=language, context=base | context,
                             headers={"X-Semap-Service-Request": str(request.id)},
                             dedupe_key=f"service-request:{request.id}:{key}:{address}")


async def request_received(session: AsyncSession, request: ServiceRequest, service: SupportService) -> None:
    address, language = await _requester(session, request)
    await _send(session, request, [(address, language)], template="service_request_received",
                context={"contact_name": request.contact_name,
                         "service_name": service.names.get(language) or service.names.get("en", service.code)},
                key="received")


async def collaborators_added(session: AsyncSession, request: ServiceRequest, organisation_ids: list[int]) -> None:
    await _send(session, request, await _collaborators(session, request.id, only=organisation_ids),
                template="service_request_invited", context={},
                key=f"collaborator:{'-'.join(map(str, organisation_ids))}")


async def status_changed(session: AsyncSession, request: ServiceRequest, event: ServiceRequestEvent) -> None:
    recipients = [await _requester(session, request), *await _collaborators(session, request.id)]
    await _send(session, request, recipients, template="service_request_status",
                context={"status": request.status, "previous": event.data["from"], "reason": event.data.get("reason")},
                key=f"event:{event.id}")


async def comment_added(session: AsyncSession, request: ServiceRequest, event: ServiceRequestEvent, *,
                        by_requester: bool) -> None:
    """A visible comment: to the requester (unless it wrote it) and to the collaborators."""
    if event.internal:
        return
    recipients = await _collaborators(session, request.id)
    if not by_requester:
        recipients.insert(0, await _requester(session, request))
    await _send(session, request, recipients, template="service_request_comment", context={"comment": event.body},
                key=f"event:{event.id}")
