"""Clusters and memberships: who belongs, joining, changing and ending a membership (no HTTP here)."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.models import ApiToken
from api.db import AnySelect, one_or_404
from api.enterprises import service as enterprises
from api.enterprises.models import Organisation, OrganisationStatus
from api.enterprises.schemas import EnterpriseOut
from api.entity import check_version
from api.errors import Conflict, InvalidInput, NotFound, TransitionNotAllowed
from api.members.models import Cluster, Membership, MembershipStatus
from api.members.schemas import (
    ClusterOut,
    MemberCreate,
    MemberOut,
    MemberPage,
    MembershipHistory,
    MembershipOut,
    MembershipPatch,
    OrganisationRef,
    membership_out,
)
from api.pagination import PageParams, keyset_page, total_of
from api.writes.changes import record_change

MEMBER_COLUMNS = [
    Membership.id.label("membership_id"), Cluster.slug.label("cluster_slug"),
    Membership.role.label("membership_role"), Membership.status.label("membership_status"),
    Membership.joined_on, Membership.left_on, Membership.version.label("membership_version"),
    Membership.updated_at.label("membership_updated_at"),
]
# The organisation's columns the member list shows: those of the enterprise output (minus the point,
# read as lon/lat), so that search columns added to the table stay out of the query.
ORGANISATION_COLUMNS = [c for c in Organisation.__table__.c if c.name in EnterpriseOut.model_fields
                        and c.name != "location"]
MEMBER_KEYS = {"membership_id", "cluster_slug", "membership_role", "membership_status", "joined_on", "left_on",
               "membership_version", "membership_updated_at"}


@dataclass
class MemberFilters:
    """Several values of one filter are OR'ed, filters are AND'ed; status defaults to active."""

    cluster: str
    kind: list[str] = field(default_factory=list)
    country: list[str] = field(default_factory=list)
    region: list[str] = field(default_factory=list)
    role: list[str] = field(default_factory=list)
    status: list[str] = field(default_factory=list)


def _member_count() -> Any:
    return (select(func.count()).where(Membership.cluster_id == Cluster.id, Membership.left_on.is_(None))
            .correlate(Cluster).scalar_subquery().label("member_count"))


async def list_clusters(session: AsyncSession) -> list[ClusterOut]:
    rows = await session.execute(select(Cluster, _member_count()).order_by(Cluster.name))
    return [_cluster_out(cluster, count) for cluster, count in rows.all()]


async def get_cluster(session: AsyncSession, slug: str) -> ClusterOut:
    row = (await session.execute(select(Cluster, _member_count()).where(Cluster.slug == slug))).first()
    if row is None:
        raise NotFound(f"No cluster {slug!r}.")
    return _cluster_out(*row)


def _cluster_out(cluster: Cluster, member_count: int) -> ClusterOut:
    # The count is a column of the query, not of the row, so it joins the row's own attributes here.
    return ClusterOut.model_validate({**{c.key: getattr(cluster, c.key) for c in Cluster.__table__.c},
                                      "member_count": member_count})


async def cluster_id_of(session: AsyncSession, slug: str) -> int:
    cluster_id = await session.scalar(select(Cluster.id).where(Cluster.slug == slug))
    if cluster_id is None:
        raise NotFound(f"No cluster {slug!r}; see GET /api/v1/clusters.")
    return cluster_id


def filtered_members(query: AnySelect, filters: MemberFilters, *, cluster_id: int, staff: bool) -> AnySelect:
    """The query joined to memberships of one cluster and narrowed by the filters."""
    query = (query.select_from(Membership).join(Organisation, Organisation.id == Membership.organisation_id)
             .join(Cluster, Cluster.id == Membership.cluster_id).where(Membership.cluster_id == cluster_id))
    query = query.where(Membership.status.in_(filters.status or [MembershipStatus.active.value]))
    if not staff:
        query = query.where(Organisation.status == OrganisationStatus.published.value)
    for column, values in ((Organisation.kind, filters.kind), (Organisation.country, filters.country),
                           (Organisation.region_code, filters.region), (Membership.role, filters.role)):
        if values:
            query = query.where(column.in_(values))
    return query


def _row_columns() -> list[Any]:
    return [*ORGANISATION_COLUMNS, func.ST_X(Organisation.location).label("lon"),
            func.ST_Y(Organisation.location).label("lat"), *MEMBER_COLUMNS]


async def list_members(session: AsyncSession, filters: MemberFilters, page: PageParams, *,
                       staff: bool, private: bool) -> MemberPage:
    """A page of members in membership order; `private` adds e-mail and contact person (admins)."""
    cluster_id = await cluster_id_of(session, filters.cluster)
    query = filtered_members(select(*_row_columns()), filters, cluster_id=cluster_id, staff=staff)
    found = await keyset_page(session, query, page, key=Membership.id, rows="mappings",
                              key_of=lambda row: int(row["membership_id"]))
    total, exact = await total_of(session, filtered_members(select(Membership.id), filters,
                                                            cluster_id=cluster_id, staff=staff))
    items = [member_to_out(row, private=private) for row in found.items]
    return MemberPage(items=items, total=total, total_exact=exact, limit=found.limit, next_cursor=found.next_cursor)


def member_to_out(row: Mapping[Any, Any], *, private: bool) -> MemberOut:
    """A row of the organisation's and the membership's columns as the member list shows it."""
    organisation = {k: v for k, v in row.items() if k not in MEMBER_KEYS}
    return MemberOut.of_row({**organisation, "membership": membership_out(row)}, private=private)


async def get_membership(session: AsyncSession, membership_id: int, *, for_update: bool = False) -> Membership:
    return await one_or_404(session, select(Membership).where(Membership.id == membership_id),
                            f"No membership {membership_id}.", for_update=for_update)


async def member_row(session: AsyncSession, membership_id: int, *, private: bool, staff: bool) -> MemberOut:
    """One membership with its organisation, as the member list shows it; unpublished ones for staff only."""
    query = (select(*_row_columns()).select_from(Membership)
             .join(Organisation, Organisation.id == Membership.organisation_id)
             .join(Cluster, Cluster.id == Membership.cluster_id).where(Membership.id == membership_id))
    row = (await session.execute(query)).mappings().first()
    if row is None or (not staff and row["status"] != OrganisationStatus.published.value):
        raise NotFound(f"No membership {membership_id}.")
    return member_to_out(row, private=private)


def _view(membership: Membership) -> dict[str, Any]:
    return {"cluster_id": membership.cluster_id, "organisation_id": membership.organisation_id,
            "role": membership.role, "status": membership.status,
            "joined_on": membership.joined_on.isoformat(),
            "left_on": membership.left_on.isoformat() if membership.left_on else None}


async def join(session: AsyncSession, data: MemberCreate, *, actor: ApiToken) -> Membership:
    """An existing or new organisation joins the cluster, in the caller's one transaction."""
    cluster_id = await cluster_id_of(session, data.cluster)
    if data.new_organisation is not None:
        org = await enterprises.create(session, data.new_organisation, actor=actor)
    else:
        org = await enterprises.get_organisation(session, str(data.organisation), staff=True)
    name = org.name
    open_membership = select(Membership.id).where(Membership.cluster_id == cluster_id,
                                                  Membership.organisation_id == org.id, Membership.left_on.is_(None))
    if await session.scalar(open_membership) is not None:
        raise Conflict(f"{name} already has an open membership in {data.cluster}.", pointer="/organisation")
    membership = Membership(cluster_id=cluster_id, organisation_id=org.id, role=data.role.value,
                            status=data.status.value, joined_on=data.joined_on)
    session.add(membership)
    try:
        await session.flush()
    except IntegrityError as exc:
        # Two admins adding the same organisation at once: the partial unique index decides.
        if "uq_memberships_open" in str(exc.orig):
            raise Conflict(f"{name} already has an open membership in {data.cluster}.",
                           pointer="/organisation") from exc
        raise
    await session.refresh(membership)
    record_change(session, actor=actor, entity="membership", entity_id=membership.id, action="create",
                  before={}, after=_view(membership))
    return membership


async def update_membership(session: AsyncSession, membership_id: int, patch: MembershipPatch, *,
                            expected_etag: str, actor: ApiToken) -> Membership:
    """Change role or status; ending sets left_on and keeps the row. Ended memberships are history."""
    membership = await get_membership(session, membership_id, for_update=True)
    check_version(membership, expected_etag)
    if membership.status == MembershipStatus.ended.value:
        raise TransitionNotAllowed("An ended membership is history and cannot change; "
                                   "add a new membership instead.")
    before = _view(membership)
    changes = patch.model_dump(exclude_unset=True)
    if changes.get("status") == MembershipStatus.ended:
        changes["left_on"] = patch.left_on or date.today()
    for name, value in changes.items():
        setattr(membership, name, value)
    if membership.left_on is not None and membership.left_on < membership.joined_on:
        raise InvalidInput("left_on cannot be before joined_on.", pointer="/left_on")
    await session.flush()
    await session.refresh(membership)
    action = "end" if membership.left_on and before["left_on"] is None else "update"
    record_change(session, actor=actor, entity="membership", entity_id=membership.id, action=action,
                  before=before, after=_view(membership))
    return membership


async def history(session: AsyncSession, key: str, *, staff: bool) -> MembershipHistory:
    """The organisation's memberships in every cluster, open and ended, newest first."""
    org = await enterprises.get_organisation(session, key, staff=staff)
    rows = (await session.execute(
        select(Membership, Cluster.slug).join(Cluster, Cluster.id == Membership.cluster_id)
        .where(Membership.organisation_id == org.id)
        .order_by(Membership.joined_on.desc(), Membership.id.desc())
    )).all()
    memberships = [MembershipOut(id=m.id, cluster=slug, organisation_id=m.organisation_id, role=m.role,
                                 status=m.status, joined_on=m.joined_on, left_on=m.left_on, version=m.version,
                                 updated_at=m.updated_at) for m, slug in rows]
    return MembershipHistory(organisation=OrganisationRef(id=org.id, slug=org.slug, name=org.name, kind=org.kind),
                             memberships=memberships)
