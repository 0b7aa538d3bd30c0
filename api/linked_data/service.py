"""What linked-data views need beyond the organisation: its clusters. No HTTP here: routers choose the
representation (api/http.py `accepts`) and the base URL (api/urls.py)."""

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.enterprises.schemas import EnterpriseOut
from api.linked_data import schema_org
from api.linked_data.links import ClusterLink
from api.members.models import Cluster, Membership

JSONLD_MEDIA_TYPE = "application/ld+json"


async def clusters_of(session: AsyncSession, organisation_id: int, *, base: str) -> list[ClusterLink]:
    """The clusters the organisation is a current member of, with the URL that stands for each."""
    rows = await session.execute(
        select(Cluster.slug, Cluster.name, Cluster.eccp_url).join(Membership, Membership.cluster_id == Cluster.id)
        .where(Membership.organisation_id == organisation_id, Membership.left_on.is_(None))
        .order_by(Cluster.id))
    return [ClusterLink(name=name, url=f"{base}/cluster/{slug}", eccp_url=eccp) for slug, name, eccp in rows.all()]


async def organisation_jsonld(session: AsyncSession, out: EnterpriseOut, *, base: str) -> dict[str, Any]:
    """The schema.org Organization of a profile, its ids and links under `base`."""
    return schema_org.organisation(out, base_url=base, clusters=await clusters_of(session, out.id, base=base))
