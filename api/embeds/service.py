"""Embeds: the sites allowed to frame the map, and the light map page's data (no HTTP here)."""

import math
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit import service as audit
from api.auth.models import ApiToken
from api.embeds.models import EmbedSite
from api.enterprises.filters import EnterpriseFilters, apply_filters
from api.enterprises.models import Organisation
from api.errors import Conflict, NotFound
from api.geo.models import Region
from api.geo.params import BBox

ORIGIN = re.compile(r"^https?://[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?$")
# Romania, Moldova and Ukraine: the view when neither an area nor any marker gives one.
DEFAULT_VIEW = BBox(20.0, 43.5, 40.5, 52.5)
MAX_MARKERS = 2000


async def list_sites(session: AsyncSession) -> list[EmbedSite]:
    return list((await session.scalars(select(EmbedSite).order_by(EmbedSite.id))).all())


async def add_site(session: AsyncSession, origin: str, note: str | None, *, actor: ApiToken) -> EmbedSite:
    site = EmbedSite(origin=origin, note=note)
    session.add(site)
    try:
        async with session.begin_nested():
            await session.flush()
    except IntegrityError as exc:
        raise Conflict(f"{origin} is already allowed.", pointer="/origin") from exc
    await session.refresh(site)
    audit.record(session, actor=actor, entity="embed_site", entity_id=site.id, action="create",
                 changes={"origin": {"before": None, "after": origin}})
    return site


async def remove_site(session: AsyncSession, site_id: int, *, actor: ApiToken) -> None:
    site = await session.get(EmbedSite, site_id)
    if site is None:
        raise NotFound(f"No embed site {site_id}.")
    audit.record(session, actor=actor, entity="embed_site", entity_id=site.id, action="delete",
                 changes={"origin": {"before": site.origin, "after": None}})
    await session.delete(site)
    await session.flush()


async def frame_ancestors(session: AsyncSession) -> str:
    """The CSP frame-ancestors source list: this site itself (the SPA's embed-code preview) and the allowed origins."""
    origins = (await session.scalars(select(EmbedSite.origin).order_by(EmbedSite.origin))).all()
    return " ".join(["'self'", *origins])


@dataclass
class MapData:
    view: BBox
    markers: list[dict[str, Any]]
    outlines: list[str]


async def map_data(session: AsyncSession, filters: EnterpriseFilters) -> MapData:
    """Markers (published, filtered), the view that frames them, and region outlines as SVG paths."""
    org = Organisation
    rows = (await session.execute(apply_filters(
        select(org.id, org.slug, org.name, org.locality, func.ST_X(org.location).label("lon"),
               func.ST_Y(org.location).label("lat")), filters, staff=False).order_by(org.name, org.id)
        .limit(MAX_MARKERS))).mappings().all()
    markers = [dict(r) for r in rows]
    view = filters.bbox or _extent(markers) or DEFAULT_VIEW
    tolerance = max(view.max_lon - view.min_lon, view.max_lat - view.min_lat) / 400
    outlines = (await session.scalars(
        select(func.ST_AsSVG(func.ST_SimplifyPreserveTopology(Region.geom, tolerance), 0, 4))
        .where(view.overlapped_by(Region.geom)))).all()
    return MapData(view=view, markers=markers, outlines=[o for o in outlines if o])


def _extent(markers: list[dict[str, Any]]) -> BBox | None:
    if not markers:
        return None
    lons, lats = [m["lon"] for m in markers], [m["lat"] for m in markers]
    pad_lon, pad_lat = max((max(lons) - min(lons)) * 0.1, 0.05), max((max(lats) - min(lats)) * 0.1, 0.05)
    return BBox(min(lons) - pad_lon, min(lats) - pad_lat, max(lons) + pad_lon, max(lats) + pad_lat)


def x_scale(view: BBox) -> float:
    """Degrees of longitude shrink with cos(latitude): the factor that keeps the map's shapes true."""
    return math.cos(math.radians((view.min_lat + view.max_lat) / 2))
