"""Buyer-match on known geography: distance, hard constraints, explained scores."""

import pytest
from httpx import AsyncClient

from api.matching.reasons import ENGLISH, english
from tests.matching.helpers import caterer, ids, need, verified_evidence


async def test_nearer_caterer_ranks_higher_iasi_bacau_cluj(client: AsyncClient, admin_headers: dict) -> None:
    iasi = await caterer(client, admin_headers, "Iași", 1)
    bacau = await caterer(client, admin_headers, "Bacău", 2)
    cluj = await caterer(client, admin_headers, "Cluj-Napoca", 3)
    response = await client.post("/api/v1/matches", json=need())
    assert response.status_code == 201, response.text
    ranked = ids(response.json())
    assert ranked.index(iasi["id"]) < ranked.index(bacau["id"]) < ranked.index(cluj["id"])
    distances = {r["enterprise"]["id"]: r["distance_km"] for r in response.json()["results"]}
    assert distances[iasi["id"]] < 1 and 75 < distances[bacau["id"]] < 100 and distances[cluj["id"]] > 250


async def test_reasons_add_up_to_the_score(client: AsyncClient, admin_headers: dict) -> None:
    await caterer(client, admin_headers, "Iași", 4)
    body = need(impacts=["work_integration"], beneficiaries=["roma"], budget_eur="3000", deadline="2099-01-01",
                keywords=["catering"])
    match = (await client.post("/api/v1/matches", json=body)).json()
    assert match["results"]
    assert sum(match["weights"].values()) == pytest.approx(1.0, abs=1e-9)
    for result in match["results"]:
        reasons = result["reasons"]
        assert [r["factor"] for r in reasons] == ["category", "distance", "impact", "capacity", "profile"]
        assert sum(r["contribution"] for r in reasons) == pytest.approx(result["score"], abs=1e-9)
        assert 0 <= result["score"] <= 1
        for reason in reasons:
            assert reason["contribution"] == pytest.approx(reason["weight"] * reason["value"], abs=1e-6)
            assert reason["facts"] and all(f["code"] in ENGLISH for f in reason["facts"])
            assert reason["sentence"] == english(reason["facts"])
    scores = [(-r["score"], r["distance_km"], r["enterprise"]["id"]) for r in match["results"]]
    assert scores == sorted(scores)


async def test_facts_carry_the_values_a_client_words_in_its_language(client: AsyncClient,
                                                                      admin_headers: dict) -> None:
    made = await caterer(client, admin_headers, "Iași", 4)
    body = need(impacts=["work_integration"], budget_eur="3000.50", deadline="2099-01-01", keywords=["catering"],
                max_distance_km=80)
    match = (await client.post("/api/v1/matches", json=body)).json()
    result = next(r for r in match["results"] if r["enterprise"]["id"] == made["id"])
    reasons = {r["factor"]: r for r in result["reasons"]}
    facts = {f["code"]: f["params"] for r in reasons.values() for f in r["facts"]}
    assert facts["distance.km_limit"]["limit_km"] == 80 and isinstance(facts["distance.km_limit"]["km"], float)
    assert facts["impact.shared"] == {"count": 1, "total": 1, "shared": ["work_integration"]}
    assert facts["capacity.quantity_fits"] == {"quantity": 200, "min": 20, "max": 500, "unit": "meals"}
    assert facts["capacity.budget_fits"] == {"budget": 3000.5}
    assert "Your budget of EUR 3000.50 meets its minimum order." in reasons["capacity"]["sentence"]
    assert facts["category.keywords"]["matched"] == ["catering"]


async def test_service_area_that_excludes_the_buyer_never_appears(client: AsyncClient, admin_headers: dict) -> None:
    local = await caterer(client, admin_headers, "Bacău", 5, service_radius_km=30, service_countries=[])
    national = await caterer(client, admin_headers, "Bacău", 6, service_countries=["MD"])
    anywhere = await caterer(client, admin_headers, "Bacău", 7, service_countries=[])
    found = ids((await client.post("/api/v1/matches", json=need())).json())
    assert local["id"] not in found and national["id"] not in found
    assert anywhere["id"] in found
    near_bacau = need(town={"name": "Bacău"})
    assert local["id"] in ids((await client.post("/api/v1/matches", json=near_bacau)).json())


async def test_missing_required_certification_excludes(client: AsyncClient, admin_headers: dict) -> None:
    without = await caterer(client, admin_headers, "Iași", 8, certifications=[])
    holder = await caterer(client, admin_headers, "Iași", 9, certifications=["ro_social_insertion_mark"])
    found = ids((await client.post("/api/v1/matches", json=need(certifications=["ro_social_insertion_mark"]))).json())
    assert holder["id"] in found and without["id"] not in found


async def test_max_distance_countries_and_reserved_are_hard_limits(client: AsyncClient, admin_headers: dict) -> None:
    near = await caterer(client, admin_headers, "Iași", 10)
    far = await caterer(client, admin_headers, "Cluj-Napoca", 11)
    await verified_evidence(client, admin_headers, admin_headers, far["id"])
    within = (await client.post("/api/v1/matches", json=need(max_distance_km=50))).json()
    assert near["id"] in ids(within) and far["id"] not in ids(within)
    assert all(r["distance_km"] <= 50 for r in within["results"])
    reserved = ids((await client.post("/api/v1/matches", json=need(reserved_only=True))).json())
    assert far["id"] in reserved and near["id"] not in reserved
    moldova = (await client.post("/api/v1/matches", json=need(countries=["MD"]))).json()
    assert all(r["enterprise"]["country"] == "MD" for r in moldova["results"])


async def test_exact_cpv_ranks_above_the_same_division(client: AsyncClient, admin_headers: dict) -> None:
    exact = await caterer(client, admin_headers, "Iași", 12)
    division = await caterer(client, admin_headers, "Iași", 13)
    offerings = (await client.get(f"/api/v1/enterprises/{division['id']}/offerings")).json()
    etag = (await client.get(f"/api/v1/enterprises/{division['id']}/offerings/{offerings[0]['id']}")).headers["etag"]
    patched = await client.patch(f"/api/v1/enterprises/{division['id']}/offerings/{offerings[0]['id']}",
                                 json={"cpv_codes": ["55300000"]}, headers={**admin_headers, "If-Match": etag})
    assert patched.status_code == 200, patched.text
    results = {r["enterprise"]["id"]: r for r in (await client.post("/api/v1/matches", json=need())).json()["results"]}
    category = {key: next(x for x in r["reasons"] if x["factor"] == "category") for key, r in results.items()}
    assert category[exact["id"]]["value"] == 1.0 and category[division["id"]]["value"] == 0.5
    assert "under CPV 55300000, in the same CPV division as 55520000" in category[division["id"]]["sentence"]
    assert results[exact["id"]]["rank"] < results[division["id"]]["rank"]


async def test_ties_break_by_distance_then_id(client: AsyncClient, admin_headers: dict) -> None:
    first = await caterer(client, admin_headers, "Iași", 14)
    second = await caterer(client, admin_headers, "Iași", 15)
    body = need(location={"type": "Point", "coordinates": [27.6149, 47.16667]}, town=None,
                weights={"distance": 0, "category": 1, "capacity": 0, "profile": 0, "impact": 0})
    results = (await client.post("/api/v1/matches", json=body)).json()["results"]
    ours = [r for r in results if r["enterprise"]["id"] in (first["id"], second["id"])]
    assert ours[0]["score"] == ours[1]["score"]
    assert [r["enterprise"]["id"] for r in ours] == [second["id"], first["id"]]  # second lies nearer the point
