"""Yearly impact reports: members enter them, staff verify them, the public and the cluster read series."""

import csv
import io
from decimal import Decimal
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.models import Role
from tests.conftest import _token_headers, enterprise_body

MAIN = "accelerator-of-social-enterprises"
FIGURES = {"employees_total": 12, "employees_vulnerable": 7,
           "vulnerable_by_group": {"people_with_disabilities": 4, "roma": 3}, "beneficiaries": 140,
           "turnover_eur": "182000.00", "public_contracts_won": 2, "public_contracts_eur": "41000.00",
           "environment": {"waste_diverted_t": "12.50"}}


@pytest.fixture
async def own(client: AsyncClient, session: AsyncSession, admin_headers: dict[str, str]) -> dict[str, Any]:
    """A new enterprise of the test's own, a member of the cluster since 2022, with its member token."""
    created = await client.post("/api/v1/members", headers=admin_headers, json={
        "new_organisation": enterprise_body(registration_code="RO77777701"), "joined_on": "2022-05-01"})
    assert created.status_code == 201, created.text
    org = created.json()
    return {"org": org, "headers": await _token_headers(session, Role.member, org["id"])}


def url(org: dict[str, Any], year: int | None = None) -> str:
    return f"/api/v1/enterprises/{org['slug']}/impact" + (f"/{year}" if year else "")


async def test_a_member_enters_a_year_staff_verify_it_and_then_the_public_sees_it(
        client: AsyncClient, own: dict[str, Any], editor_headers: dict[str, str]) -> None:
    org, headers = own["org"], own["headers"]
    created = await client.put(url(org, 2024), json=FIGURES, headers=headers)
    assert created.status_code == 201, created.text
    assert created.json()["status"] == "submitted" and created.json()["vulnerable_by_group"]["roma"] == 3
    assert (await client.get(url(org))).json()["reports"] == []  # not checked yet: not public
    assert [r["year"] for r in (await client.get(url(org), headers=headers)).json()["reports"]] == [2024]
    queue = (await client.get("/api/v1/impact-reports", headers=editor_headers)).json()["items"]
    [item] = [item for item in queue if item["enterprise"]["id"] == org["id"] and item["year"] == 2024]
    assert item["etag"] == created.headers["etag"]  # a queue's row carries the ETag its header would send
    verified = await client.post(f"{url(org, 2024)}/verify", headers={**editor_headers, "If-Match": item["etag"]})
    assert verified.status_code == 200 and verified.json()["status"] == "verified"
    public = (await client.get(url(org))).json()
    assert public["enterprise"]["id"] == org["id"] and public["reports"][0]["turnover_eur"] == "182000.00"
    assert public["reports"][0]["environment"] == {"waste_diverted_t": "12.50", "co2_avoided_t": None,
                                                   "energy_renewable_mwh": None}


async def test_a_change_needs_if_match_and_sends_the_report_back_for_a_check(
        client: AsyncClient, own: dict[str, Any], editor_headers: dict[str, str]) -> None:
    org, headers = own["org"], own["headers"]
    first = await client.put(url(org, 2023), json=FIGURES, headers=headers)
    verified = await client.post(f"{url(org, 2023)}/verify",
                                 headers={**editor_headers, "If-Match": first.headers["etag"]})
    assert (await client.put(url(org, 2023), json=FIGURES, headers=headers)).status_code == 428
    stale = await client.put(url(org, 2023), json=FIGURES, headers={**headers, "If-Match": first.headers["etag"]})
    assert stale.status_code == 412
    changed = await client.put(url(org, 2023), json={**FIGURES, "beneficiaries": 150},
                               headers={**headers, "If-Match": verified.headers["etag"]})
    assert changed.status_code == 200 and changed.json()["status"] == "submitted"
    assert changed.json()["beneficiaries"] == 150 and changed.json()["verified_at"] is None


async def test_bad_figures_and_strangers_are_refused(client: AsyncClient, own: dict[str, Any],
                                                     session: AsyncSession) -> None:
    org, headers = own["org"], own["headers"]
    bad = [({**FIGURES, "employees_vulnerable": 20}, 422), ({**FIGURES, "vulnerable_by_group": {"aliens": 1}}, 422),
           ({**FIGURES, "vulnerable_by_group": {"roma": 9}}, 422), ({**FIGURES, "turnover_eur": "-1"}, 422),
           ({**FIGURES, "public_contracts_won": 0}, 422), ({**FIGURES, "environment": {"trees": 3}}, 422)]
    for body, expected in bad:
        response = await client.put(url(org, 2024), json=body, headers=headers)
        assert response.status_code == expected, body
        assert response.headers["content-type"] == "application/problem+json"
    assert (await client.put(url(org, 2100), json=FIGURES, headers=headers)).status_code == 422
    assert (await client.put(url(org, 1999), json=FIGURES, headers=headers)).status_code == 422
    assert (await client.put(url(org, 2024), json=FIGURES)).status_code == 401
    stranger = await _token_headers(session, Role.member, 1 if org["id"] != 1 else 2)
    assert (await client.put(url(org, 2024), json=FIGURES, headers=stranger)).status_code == 403
    assert (await client.post(f"{url(org, 2024)}/verify", headers={**headers, "If-Match": '"1.1"'})).status_code == 403
    assert (await client.get(url(org), headers=headers)).json()["reports"] == []


async def test_the_cluster_series_sums_verified_reports_of_that_years_members(
        client: AsyncClient, own: dict[str, Any], editor_headers: dict[str, str]) -> None:
    before = {y["year"]: y for y in (await client.get(f"/api/v1/clusters/{MAIN}/impact")).json()["years"]}
    assert sorted(before) == [2020, 2021, 2022, 2023, 2024, 2025]
    assert before[2025]["employees_total"] == 319 and Decimal(before[2025]["turnover_eur"]) == 3_000_000
    assert before[2020]["organisations"] < before[2025]["organisations"]
    org, headers = own["org"], own["headers"]
    for year in (2021, 2024):  # 2021 lies before it joined: it does not count for the cluster that year
        put = await client.put(url(org, year), json=FIGURES, headers=headers)
        await client.post(f"{url(org, year)}/verify", headers={**editor_headers, "If-Match": put.headers["etag"]})
    after = {y["year"]: y for y in (await client.get(f"/api/v1/clusters/{MAIN}/impact",
                                                     params={"from": 2021, "to": 2024})).json()["years"]}
    assert sorted(after) == [2021, 2022, 2023, 2024]
    assert after[2021] == before[2021]
    assert after[2024]["employees_total"] == before[2024]["employees_total"] + 12
    assert after[2024]["vulnerable_by_group"]["roma"] == before[2024]["vulnerable_by_group"].get("roma", 0) + 3
    assert Decimal(after[2024]["waste_diverted_t"]) == Decimal(before[2024]["waste_diverted_t"]) + Decimal("12.5")


async def test_the_cluster_series_as_csv_and_bad_ranges(client: AsyncClient) -> None:
    response = await client.get(f"/api/v1/clusters/{MAIN}/impact", params={"format": "csv"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [int(r["year"]) for r in rows] == [2020, 2021, 2022, 2023, 2024, 2025]
    assert int(rows[-1]["employees_total"]) == 319 and "vulnerable_roma" in rows[0]
    backwards = await client.get(f"/api/v1/clusters/{MAIN}/impact", params={"from": 2024, "to": 2020})
    assert backwards.status_code == 422 and backwards.json()["errors"][0]["pointer"] == "/query/to"
    assert (await client.get("/api/v1/clusters/nope/impact")).status_code == 404
    assert (await client.get("/api/v1/enterprises/no-such-enterprise/impact")).status_code == 404
