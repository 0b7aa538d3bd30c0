"""HTTP for statistics: the platform's and each cluster's."""

from fastapi import APIRouter

from api.db import SessionDep
from api.stats import service
from api.stats.schemas import Stats

router = APIRouter(prefix="/api/v1", tags=["statistics"])


@router.get("/stats", response_model=Stats, summary="Statistics of all members and of the whole directory")
async def get_stats(session: SessionDep) -> dict:
    return await service.statistics(session)


@router.get("/clusters/{slug}/stats", response_model=Stats, summary="Statistics of one cluster's members")
async def get_cluster_stats(slug: str, session: SessionDep) -> dict:
    return await service.statistics(session, slug)
