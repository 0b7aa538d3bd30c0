"""Funding calls: staff publish them; members see those they are eligible for (no HTTP here)."""

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Date, Select, String, and_, any_, cast, func, literal, or_, select, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.models import ApiToken
from api.enterprises.models import Organisation
from api.entity import check_version
from api.errors import InvalidInput, NotFound
from api.funding.models import FundingCall, FundingStatus
from api.funding.schemas import FundingCallCreate, FundingCallOut, FundingCallPage, FundingCallPatch
from api.pagination import DeadlineKeyset, Page, PageParams, deadline_page
from api.writes.changes import record_change

# Soonest deadline first; a rolling call (no deadline) sorts as 9999-12-31, after every dated one.
ORDER = DeadlineKeyset(FundingCall.deadline, FundingCall.id, Date(), far_future="9999-12-31")


def _view(call: FundingCall) -> dict[str, Any]:
    """The call as JSON-able values (dates and amounts as text), for the audit log and re-validation."""
    view = {}
    for column in FundingCall.__table__.c:
        if column.key not in ("created_at", "updated_at", "version"):
            value = getattr(call, column.key)
            view[column.key] = str(value) if isinstance(value, date | Decimal) else value
    return view


def _columns(values: dict[str, Any]) -> dict[str, Any]:
    """Validated fields as the columns take them: the URL as text, enums as their values."""
    return {name: str(value) if name == "url" and value is not None
            else (value.value if hasattr(value, "value") else value) for name, value in values.items()}


def to_out(call: FundingCall, today: date) -> FundingCallOut:
    fields = {c.key: getattr(call, c.key) for c in FundingCall.__table__.c}
    return FundingCallOut.model_validate(fields | {"open": call.status == FundingStatus.published.value
                                                   and (call.deadline is None or call.deadline >= today)})


def open_clause(today: date) -> Any:
    return and_(FundingCall.status == FundingStatus.published.value,
                or_(FundingCall.deadline.is_(None), FundingCall.deadline >= today))


def eligible_clause(org: Organisation) -> Any:
    """The call's eligibility holds for the organisation; an empty list is "any"."""
    def anything(column: Any) -> Any:
        return func.cardinality(column) == 0

    # NACE is a prefix hierarchy: a call for division "88" takes an organisation in class "88.10".
    sector_fits = text("EXISTS (SELECT 1 FROM unnest(funding_calls.sectors) p, "
                       "unnest(CAST(:org_sectors AS varchar[])) s WHERE s LIKE p || '%')").bindparams(
        org_sectors=list(org.sectors))
    return and_(
        or_(anything(FundingCall.countries), literal(org.country) == any_(FundingCall.countries)),
        or_(anything(FundingCall.kinds), literal(org.kind) == any_(FundingCall.kinds)),
        or_(anything(FundingCall.sectors), sector_fits),
        or_(anything(FundingCall.impact_areas),
            FundingCall.impact_areas.overlap(cast(list(org.impact_areas), ARRAY(String(40))))),
        or_(FundingCall.min_employees.is_(None), FundingCall.min_employees <= org.employees_total),
        or_(FundingCall.max_employees.is_(None), FundingCall.max_employees >= org.employees_total))


async def create(session: AsyncSession, data: FundingCallCreate, actor: ApiToken) -> FundingCall:
    call = FundingCall(**_columns(data.model_dump(exclude_unset=True, exclude_none=True)))
    session.add(call)
    await session.flush()
    await session.refresh(call)
    record_change(session, actor=actor, entity="funding_call", entity_id=call.id, action="create", before={},
                  after=_view(call))
    return call


async def update(session: AsyncSession, call_id: int, patch: FundingCallPatch, *, expected_etag: str,
                 actor: ApiToken) -> FundingCall:
    call = await session.get(FundingCall, call_id, with_for_update=True)
    if call is None:
        raise NotFound(f"No funding call {call_id}.")
    check_version(call, expected_etag)
    before = _view(call)
    changes = _columns(patch.model_dump(exclude_unset=True))
    for required in ("title", "funder", "kind", "summary", "status"):
        if required in changes and changes[required] is None:
            raise InvalidInput(f"{required} cannot be removed.", pointer=f"/{required}")
    for name, value in changes.items():
        setattr(call, name, [] if value is None and name in ("countries", "kinds", "sectors", "impact_areas")
                else value)
    try:
        FundingCallCreate.model_validate({k: v for k, v in _view(call).items() if k != "id"})
    except ValidationError as exc:
        raise InvalidInput(f"The call would not be valid: {exc.errors()[0]['msg']}", pointer="/") from exc
    await session.flush()
    await session.refresh(call)
    record_change(session, actor=actor, entity="funding_call", entity_id=call.id, action="update", before=before,
                  after=_view(call))
    return call


async def get(session: AsyncSession, call_id: int, *, staff: bool) -> FundingCall:
    call = await session.get(FundingCall, call_id)
    if call is None or (call.status == FundingStatus.draft.value and not staff):
        raise NotFound(f"No funding call {call_id}.")
    return call


def _filtered(*, staff: bool, status: str | None, open_only: bool | None, eligible_for: Organisation | None,
              kind: str | None, today: date) -> Select[Any]:
    query = select(FundingCall)
    if not staff:
        query = query.where(FundingCall.status != FundingStatus.draft.value)
    if status is not None:
        query = query.where(FundingCall.status == status)
    if open_only is True:
        query = query.where(open_clause(today))
    elif open_only is False:
        query = query.where(~open_clause(today))
    if kind is not None:
        query = query.where(FundingCall.kind == kind)
    if eligible_for is not None:
        query = query.where(open_clause(today), eligible_clause(eligible_for))
    return query


async def list_calls(session: AsyncSession, *, staff: bool, status: str | None = None, open_only: bool | None = None,
                     eligible_for: int | None = None, kind: str | None = None, limit: int,
                     cursor: str | None, today: date | None = None) -> FundingCallPage:
    """Soonest deadline first (rolling calls last), in keyset pages."""
    today = today or datetime.now(UTC).date()
    org = None
    if eligible_for is not None:
        org = await session.get(Organisation, eligible_for)
        if org is None:
            raise InvalidInput(f"No organisation {eligible_for}.", pointer="/eligible_for")
    query = _filtered(staff=staff, status=status, open_only=open_only, eligible_for=org, kind=kind, today=today)
    page: Page[FundingCall] = await deadline_page(session, query, PageParams(limit, cursor), ORDER)
    return FundingCallPage(items=[to_out(c, today) for c in page.items], limit=limit, next_cursor=page.next_cursor)


async def eligible_calls(session: AsyncSession, org: Organisation, *, today: date,
                         changed_since: datetime | None = None) -> list[FundingCall]:
    query = select(FundingCall).where(open_clause(today), eligible_clause(org))
    if changed_since is not None:
        query = query.where(FundingCall.updated_at > changed_since)
    return list((await session.scalars(query.order_by(FundingCall.deadline.asc().nulls_last(),
                                                      FundingCall.id))).all())


async def check_callable(session: AsyncSession, call_id: int, pointer: str) -> None:
    """A service request may point at a published call only."""
    status = await session.scalar(select(FundingCall.status).where(FundingCall.id == call_id))
    if status != FundingStatus.published.value:
        raise InvalidInput(f"No published funding call {call_id}; see GET /api/v1/funding-calls.", pointer=pointer)
