"""Statistics on the demo data: 60 members, 319 employees, EUR 3,000,000, RO and MD."""

from decimal import Decimal

from httpx import AsyncClient

MAIN = "accelerator-of-social-enterprises"


async def test_cluster_stats_match_the_cluster_figures(client: AsyncClient) -> None:
    response = await client.get(f"/api/v1/clusters/{MAIN}/stats")
    assert response.status_code == 200
    stats = response.json()
    members = stats["members"]
    assert stats["cluster"] == MAIN and stats["directory"] is None
    assert members["organisations"] == 60
    assert members["employees_total"] == 319
    assert Decimal(members["turnover_eur_total"]) == Decimal(3_000_000)
    assert set(members["by_country"]) == {"RO", "MD"} and members["by_country"] == {"RO": 45, "MD": 15}
    assert members["by_kind"] == {"social_enterprise": 47, "public_authority": 7,
                                  "educational_institution": 4, "ngo": 2}
    assert sum(members["by_region"].values()) == 60 and "unknown" not in members["by_region"]
    assert sum(members["joined_per_year"].values()) == 60
    assert all(2016 <= int(year) <= 2025 for year in members["joined_per_year"])
    assert members["by_role"]["coordinator"] == 1 and sum(members["by_role"].values()) == 60
    assert 0 < members["employees_vulnerable"] < 319


async def test_nace_sections_come_from_the_divisions(client: AsyncClient) -> None:
    members = (await client.get(f"/api/v1/clusters/{MAIN}/stats")).json()["members"]
    # Town halls are NACE 84.11 (section O), colleges 85.32 (section P).
    assert members["by_nace_section"]["O"] >= 7 and members["by_nace_section"]["P"] >= 5
    assert all(len(section) == 1 and section.isupper() for section in members["by_nace_section"])
    assert members["by_impact_area"]["education"] >= 5


async def test_platform_stats_add_the_directory(client: AsyncClient) -> None:
    stats = (await client.get("/api/v1/stats")).json()
    assert stats["cluster"] is None
    assert stats["members"]["organisations"] == 60 and stats["members"]["employees_total"] == 319
    assert stats["directory"]["organisations"] == 460
    assert set(stats["directory"]["by_country"]) == {"RO", "MD", "UA"}


async def test_ended_membership_leaves_the_figures(client: AsyncClient, admin_headers: dict) -> None:
    member = (await client.get("/api/v1/members", params={"kind": "ngo", "role": "member"})).json()["items"][0]
    url = f"/api/v1/members/{member['membership']['id']}"
    etag = (await client.get(url)).headers["etag"]
    ended = await client.patch(url, json={"status": "ended"}, headers={**admin_headers, "If-Match": etag})
    assert ended.status_code == 200
    members = (await client.get(f"/api/v1/clusters/{MAIN}/stats")).json()["members"]
    assert members["organisations"] == 59 and members["by_kind"]["ngo"] == 1
    assert members["employees_total"] == 319 - member["employees_total"]
    assert sum(members["joined_per_year"].values()) == 60  # history counts every membership begun


async def test_unknown_cluster_stats_are_404(client: AsyncClient) -> None:
    response = await client.get("/api/v1/clusters/nope/stats")
    assert response.status_code == 404 and response.headers["content-type"] == "application/problem+json"


async def test_other_domains_sections_are_for_staff_only(client: AsyncClient, editor_headers: dict) -> None:
    assert (await client.get("/api/v1/stats")).json()["sections"] == {}
    staff = (await client.get("/api/v1/stats", headers=editor_headers)).json()["sections"]
    assert set(staff) == {"service_requests", "inquiries", "social_spend"}
    assert staff["service_requests"]["total"] == 0 and staff["inquiries"]["inquiries"] == 0
    cluster = (await client.get(f"/api/v1/clusters/{MAIN}/stats", headers=editor_headers)).json()["sections"]
    assert set(cluster) == {"service_requests", "social_spend"}
