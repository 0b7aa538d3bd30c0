"""sitemap.xml and robots.txt: what crawlers may read, and every published enterprise and cluster with its lastmod.

/sitemap.xml is a sitemap index (the protocol allows 50,000 URLs a file): one sitemap for the site's pages
and clusters, and one per block of 50,000 enterprise ids, each built by one indexed query.
"""

from datetime import datetime
from xml.sax.saxutils import escape

from fastapi import APIRouter, Request, Response
from sqlalchemy import func, literal_column, select

from api.db import SessionDep
from api.enterprises.models import Organisation, OrganisationStatus
from api.errors import NotFound
from api.members.models import Cluster, Membership
from api.urls import public_base_url

router = APIRouter(tags=["share"])
BLOCK = 50_000
XML = "application/xml"
CACHE = {"Cache-Control": "public, max-age=3600"}
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
PUBLISHED = Organisation.status == OrganisationStatus.published.value


def _day(moment: datetime | None) -> str:
    return moment.date().isoformat() if moment else ""


def _urlset(entries: list[tuple[str, datetime | None]]) -> Response:
    body = "".join(f"<url><loc>{escape(loc)}</loc>" + (f"<lastmod>{_day(mod)}</lastmod>" if mod else "") + "</url>"
                   for loc, mod in entries)
    return Response(f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="{SITEMAP_NS}">{body}</urlset>',
                    media_type=XML, headers=CACHE)


@router.get("/sitemap.xml", summary="The sitemap index", response_class=Response,
            responses={200: {"content": {XML: {"example": "<sitemapindex>…</sitemapindex>"}}}})
async def get_sitemap_index(request: Request, session: SessionDep) -> Response:
    """Links to /sitemaps/pages.xml (home, open data, clusters) and /sitemaps/enterprises-{n}.xml."""
    base = public_base_url(request)
    block = (Organisation.id // BLOCK).label("block")
    rows = (await session.execute(select(block, func.max(Organisation.updated_at)).where(PUBLISHED)
                                  .group_by(literal_column("block")).order_by(literal_column("block")))).all()
    entries = [(f"{base}/sitemaps/pages.xml", None),
               *((f"{base}/sitemaps/enterprises-{n}.xml", modified) for n, modified in rows)]
    body = "".join(f"<sitemap><loc>{escape(loc)}</loc>" + (f"<lastmod>{_day(mod)}</lastmod>" if mod else "")
                   + "</sitemap>" for loc, mod in entries)
    return Response(f'<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="{SITEMAP_NS}">{body}'
                    "</sitemapindex>", media_type=XML, headers=CACHE)


@router.get("/sitemaps/pages.xml", summary="The sitemap of the site's pages and clusters", response_class=Response)
async def get_pages_sitemap(request: Request, session: SessionDep) -> Response:
    base = public_base_url(request)
    # A cluster changes when its membership does.
    rows = (await session.execute(
        select(Cluster.slug, func.greatest(Cluster.created_at, func.max(Membership.updated_at)))
        .outerjoin(Membership, Membership.cluster_id == Cluster.id).group_by(Cluster.id).order_by(Cluster.id))).all()
    return _urlset([(f"{base}/", None), (f"{base}/open-data", None),
                    *((f"{base}/cluster/{slug}", modified) for slug, modified in rows)])


@router.get("/sitemaps/enterprises-{block}.xml", summary="A sitemap of published enterprises",
            response_class=Response)
async def get_enterprises_sitemap(block: int, request: Request, session: SessionDep) -> Response:
    """Published enterprises with ids in [block × 50,000, (block + 1) × 50,000), with their last update."""
    base = public_base_url(request)
    rows = (await session.execute(select(Organisation.slug, Organisation.updated_at).where(
        PUBLISHED, Organisation.id >= block * BLOCK, Organisation.id < (block + 1) * BLOCK)
        .order_by(Organisation.id))).all()
    if not rows:
        raise NotFound(f"No sitemap enterprises-{block}.xml.")
    return _urlset([(f"{base}/e/{slug}", modified) for slug, modified in rows])


@router.get("/robots.txt", summary="What crawlers may read", response_class=Response,
            responses={200: {"content": {"text/plain": {"example": "User-agent: *\nDisallow: /admin\n"}}}})
async def get_robots(request: Request) -> Response:
    """Everything public; not the staff console, the members' area, one-time links or the API's writes."""
    lines = ["User-agent: *", "Allow: /", "Disallow: /admin", "Disallow: /member", "Disallow: /claims/",
             "Disallow: /freshness/", "Disallow: /api/v1/admin", f"Sitemap: {public_base_url(request)}/sitemap.xml", ""]
    return Response("\n".join(lines), media_type="text/plain", headers=CACHE)
