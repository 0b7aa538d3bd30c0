"""Figures of other domains in the statistics answer, for staff: service requests, inquiries, social spend."""

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.inquiries.service import inquiry_stats
from api.outcomes.service import social_spend
from api.service_requests.board import service_request_stats
from api.stats.service import register_section


async def _service_requests(session: AsyncSession, cluster_id: int | None) -> dict[str, Any]:
    # The support services are the cluster's own, so one cluster's figures are the platform's.
    return (await service_request_stats(session)).model_dump(mode="json")


async def _inquiries(session: AsyncSession, cluster_id: int | None) -> dict[str, Any]:
    # Totals and months only: a list of every enterprise would grow with the directory.
    return (await inquiry_stats(session)).model_dump(mode="json", include={"inquiries", "won", "by_month"})


async def _social_spend(session: AsyncSession, cluster_id: int | None) -> dict[str, Any]:
    return (await social_spend(session, cluster_id)).model_dump(mode="json")


register_section("service_requests", _service_requests)
register_section("inquiries", _inquiries, platform_only=True)
# What inquiries came to (quoted, won with values per currency, declined): a cluster's members' or all.
register_section("social_spend", _social_spend)
