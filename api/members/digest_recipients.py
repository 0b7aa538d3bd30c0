"""Who gets the members' weekly e-mails (tenders for you, funding calls): organisations with an active
membership and an e-mail address, in their own language."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.enterprises.models import Organisation
from api.mail.language import of_organisation
from api.members.models import Membership, MembershipStatus


@dataclass(frozen=True)
class Recipient:
    organisation: Organisation
    language: str


def iso_week(now: datetime) -> str:
    year, week, _ = now.isocalendar()
    return f"{year}-W{week:02d}"


async def member_recipients(session: AsyncSession) -> list[Recipient]:
    active = select(Membership.organisation_id).where(Membership.status == MembershipStatus.active.value)
    orgs = (await session.scalars(select(Organisation).where(Organisation.id.in_(active),
                                                             Organisation.email.is_not(None))
                                  .order_by(Organisation.id))).all()
    return [Recipient(org, of_organisation(org.languages, org.country, None)) for org in orgs]
