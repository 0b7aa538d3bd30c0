"""Statistics computed in SQL: each figure is one grouped query over a set of organisations.

Other domains add their figures with `register_section("service_requests", figures_fn)` (see
sections.py), where `figures_fn(session, cluster_id)` returns a JSON-able dict (cluster_id is None for
the platform); staff see them under `sections`.
"""

import json
from collections.abc import Awaitable, Callable
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, Text, cast, distinct, extract, func, literal, select
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession

from api.db import AnySelect
from api.enterprises.models import Organisation, OrganisationStatus
from api.members.models import Membership, MembershipStatus
from api.members.service import get_cluster
from api.stats.schemas import Figures, MemberFigures, Stats
from api.taxonomies import catalog

SectionFn = Callable[[AsyncSession, int | None], Awaitable[dict[str, Any]]]
SECTIONS: dict[str, tuple[SectionFn, bool]] = {}


def register_section(name: str, figures: SectionFn, *, platform_only: bool = False) -> None:
    """Add a named block of figures (e.g. service requests) to the statistics answers staff see."""
    SECTIONS[name] = (figures, platform_only)


@cache
def nace_sections_by_division() -> str:
    """{"10": "C", …} as JSON, from the bundled NACE list: a parameter of the section query."""
    items = catalog.load("nace")["items"]
    return json.dumps({item["code"]: item["section"] for item in items if item["level"] == "division"})


def _open_memberships(cluster_id: int | None) -> list[ColumnElement[bool]]:
    conditions = [Membership.left_on.is_(None), Membership.status != MembershipStatus.ended.value]
    return conditions + ([Membership.cluster_id == cluster_id] if cluster_id is not None else [])


async def _grouped(session: AsyncSession, key: Any, query: AnySelect) -> dict[str, int]:
    rows = await session.execute(query.add_columns(func.count(distinct(Organisation.id)))
                                 .group_by(key).order_by(func.count(distinct(Organisation.id)).desc(), key))
    return {str(k) if k is not None else "unknown": n for k, n in rows.all()}


async def _unnested_counts(session: AsyncSession, key: Any, org_id: Any) -> dict[str, int]:
    count = func.count(distinct(org_id))
    rows = await session.execute(select(key, count).group_by(key).order_by(count.desc(), key))
    return dict(rows.all())


async def _figures(session: AsyncSession, scope: ColumnElement[bool]) -> Figures:
    """The figures of the organisations matching `scope`, one statement each."""
    base = select().select_from(Organisation).where(scope)
    totals = (await session.execute(select(
        func.count(), func.coalesce(func.sum(Organisation.employees_total), 0),
        func.coalesce(func.sum(Organisation.employees_vulnerable), 0),
        func.coalesce(func.sum(Organisation.annual_turnover_eur), 0)).where(scope))).one()
    impacts = (select(Organisation.id.label("org_id"), func.unnest(Organisation.impact_areas).label("impact"))
               .where(scope).subquery())
    codes = (select(Organisation.id.label("org_id"), func.unnest(Organisation.sectors).label("code"))
             .where(scope).subquery())
    sections = func.jsonb_each_text(cast(literal(nace_sections_by_division(), Text), JSONB)).table_valued(
        "key", "value").alias("division")
    by_section = await session.execute(
        select(sections.c.value, func.count(distinct(codes.c.org_id)))
        .join_from(codes, sections, sections.c.key == func.left(codes.c.code, 2))
        .group_by(sections.c.value).order_by(sections.c.value))
    return Figures(
        organisations=totals[0], employees_total=totals[1], employees_vulnerable=totals[2],
        turnover_eur_total=totals[3],
        by_kind=await _grouped(session, Organisation.kind, base.add_columns(Organisation.kind)),
        by_country=await _grouped(session, Organisation.country, base.add_columns(Organisation.country)),
        by_region=await _grouped(session, Organisation.region_code, base.add_columns(Organisation.region_code)),
        by_impact_area=await _unnested_counts(session, impacts.c.impact, impacts.c.org_id),
        by_nace_section=dict(by_section.all()),
    )


async def _member_figures(session: AsyncSession, cluster_id: int | None) -> MemberFigures:
    members = select(Membership.organisation_id).where(*_open_memberships(cluster_id))
    figures = await _figures(session, Organisation.id.in_(members))
    in_cluster = [Membership.cluster_id == cluster_id] if cluster_id is not None else []
    roles = await session.execute(select(Membership.role, func.count()).where(*_open_memberships(cluster_id))
                                  .group_by(Membership.role).order_by(func.count().desc(), Membership.role))
    year = extract("year", Membership.joined_on).cast(Text)
    years = await session.execute(select(year, func.count()).where(*in_cluster).group_by(year).order_by(year))
    return MemberFigures(**dict(figures), by_role=dict(roles.all()),
                         joined_per_year=dict(years.all()))


async def statistics(session: AsyncSession, cluster_slug: str | None = None, *, staff: bool = False
                     ) -> Stats:
    """The members' figures (of one cluster, or of all), the directory's (platform only), and for staff
    the other domains' sections."""
    cluster_id = (await get_cluster(session, cluster_slug)).id if cluster_slug else None
    directory = None
    if cluster_id is None:
        directory = await _figures(session, Organisation.status == OrganisationStatus.published.value)
    sections = {name: await figures(session, cluster_id) for name, (figures, platform_only) in SECTIONS.items()
                if staff and not (platform_only and cluster_id is not None)}
    return Stats(cluster=cluster_slug, members=await _member_figures(session, cluster_id), directory=directory,
                 sections=sections)
