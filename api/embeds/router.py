"""HTTP for embeds: the light map page (/embed), its iframe snippet, and the allowed sites (admins)."""

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request, status
from fastapi.responses import HTMLResponse

from api.auth.dependencies import AdminToken
from api.db import SessionDep
from api.embeds import page, service
from api.embeds.models import EmbedSite
from api.embeds.schemas import EmbedSiteCreate, EmbedSiteOut, EmbedSnippet
from api.enterprises.filters import EnterpriseFilters, RegionCode
from api.enterprises.schemas import Country
from api.errors import InvalidInput, problems, raises
from api.geo.params import parse_bbox
from api.http import require_json_body
from api.inputs import Id
from api.taxonomies import catalog
from api.urls import public_base_url

router = APIRouter(tags=["embeds"])
admin_router = APIRouter(prefix="/api/v1", tags=["embeds"], dependencies=[Depends(require_json_body)])
# Nothing loads from anywhere (the page is one document); only the allowed sites may frame it.
PAGE_CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; "
            "form-action 'none'; frame-ancestors {ancestors}")


@raises(400)  # a malformed bbox
class Presets:
    """The embed's presets from the query string, validated like the list's filters."""

    def __init__(self,
                 bbox: Annotated[str | None, Query(description="minLon,minLat,maxLon,maxLat")] = None,
                 region: Annotated[list[RegionCode], Query(description="ISO 3166-2, e.g. RO-CJ.")] = [],  # noqa: B006
                 country: Annotated[list[Country], Query()] = [],  # noqa: B006
                 impact: Annotated[list[str], Query(description="Impact area code.")] = [],  # noqa: B006
                 lang: Annotated[str, Query(pattern="^(ro|en|uk|ru)$")] = "en",
                 color: Annotated[str, Query(pattern="^#[0-9a-fA-F]{6}$", description="Marker colour.")] = "#0b7a75",
                 ) -> None:
        unknown = catalog.unknown("impacts", impact)
        if unknown:
            raise InvalidInput(f"unknown impacts code(s): {', '.join(unknown)}", pointer="/query/impact")
        self.filters = EnterpriseFilters(bbox=parse_bbox(bbox), region=list(region), country=list(country),
                                         impact=list(impact))
        self.query = {"bbox": bbox, "region": list(region), "country": list(country), "impact": list(impact),
                      "lang": lang, "color": color}
        self.lang, self.color = lang, color


def _base(request: Request) -> str:
    return public_base_url(request)


@router.get("/embed", response_class=HTMLResponse, summary="The light map for partner sites' iframes")
async def embed_map(request: Request, session: SessionDep, presets: Annotated[Presets, Depends()]) -> HTMLResponse:
    """Framable by this site and the sites admins allow (CSP frame-ancestors); one document, no scripts."""
    data = await service.map_data(session, presets.filters)
    base = _base(request)
    html = page.render(data, lang=presets.lang, color=presets.color, profile_base=base, full_map_url=base + "/")
    csp = PAGE_CSP.format(ancestors=await service.frame_ancestors(session))
    return HTMLResponse(html, headers={"Content-Security-Policy": csp, "Cache-Control": "public, max-age=300"})


@admin_router.get("/embeds/snippet", response_model=EmbedSnippet, summary="The iframe code for an embed's presets")
async def get_embed_snippet(request: Request, presets: Annotated[Presets, Depends()],
                            width: Annotated[int, Query(ge=200, le=4000)] = 600,
                            height: Annotated[int, Query(ge=200, le=4000)] = 450) -> EmbedSnippet:
    query = urlencode({k: v for k, v in presets.query.items() if v}, doseq=True)
    url = f"{_base(request)}/embed?{query}"
    html = (f'<iframe src="{url.replace("&", "&amp;")}" width="{width}" height="{height}" style="border:0" '
            'loading="lazy" title="Social Enterprise Map"></iframe>')
    return EmbedSnippet.model_validate({"url": url, "html": html})


@admin_router.get("/admin/embed-sites", response_model=list[EmbedSiteOut], summary="Sites allowed to embed the map")
async def list_embed_sites(session: SessionDep, _: AdminToken) -> list[EmbedSite]:
    return await service.list_sites(session)


@admin_router.post("/admin/embed-sites", response_model=EmbedSiteOut, status_code=status.HTTP_201_CREATED,
                   responses=problems(409),
                   summary="Allow a site to embed the map")
async def create_embed_site(body: EmbedSiteCreate, session: SessionDep, token: AdminToken) -> EmbedSite:
    return await service.add_site(session, body.origin, body.note, actor=token)


@admin_router.delete("/admin/embed-sites/{site_id}", status_code=status.HTTP_204_NO_CONTENT,
                     summary="Stop allowing a site to embed the map")
async def delete_embed_site(site_id: Id, session: SessionDep, token: AdminToken) -> None:
    await service.remove_site(session, site_id, actor=token)
