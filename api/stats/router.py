"""HTTP for statistics: the platform's and each cluster's."""

from fastapi import APIRouter

from api.auth.dependencies import OptionalToken, is_staff
from api.db import ReadSessionDep
from api.stats import (
    sections,  # noqa: F401 - registers the other domains' figures
    service,
)
from api.stats.schemas import Stats

router = APIRouter(prefix="/api/v1", tags=["statistics"])


@router.get("/stats", response_model=Stats, summary="Statistics of all members and of the whole directory")
async def get_stats(session: ReadSessionDep, token: OptionalToken) -> Stats:
    """`sections` (service requests, inquiries) are filled for admins and editors only."""
    return await service.statistics(session, staff=is_staff(token))


@router.get("/clusters/{slug}/stats", response_model=Stats, summary="Statistics of one cluster's members")
async def get_cluster_stats(slug: str, session: ReadSessionDep, token: OptionalToken) -> Stats:
    """`sections` (service requests) are filled for admins and editors only."""
    return await service.statistics(session, slug, staff=is_staff(token))
