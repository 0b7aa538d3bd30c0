"""Statistics of a cluster's members and of the directory, on a cluster each test makes (tests.factories)."""

from decimal import Decimal
from typing import Any

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import SmallCluster, make_small_cluster


async def _members(client: AsyncClient, slug: str) -> dict[str, Any]:
    response = await client.get(f"/api/v1/clusters/{slug}/stats")
    assert response.status_code == 200
    stats = response.json()
    assert stats["cluster"] == slug and stats["directory"] is None
    members: dict[str, Any] = stats["members"]
    return members


async def test_cluster_stats_match_the_cluster_figures(client: AsyncClient, session: AsyncSession) -> None:
    small = await make_small_cluster(session)
    members = await _members(client, small.slug)
    assert members["organisations"] == 5
    assert members["employees_total"] == SmallCluster.EMPLOYEES
    assert Decimal(members["turnover_eur_total"]) == SmallCluster.TURNOVER_EUR
    assert members["by_country"] == SmallCluster.BY_COUNTRY
    assert members["by_kind"] == SmallCluster.BY_KIND
    assert sum(members["by_region"].values()) == 5 and "unknown" not in members["by_region"]
    assert members["joined_per_year"] == {"2020": 2, "2022": 1, "2023": 1, "2024": 1}
    assert members["by_role"] == {"coordinator": 1, "member": 4}
    assert members["employees_vulnerable"] == 4 + 7  # the bakery's and the workshop's


async def test_nace_sections_come_from_the_divisions(client: AsyncClient, session: AsyncSession) -> None:
    small = await make_small_cluster(session)
    members = await _members(client, small.slug)
    # Bakery 10.71 and workshop 14.13 (C), town hall 84.11 (O), school 85.32 (P), association 94.99 (S).
    assert members["by_nace_section"] == {"C": 2, "O": 1, "P": 1, "S": 1}
    assert members["by_impact_area"]["education"] == 1


async def test_platform_stats_add_the_directory(client: AsyncClient, session: AsyncSession) -> None:
    before = (await client.get("/api/v1/stats")).json()
    await make_small_cluster(session)
    stats = (await client.get("/api/v1/stats")).json()
    assert stats["cluster"] is None
    assert stats["members"]["organisations"] == before["members"]["organisations"] + 5
    assert stats["members"]["employees_total"] == before["members"]["employees_total"] + SmallCluster.EMPLOYEES
    assert stats["directory"]["organisations"] == before["directory"]["organisations"] + 5
    for country, count in SmallCluster.BY_COUNTRY.items():
        assert stats["directory"]["by_country"][country] == before["directory"]["by_country"].get(country, 0) + count


async def test_ended_membership_leaves_the_figures(client: AsyncClient, session: AsyncSession,
                                                   admin_headers: dict[str, str]) -> None:
    small = await make_small_cluster(session)
    workshop = small.members["workshop"]
    items = (await client.get("/api/v1/members", params={"cluster": small.slug, "limit": 100})).json()["items"]
    url = f"/api/v1/members/{next(i for i in items if i['id'] == workshop.id)['membership']['id']}"
    etag = (await client.get(url)).headers["etag"]
    ended = await client.patch(url, json={"status": "ended"}, headers={**admin_headers, "If-Match": etag})
    assert ended.status_code == 200
    members = await _members(client, small.slug)
    assert members["organisations"] == 4 and members["by_kind"]["social_enterprise"] == 1
    assert members["employees_total"] == SmallCluster.EMPLOYEES - 12
    assert sum(members["joined_per_year"].values()) == 5  # history counts every membership begun


async def test_unknown_cluster_stats_are_404(client: AsyncClient) -> None:
    response = await client.get("/api/v1/clusters/nope/stats")
    assert response.status_code == 404 and response.headers["content-type"] == "application/problem+json"


async def test_staff_see_the_other_domains_sections_as_their_own_endpoints_give_them(
        client: AsyncClient, admin_headers: dict[str, str]) -> None:
    sections = (await client.get("/api/v1/stats", headers=admin_headers)).json()["sections"]
    requests = (await client.get("/api/v1/service-requests/stats", headers=admin_headers)).json()
    inquiries = (await client.get("/api/v1/inquiries/stats", headers=admin_headers)).json()
    assert sections["service_requests"] == requests
    # Totals and months only: the list per enterprise stays on its own endpoint.
    assert sections["inquiries"] == {key: inquiries[key] for key in ("inquiries", "won", "by_month")}
    assert (await client.get("/api/v1/stats")).json()["sections"] == {}  # staff only
