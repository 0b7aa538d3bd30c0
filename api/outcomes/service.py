"""Inquiry outcomes: the enterprise records what came of an inquiry; the won values are the social spend."""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.models import ApiToken
from api.enterprises.models import Organisation
from api.entity import check_version
from api.errors import NotFound, PreconditionRequired
from api.inquiries import service as inquiries
from api.inquiries.models import Inquiry
from api.mail.language import of_organisation
from api.members.models import Membership, MembershipStatus
from api.outbox import service as outbox
from api.outcomes.models import InquiryOutcome, Outcome
from api.outcomes.schemas import OutcomeIn, OutcomeOut, SocialSpend, SpendByCurrency
from api.writes.changes import record_change


def _view(outcome: InquiryOutcome | None) -> dict[str, Any]:
    if outcome is None:
        return {}
    return {"outcome": outcome.outcome, "value": str(outcome.value) if outcome.value is not None else None,
            "currency": outcome.currency, "note": outcome.note}


def to_out(outcome: InquiryOutcome) -> OutcomeOut:
    return OutcomeOut.model_validate(outcome, from_attributes=True)


async def get_outcome(session: AsyncSession, token: ApiToken, inquiry_id: int) -> InquiryOutcome:
    await inquiries.get(session, inquiries.Reader.of(token), inquiry_id)
    outcome = await session.get(InquiryOutcome, inquiry_id)
    if outcome is None:
        raise NotFound(f"Inquiry {inquiry_id} has no outcome yet.")
    return outcome


async def record(session: AsyncSession, token: ApiToken, inquiry_id: int, data: OutcomeIn, *,
                 expected_etag: str | None) -> InquiryOutcome:
    """Set the outcome (the enterprise's member token, or an admin); changing one needs its ETag in If-Match."""
    inquiry, org = await inquiries.get(session, inquiries.Reader.of(token), inquiry_id, for_update=True)
    outcome = await session.get(InquiryOutcome, inquiry.id, with_for_update=True)
    before = _view(outcome)
    if outcome is None:
        outcome = InquiryOutcome(inquiry_id=inquiry.id)
        session.add(outcome)
    else:
        if expected_etag is None:
            raise PreconditionRequired("This inquiry already has an outcome: send If-Match with its ETag.")
        check_version(outcome, expected_etag)
    outcome.outcome, outcome.value, outcome.currency, outcome.note = (
        data.outcome.value, data.value, data.currency, data.note)
    outcome.recorded_at = datetime.now(UTC)
    await session.flush()
    await session.refresh(outcome)
    record_change(session, actor=token, entity="inquiry_outcome", entity_id=inquiry.id,
                  action="create" if not before else "update", before=before, after=_view(outcome),
                  organisation_id=org.id)
    if outcome.outcome == Outcome.won.value and _view(outcome) != before:
        await _tell_the_buyer(session, inquiry, org, outcome)
    return outcome


async def buyer_spend(session: AsyncSession, buyer_email: str) -> list[dict[str, Any]]:
    """What one buyer (by the e-mail its inquiries came from) bought through the map: won values per currency."""
    rows = (await session.execute(
        select(InquiryOutcome.currency, func.sum(InquiryOutcome.value), func.count())
        .join(Inquiry, Inquiry.id == InquiryOutcome.inquiry_id)
        .where(func.lower(Inquiry.buyer_email) == buyer_email.lower(), InquiryOutcome.outcome == Outcome.won.value)
        .group_by(InquiryOutcome.currency).order_by(InquiryOutcome.currency))).all()
    return [{"currency": currency, "value": value, "contracts": n} for currency, value, n in rows]


async def _tell_the_buyer(session: AsyncSession, inquiry: Inquiry, org: Organisation, outcome: InquiryOutcome) -> None:
    """The buyer sees the social spend the map brought it: this contract, and its total so far (one e-mail per
    version of the outcome, so a corrected value is told again and a retry never twice)."""
    totals = await buyer_spend(session, inquiry.buyer_email)
    await outbox.enqueue(
        session, to=inquiry.buyer_email, template="buyer_spend",
        language=of_organisation(org.languages, org.country),
        context={"enterprise_name": org.name, "buyer_name": inquiry.buyer_name, "inquiry_id": inquiry.id,
                 "value": f"{outcome.value:.2f}" if outcome.value is not None else "",
                 "currency": outcome.currency or "", "contracts": sum(t["contracts"] for t in totals),
                 "totals": [{"value": f"{t['value']:.2f}", "currency": t["currency"]} for t in totals
                            if t["value"] is not None]},
        dedupe_key=f"buyer-spend:{inquiry.id}:{outcome.version}")


async def social_spend(session: AsyncSession, cluster_id: int | None = None) -> SocialSpend:
    """Outcomes counted, and won values summed per currency; one cluster's active members when given."""
    scope = select(InquiryOutcome.outcome, InquiryOutcome.value, InquiryOutcome.currency).join(
        Inquiry, Inquiry.id == InquiryOutcome.inquiry_id)
    if cluster_id is not None:
        scope = scope.where(Inquiry.organisation_id.in_(
            select(Membership.organisation_id).where(Membership.cluster_id == cluster_id,
                                                     Membership.status == MembershipStatus.active.value,
                                                     Membership.left_on.is_(None))))
    rows = scope.subquery()
    by_outcome = select(rows.c.outcome, func.count()).group_by(rows.c.outcome)
    counts: dict[str, int] = dict((await session.execute(by_outcome)).all())
    spend = (await session.execute(
        select(rows.c.currency, func.sum(rows.c.value), func.count())
        .where(rows.c.outcome == Outcome.won.value).group_by(rows.c.currency).order_by(rows.c.currency))).all()
    return SocialSpend.model_validate({**{o.value: counts.get(o.value, 0) for o in Outcome}, "by_currency": [
        SpendByCurrency.model_validate({"currency": c, "value": v, "contracts": n}) for c, v, n in spend]})
