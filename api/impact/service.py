"""Yearly impact reports: members enter them, staff verify them, the public reads verified series."""

import csv
import io
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Integer, Numeric, and_, cast, extract, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit import service as audit
from api.auth.dependencies import is_staff
from api.auth.models import ApiToken, Role
from api.db import one_or_404
from api.enterprises import service as enterprises
from api.enterprises.models import Organisation, OrganisationStatus
from api.entity import check_version
from api.errors import InvalidInput, PreconditionRequired
from api.impact.models import ImpactReport, ReportStatus
from api.impact.schemas import ClusterImpact, ImpactFigures, YearTotals, current_year
from api.members import service as members
from api.members.models import Membership, MembershipStatus

FIGURES = ("employees_total", "employees_vulnerable", "vulnerable_by_group", "beneficiaries", "turnover_eur",
           "public_contracts_won", "public_contracts_eur", "environment")


def _check_years(year_from: int | None, year_to: int | None) -> None:
    if year_from is not None and year_to is not None and year_to < year_from:
        raise InvalidInput("to must not be before from.", pointer="/query/to")


async def for_enterprise(session: AsyncSession, key: str, *, viewer: ApiToken | None,
                         year_from: int | None, year_to: int | None) -> tuple[Organisation, list[ImpactReport]]:
    """The organisation and its reports; submitted ones only for staff and the organisation's own members."""
    _check_years(year_from, year_to)
    org = await enterprises.get_organisation(session, key, staff=is_staff(viewer))
    query = select(ImpactReport).where(ImpactReport.organisation_id == org.id).order_by(ImpactReport.year)
    own = viewer is not None and viewer.role == Role.member.value and viewer.organisation_id == org.id
    if not (own or is_staff(viewer)):
        query = query.where(ImpactReport.status == ReportStatus.verified.value)
    if year_from is not None:
        query = query.where(ImpactReport.year >= year_from)
    if year_to is not None:
        query = query.where(ImpactReport.year <= year_to)
    return org, list((await session.scalars(query)).all())


def _values(figures: ImpactFigures) -> dict[str, Any]:
    values = figures.model_dump(mode="json", include=set(FIGURES))
    values["environment"] = {k: v for k, v in values["environment"].items() if v is not None}
    for money in ("turnover_eur", "public_contracts_eur"):
        values[money] = getattr(figures, money)
    return values


async def put_report(session: AsyncSession, key: str, year: int, figures: ImpactFigures, *,
                     if_match: str | None, actor: ApiToken) -> tuple[ImpactReport, bool]:
    """Create the year's report, or replace it (If-Match); any change sends it back to `submitted`."""
    if year > current_year():
        raise InvalidInput("A report covers a year that has begun; this one lies ahead.", pointer="/path/year")
    org = await enterprises.get_organisation(session, key, staff=True)
    report = await session.scalar(select(ImpactReport).where(
        ImpactReport.organisation_id == org.id, ImpactReport.year == year).with_for_update())
    values = _values(figures)
    if report is None:
        report = ImpactReport(organisation_id=org.id, year=year, submitted_by_token_id=actor.id, **values)
        session.add(report)
        created, before = True, {}
    else:
        if if_match is None:
            raise PreconditionRequired(f"The {year} report exists: send If-Match with its ETag to replace it.")
        check_version(report, if_match)
        before = {name: getattr(report, name) for name in FIGURES}
        for name, value in values.items():
            setattr(report, name, value)
        report.status, report.verified_at, report.verified_by_token_id = ReportStatus.submitted.value, None, None
        report.submitted_by_token_id = actor.id
        created = False
    await session.flush()
    await session.refresh(report)
    audit.record(session, actor=actor, entity="impact_report", entity_id=report.id,
                 action="create" if created else "update",
                 changes=audit.diff(_jsonable(before), _jsonable({n: getattr(report, n) for n in FIGURES})))
    return report, created


def _jsonable(values: dict[str, Any]) -> dict[str, Any]:
    return {k: str(v) if isinstance(v, Decimal) else v for k, v in values.items()}


async def verify(session: AsyncSession, key: str, year: int, *, if_match: str, actor: ApiToken) -> ImpactReport:
    org = await enterprises.get_organisation(session, key, staff=True)
    report = await one_or_404(session, select(ImpactReport).where(
        ImpactReport.organisation_id == org.id, ImpactReport.year == year),
        f"No {year} impact report of {key!r}.", for_update=True)
    check_version(report, if_match)
    if report.status != ReportStatus.verified.value:
        report.status, report.verified_at = ReportStatus.verified.value, datetime.now(UTC)
        report.verified_by_token_id = actor.id
        await session.flush()
        await session.refresh(report)
        audit.record(session, actor=actor, entity="impact_report", entity_id=report.id, action="verify",
                     changes={"status": {"before": ReportStatus.submitted.value, "after": ReportStatus.verified.value}})
    return report


async def queue(session: AsyncSession, *, limit: int) -> list[tuple[ImpactReport, Organisation]]:
    """Submitted reports waiting for a check, oldest first."""
    rows = (await session.execute(
        select(ImpactReport, Organisation).join(Organisation, Organisation.id == ImpactReport.organisation_id)
        .where(ImpactReport.status == ReportStatus.submitted.value)
        .order_by(ImpactReport.updated_at, ImpactReport.id).limit(limit))).all()
    return [(report, org) for report, org in rows]


def _member_in_year() -> Any:
    """The membership covered some of the report's year (joined by its end, not left before its start)."""
    year = ImpactReport.year
    return and_(extract("year", Membership.joined_on) <= year,
                or_(Membership.left_on.is_(None), extract("year", Membership.left_on) >= year),
                Membership.status != MembershipStatus.suspended.value)


def _env(name: str) -> Any:
    return func.coalesce(func.sum(cast(ImpactReport.environment[name].astext, Numeric)), 0)


async def for_cluster(session: AsyncSession, slug: str, *, year_from: int | None,
                      year_to: int | None) -> ClusterImpact:
    """Per year, the sums of the verified reports of the organisations that were members that year."""
    _check_years(year_from, year_to)
    cluster_id = await members.cluster_id_of(session, slug)
    base = (select(ImpactReport.year)
            .join(Membership, Membership.organisation_id == ImpactReport.organisation_id)
            .join(Organisation, Organisation.id == ImpactReport.organisation_id)
            .where(Membership.cluster_id == cluster_id, _member_in_year(),
                   ImpactReport.status == ReportStatus.verified.value,
                   Organisation.status == OrganisationStatus.published.value))
    if year_from is not None:
        base = base.where(ImpactReport.year >= year_from)
    if year_to is not None:
        base = base.where(ImpactReport.year <= year_to)
    # One report counts once even if an organisation left and rejoined within the year.
    reports = base.add_columns(ImpactReport.id).distinct().subquery()
    sums = (select(ImpactReport.year, func.count(),
                   func.coalesce(func.sum(ImpactReport.employees_total), 0),
                   func.coalesce(func.sum(ImpactReport.employees_vulnerable), 0),
                   func.coalesce(func.sum(ImpactReport.beneficiaries), 0),
                   func.coalesce(func.sum(ImpactReport.turnover_eur), 0),
                   func.coalesce(func.sum(ImpactReport.public_contracts_won), 0),
                   func.coalesce(func.sum(ImpactReport.public_contracts_eur), 0),
                   _env("waste_diverted_t"), _env("co2_avoided_t"))
            .where(ImpactReport.id.in_(select(reports.c.id))).group_by(ImpactReport.year).order_by(ImpactReport.year))
    group = func.jsonb_each_text(ImpactReport.vulnerable_by_group).table_valued("key", "value").alias("g")
    by_group = (select(ImpactReport.year, group.c.key, func.sum(cast(group.c.value, Integer)))
                .select_from(ImpactReport).join(group, group.c.key.is_not(None))
                .where(ImpactReport.id.in_(select(reports.c.id))).group_by(ImpactReport.year, group.c.key))
    groups: dict[int, dict[str, int]] = {}
    for year, code, count in (await session.execute(by_group)).all():
        groups.setdefault(year, {})[code] = int(count)
    years = [YearTotals(year=y, organisations=n, employees_total=e, employees_vulnerable=v,
                        vulnerable_by_group=dict(sorted(groups.get(y, {}).items())), beneficiaries=b,
                        turnover_eur=t, public_contracts_won=c, public_contracts_eur=ce,
                        waste_diverted_t=w, co2_avoided_t=co2)
             for y, n, e, v, b, t, c, ce, w, co2 in (await session.execute(sums)).all()]
    return ClusterImpact(cluster=slug, years=years)


CSV_COLUMNS = ["year", "organisations", "employees_total", "employees_vulnerable", "beneficiaries", "turnover_eur",
               "public_contracts_won", "public_contracts_eur", "waste_diverted_t", "co2_avoided_t"]


def cluster_csv(impact: ClusterImpact) -> str:
    """One row per year; a column per vulnerable group that appears in any year."""
    codes = sorted({code for year in impact.years for code in year.vulnerable_by_group})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS + [f"vulnerable_{code}" for code in codes])
    for year in impact.years:
        writer.writerow([getattr(year, c) for c in CSV_COLUMNS] + [year.vulnerable_by_group.get(c, 0) for c in codes])
    return out.getvalue()
