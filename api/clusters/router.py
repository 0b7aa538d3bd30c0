"""HTTP for the cluster's public page, its yearly impact and the questions outsiders send it."""

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Response, status

from api.auth.dependencies import OptionalToken
from api.clusters import service
from api.clusters.schemas import ClusterInquiryCreate, ClusterInquirySent, ClusterPage
from api.db import SessionDep
from api.http import require_json_body
from api.impact import service as impact
from api.impact.router import YearFrom, YearTo
from api.impact.schemas import ClusterImpact
from api.ratelimit import rate_limit

router = APIRouter(prefix="/api/v1/clusters", tags=["members"], dependencies=[Depends(require_json_body)])


@router.get("/{slug}", response_model=ClusterPage, summary="A cluster's public page")
async def get_cluster(slug: str, session: SessionDep) -> ClusterPage:
    """Who runs it and since when, its networks and partners, its services, its members' counts and figures."""
    return await service.page(session, slug)


@router.get("/{slug}/impact", response_model=ClusterImpact, summary="A cluster's impact per year (JSON or CSV)",
            responses={200: {"content": {"text/csv": {}}}})
async def get_cluster_impact(slug: str, session: SessionDep, year_from: YearFrom = None, year_to: YearTo = None,
                             format_: Annotated[Literal["json", "csv"], Query(alias="format")] = "json",
                             ) -> ClusterImpact | Response:
    """Sums of the verified reports of the organisations that were members in each year."""
    series = await impact.for_cluster(session, slug, year_from=year_from, year_to=year_to)
    if format_ == "csv":
        return Response(impact.cluster_csv(series), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="impact-{slug}.csv"'})
    return series


@router.post("/{slug}/inquiries", response_model=ClusterInquirySent, status_code=status.HTTP_201_CREATED,
             summary="Ask the cluster's coordinator a question (for non-members)",
             dependencies=[Depends(rate_limit("inquiries"))])
async def create_cluster_inquiry(slug: str, body: ClusterInquiryCreate, session: SessionDep,
                                 token: OptionalToken) -> ClusterInquirySent:
    """Stored, and e-mailed to the coordinator with Reply-To set to the asker; the address is never shown."""
    inquiry, cluster_slug = await service.create_inquiry(session, slug, body, actor=token)
    return service.inquiry_out(inquiry, cluster_slug)
