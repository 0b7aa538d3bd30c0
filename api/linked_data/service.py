"""What linked-data views need beyond the organisation: its clusters, and the site's base URL."""

import json
from typing import Any

from fastapi import Request, Response
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.linked_data import schema_org
from api.members.models import Cluster, Membership


def base_url(request: Request) -> str:
    configured = request.app.state.settings.public_base_url
    return (configured or str(request.base_url)).rstrip("/")


async def clusters_of(session: AsyncSession, organisation_id: int, *, base: str) -> list[dict[str, Any]]:
    """The clusters the organisation is a current member of, with the URL that stands for each."""
    rows = await session.execute(
        select(Cluster.slug, Cluster.name, Cluster.eccp_url).join(Membership, Membership.cluster_id == Cluster.id)
        .where(Membership.organisation_id == organisation_id, Membership.left_on.is_(None))
        .order_by(Cluster.id))
    return [{"name": name, "url": f"{base}/cluster/{slug}", "eccp_url": eccp} for slug, name, eccp in rows.all()]


JSONLD_MEDIA_TYPE = "application/ld+json"


def wants_jsonld(request: Request) -> bool:
    """True when the Accept header names JSON-LD with a non-zero quality."""
    for part in request.headers.get("accept", "").split(","):
        media_type, *params = (piece.strip() for piece in part.split(";"))
        if media_type.lower() != JSONLD_MEDIA_TYPE:
            continue
        quality = next((p[2:] for p in params if p.lower().startswith("q=")), "1")
        try:
            return float(quality) > 0
        except ValueError:
            return False
    return False


async def organisation_jsonld_response(session: AsyncSession, request: Request, out: dict[str, Any], *,
                                       etag: str) -> Response:
    """The schema.org Organization of a profile, for `Accept: application/ld+json`."""
    base = base_url(request)
    body = schema_org.organisation(out, base_url=base, clusters=await clusters_of(session, out["id"], base=base))
    return Response(json.dumps(body, ensure_ascii=False, default=str), media_type=JSONLD_MEDIA_TYPE,
                    headers={"ETag": etag, "Vary": "Accept"})
