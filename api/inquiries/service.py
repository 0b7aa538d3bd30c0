"""Inquiries: stored, e-mailed to the enterprise through the outbox, followed up by it (no HTTP here)."""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit import service as audit
from api.auth.models import ApiToken, Role
from api.db import AnySelect, one_or_404
from api.enterprises.models import Organisation, OrganisationStatus
from api.entity import check_version
from api.errors import Forbidden, InvalidInput
from api.inquiries.models import Inquiry, InquiryStatus
from api.inquiries.schemas import EnterpriseCount, EnterpriseRef, InquiryCreate, InquiryStats, MonthCount
from api.mail.language import of_organisation
from api.matching import service as matching
from api.outbox import service as outbox
from api.pagination import Page, PageParams, keyset_page
from api.webhooks import service as webhooks


@dataclass(frozen=True)
class Reader:
    """Who may read inquiries: an admin (all of them) or a member token (its organisation's)."""

    organisation_id: int | None

    @classmethod
    def of(cls, token: ApiToken) -> "Reader":
        if token.role == Role.admin.value:
            return cls(None)
        if token.role == Role.member.value and token.organisation_id is not None:
            return cls(token.organisation_id)
        raise Forbidden("Inquiries are for the enterprise they were sent to (its member token) and admins.")

    def scope(self, query: AnySelect) -> AnySelect:
        return query if self.organisation_id is None else query.where(
            Inquiry.organisation_id == self.organisation_id)


def _email_context(inquiry: Inquiry, org: Organisation, members_url: str) -> dict[str, Any]:
    return {"enterprise_name": org.name, "buyer_name": inquiry.buyer_name,
            "buyer_organisation": inquiry.buyer_organisation, "buyer_email": inquiry.buyer_email,
            "message": inquiry.message, "quantity": inquiry.quantity,
            "wanted_date": inquiry.wanted_date.isoformat() if inquiry.wanted_date else None,
            "inquiry_id": inquiry.id, "members_url": members_url}


async def _contactable(session: AsyncSession, data: InquiryCreate) -> Organisation:
    org = await session.get(Organisation, data.enterprise_id)
    if org is None or org.status != OrganisationStatus.published.value:
        raise InvalidInput(f"No published enterprise {data.enterprise_id}.", pointer="/enterprise_id")
    if data.match_id is not None:
        listed = await matching.enterprise_ids_of(session, data.match_id)
        if listed is None:
            raise InvalidInput(f"No match {data.match_id}.", pointer="/match_id")
        if org.id not in listed:
            raise InvalidInput(f"Enterprise {org.id} is not among the results of match {data.match_id}.",
                               pointer="/enterprise_id")
    return org


async def create(session: AsyncSession, data: InquiryCreate, *, actor: ApiToken | None,
                 members_url: str = "/member") -> tuple[Inquiry, Organisation]:
    """Store the inquiry and, when the enterprise has an e-mail address, queue the e-mail in the same transaction.

    The e-mail is in the enterprise's language, else in the language of the page the buyer wrote from.
    """
    if data.wanted_date is not None and data.wanted_date < datetime.now(UTC).date():
        raise InvalidInput("The wanted date has passed.", pointer="/wanted_date")
    org = await _contactable(session, data)
    inquiry = Inquiry(organisation_id=org.id, status=InquiryStatus.open.value, emailed=org.email is not None,
                      **data.model_dump(exclude={"enterprise_id", "language"}))
    session.add(inquiry)
    await session.flush()
    await session.refresh(inquiry)
    if org.email is not None:
        await outbox.enqueue(session, to=org.email, template="inquiry",
                             language=of_organisation(org.languages, org.country, data.language),
                             context=_email_context(inquiry, org, members_url),
                             headers={"Reply-To": inquiry.buyer_email, "X-Semap-Inquiry": str(inquiry.id)},
                             dedupe_key=f"inquiry:{inquiry.id}")
    audit.record(session, actor=actor, public=True, entity="inquiry", entity_id=inquiry.id, action="create",
                 changes={"organisation_id": {"before": None, "after": org.id},
                          "match_id": {"before": None, "after": str(data.match_id) if data.match_id else None}})
    return inquiry, org


async def list_inquiries(session: AsyncSession, reader: Reader, *, enterprise_id: int | None,
                         status: str | None, page: PageParams) -> Page[tuple[Inquiry, Organisation]]:
    """Newest first, each inquiry with its enterprise."""
    query = reader.scope(select(Inquiry, Organisation).join(Organisation, Organisation.id == Inquiry.organisation_id))
    if enterprise_id is not None:
        query = query.where(Inquiry.organisation_id == enterprise_id)
    if status is not None:
        query = query.where(Inquiry.status == status)
    return await keyset_page(session, query, page, key=Inquiry.id, descending=True, rows="tuples")


async def get(session: AsyncSession, reader: Reader, inquiry_id: int, *,
              for_update: bool = False) -> tuple[Inquiry, Organisation]:
    query = reader.scope(select(Inquiry).where(Inquiry.id == inquiry_id))
    inquiry = await one_or_404(session, query, f"No inquiry {inquiry_id}.", for_update=for_update)
    org = await session.get(Organisation, inquiry.organisation_id)
    assert org is not None
    return inquiry, org


async def set_status(session: AsyncSession, reader: Reader, inquiry_id: int, status: InquiryStatus, *,
                     expected_etag: str, actor: ApiToken) -> tuple[Inquiry, Organisation]:
    inquiry, org = await get(session, reader, inquiry_id, for_update=True)
    check_version(inquiry, expected_etag)
    before = inquiry.status
    if before != status.value:
        inquiry.status = status.value
        await session.flush()
        await session.refresh(inquiry)
        audit.record(session, actor=actor, entity="inquiry", entity_id=inquiry.id, action="update",
                     changes={"status": {"before": before, "after": status.value}})
        await webhooks.inquiry_changed(session, inquiry, org, before_status=before)
    return inquiry, org


async def inquiry_stats(session: AsyncSession, organisation_id: int | None = None) -> InquiryStats:
    """Inquiries and wins in total, per enterprise and per month (UTC); one enterprise's when given.

    /api/v1/stats can include `await inquiry_stats(session)` as its inquiries section.
    """
    won = func.count().filter(Inquiry.status == InquiryStatus.won.value)
    scope = Inquiry.organisation_id == organisation_id if organisation_id is not None else true()
    month = func.to_char(func.timezone("UTC", Inquiry.created_at), "YYYY-MM")
    by_org = (await session.execute(
        select(Organisation.id, Organisation.slug, Organisation.name, func.count(), won)
        .join(Inquiry, Inquiry.organisation_id == Organisation.id).where(scope)
        .group_by(Organisation.id).order_by(func.count().desc(), Organisation.id))).all()
    by_month = (await session.execute(
        select(month, func.count(), won).where(scope).group_by(month).order_by(month))).all()
    return InquiryStats(
        inquiries=sum(row[3] for row in by_org), won=sum(row[4] for row in by_org),
        by_enterprise=[EnterpriseCount(enterprise=EnterpriseRef(id=i, slug=s, name=n), inquiries=c, won=w)
                       for i, s, n, c, w in by_org],
        by_month=[MonthCount(month=m, inquiries=c, won=w) for m, c, w in by_month],
    )


