"""Known geography for buyer-match tests: caterers with the same profile in different towns."""

from typing import Any

from httpx import AsyncClient

from tests.conftest import enterprise_body

TOWNS = {"Iași": (27.6, 47.16667), "Bacău": (26.91384, 46.56718), "Cluj-Napoca": (23.6, 46.76667)}


async def caterer(client: AsyncClient, headers: dict[str, str], town: str, n: int, **overrides: Any) -> dict[str, Any]:
    """A published caterer in `town` with one catering offering; overrides change the organisation."""
    lon, lat = TOWNS[town]
    body = enterprise_body(
        name=f"Catering Test {n} {town}", locality=town, registration_code=f"RO7700{n:04d}",
        location={"type": "Point", "coordinates": [lon + 0.001 * n, lat]}, sectors=["56.21"],
        impact_areas=["work_integration"], beneficiary_groups=["youth_neet"], service_countries=["RO"],
        email=f"caterer{n}@example.org", verified=True, website="https://example.org", phone="+40 232 000000",
        founded_year=2015,
    ) | overrides
    response = await client.post("/api/v1/enterprises", json=body, headers=headers)
    assert response.status_code == 201, response.text
    org = response.json()
    offering = {"title": "Catering pentru evenimente", "cpv_codes": ["55520000"], "lead_time_days": 5,
                "min_order_quantity": 20, "max_order_quantity": 500, "quantity_unit": "meals"}
    response = await client.post(f"/api/v1/enterprises/{org['id']}/offerings", json=offering, headers=headers)
    assert response.status_code == 201, response.text
    return org


def need(**overrides: Any) -> dict[str, Any]:
    """A buyer in Iași who needs catering for 200 people in Romania."""
    return {"cpv_codes": ["55520000"], "town": {"name": "Iași"}, "countries": ["RO"], "quantity": 200,
            "limit": 100} | overrides


def ids(match: dict[str, Any]) -> list[int]:
    return [result["enterprise"]["id"] for result in match["results"]]


async def verified_evidence(client: AsyncClient, member_headers: dict[str, str], admin_headers: dict[str, str],
                            org_id: int, **overrides: Any) -> dict[str, Any]:
    """Evidence for reserved contracts proposed (by `member_headers`) and verified by an admin."""
    body = {"legal_basis": "ro_social_insertion", "share_disadvantaged_pct": "40", "attestation_number": f"T-{org_id}",
            "issuer": "AJOFM Iași", "issued_on": "2024-01-10", "expires_on": "2099-01-10"} | overrides
    proposed = await client.post(f"/api/v1/enterprises/{org_id}/reserved-eligibilities", json=body,
                                 headers=member_headers)
    assert proposed.status_code == 201, proposed.text
    decided = await client.post(f"/api/v1/reserved-eligibilities/{proposed.json()['id']}/decision",
                                json={"status": "verified"},
                                headers={**admin_headers, "If-Match": proposed.headers["etag"]})
    assert decided.status_code == 200, decided.text
    return decided.json()
