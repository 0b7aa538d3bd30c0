"""The cluster's public page (who runs it, what it offers, its figures) and inquiries from outsiders."""

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit import service as audit
from api.auth.models import ApiToken
from api.clusters.models import ClusterInquiry
from api.clusters.schemas import ClusterFigures, ClusterInquiryCreate, ClusterInquirySent, ClusterPage, Coordinator
from api.enterprises.models import Organisation, OrganisationStatus
from api.errors import InvalidInput
from api.members import service as members
from api.members.models import Cluster, Membership, MembershipRole, MembershipStatus
from api.outbox import service as outbox
from api.outcomes.service import social_spend
from api.service_requests import catalogue
from api.service_requests.schemas import SupportServiceOut


def _active_members() -> Any:
    """Open, active memberships of published organisations: what the public sees."""
    return (select().select_from(Membership).join(Organisation, Organisation.id == Membership.organisation_id)
            .where(Membership.left_on.is_(None), Membership.status == MembershipStatus.active.value,
                   Organisation.status == OrganisationStatus.published.value))


async def _coordinator(session: AsyncSession, cluster_id: int) -> Coordinator | None:
    row = (await session.execute(
        _active_members().add_columns(Organisation.id, Organisation.slug, Organisation.name, Organisation.kind,
                                      Membership.joined_on)
        .where(Membership.cluster_id == cluster_id, Membership.role == MembershipRole.coordinator.value)
        .order_by(Membership.joined_on).limit(1))).first()
    if row is None:
        return None
    return Coordinator(id=row[0], slug=row[1], name=row[2], kind=row[3], since=row[4])


async def _counts(session: AsyncSession, cluster_id: int, column: Any) -> dict[str, int]:
    rows = await session.execute(_active_members().add_columns(column, func.count())
                                 .where(Membership.cluster_id == cluster_id).group_by(column).order_by(column))
    return {key: count for key, count in rows.all()}


async def _figures(session: AsyncSession, cluster_id: int) -> ClusterFigures:
    row = (await session.execute(_active_members().add_columns(
        func.coalesce(func.sum(Organisation.employees_total), 0),
        func.coalesce(func.sum(Organisation.employees_vulnerable), 0),
        func.coalesce(func.sum(Organisation.annual_turnover_eur), 0),
    ).where(Membership.cluster_id == cluster_id))).one()
    return ClusterFigures(employees=row[0], employees_vulnerable=row[1], turnover_eur=row[2])


async def page(session: AsyncSession, slug: str) -> ClusterPage:
    cluster = await members.get_cluster(session, slug)
    services = await catalogue.list_services(session, include_retired=False)
    return ClusterPage.model_validate({
        **dict(cluster),  # the cluster's fields as they are (models stay models), then what the page adds
        "coordinator": await _coordinator(session, cluster.id),
        "support_services": [SupportServiceOut.model_validate(service) for service in services],
        "members_by_kind": await _counts(session, cluster.id, Organisation.kind),
        "members_by_country": await _counts(session, cluster.id, Organisation.country),
        "figures": await _figures(session, cluster.id),
        "social_spend": await social_spend(session, cluster.id),
    })


def _email_body(inquiry: ClusterInquiry, cluster: Cluster) -> str:
    asker = inquiry.name + (f" ({inquiry.organisation})" if inquiry.organisation else "")
    about = f" about the service {inquiry.service_code!r}" if inquiry.service_code else ""
    return "\n".join([
        f"{asker}, {inquiry.asker_role.replace('_', ' ')}, asked {cluster.name}{about} "
        "through the cluster's page on the Social Enterprise Map.", "", inquiry.message, "",
        f"Reply to this e-mail to answer {inquiry.email}. (Cluster inquiry #{inquiry.id}.)"])


async def _coordinator_email(session: AsyncSession, cluster_id: int) -> str | None:
    return await session.scalar(
        select(Organisation.email).join(Membership, Membership.organisation_id == Organisation.id)
        .where(Membership.cluster_id == cluster_id, Membership.left_on.is_(None),
               Membership.role == MembershipRole.coordinator.value, Organisation.email.is_not(None))
        .order_by(Membership.joined_on).limit(1))


async def create_inquiry(session: AsyncSession, slug: str, data: ClusterInquiryCreate, *,
                         actor: ApiToken | None) -> tuple[ClusterInquiry, str]:
    """Stored, and e-mailed to the coordinator (reply-to: the asker) through the outbox, in one transaction."""
    cluster = await session.scalar(select(Cluster).where(Cluster.slug == slug))
    if cluster is None:
        await members.cluster_id_of(session, slug)  # raises the usual 404
    assert cluster is not None
    if data.service is not None:
        offered = {s.code for s in await catalogue.list_services(session, include_retired=False)}
        if data.service not in offered:
            raise InvalidInput(f"The cluster offers no service {data.service!r}; see GET /api/v1/services.",
                               pointer="/service")
    to = await _coordinator_email(session, cluster.id)
    inquiry = ClusterInquiry(cluster_id=cluster.id, service_code=data.service, name=data.name,
                             organisation=data.organisation, email=data.email, asker_role=data.asker_role.value,
                             message=data.message, emailed=to is not None)
    session.add(inquiry)
    await session.flush()
    await session.refresh(inquiry)
    if to is not None:
        sender = data.organisation or data.name
        await outbox.enqueue(session, to=to, subject=f"Question to {cluster.name} from {sender}",
                             body_text=_email_body(inquiry, cluster),
                             headers={"Reply-To": inquiry.email, "X-Semap-Cluster-Inquiry": str(inquiry.id)},
                             dedupe_key=f"cluster-inquiry:{inquiry.id}")
    audit.record(session, actor=actor, public=True, entity="cluster_inquiry", entity_id=inquiry.id, action="create",
                 changes={"cluster_id": {"before": None, "after": cluster.id},
                          "service_code": {"before": None, "after": inquiry.service_code}})
    return inquiry, cluster.slug


def inquiry_out(inquiry: ClusterInquiry, slug: str) -> ClusterInquirySent:
    return ClusterInquirySent(id=inquiry.id, cluster=slug, service=inquiry.service_code,
                              asker_role=inquiry.asker_role, emailed=inquiry.emailed, created_at=inquiry.created_at)
