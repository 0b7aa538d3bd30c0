"""The match as procurement needs it: reserved by the buyer's law, real CPV codes, quantities, currencies."""

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from httpx import AsyncClient
from pydantic_core import PydanticCustomError
from sqlalchemy.ext.asyncio import AsyncSession

from api.money import rates
from api.money.money import parse_money
from api.reserved.models import ReservedEligibility
from api.taxonomies import catalog
from tests.conftest import enterprise_body
from tests.matching.helpers import caterer, ids, need, verified_evidence

FIXTURES = Path(__file__).parent / "fixtures"


def result_of(match: dict, org_id: int) -> dict:
    return next(r for r in match["results"] if r["enterprise"]["id"] == org_id)


# --- reserved contracts -------------------------------------------------------------------------------


async def test_reserved_match_uses_the_buyers_law_and_names_the_basis(client: AsyncClient, admin_headers: dict) -> None:
    eligible = await caterer(client, admin_headers, "Iași", 30)
    await verified_evidence(client, admin_headers, admin_headers, eligible["id"])
    unverified = await caterer(client, admin_headers, "Iași", 31)
    proposal = {"legal_basis": "ro_protected_unit", "share_disadvantaged_pct": "80", "attestation_number": "P-1",
                "issuer": "AJPIS Iași", "expires_on": "2099-01-01"}
    assert (await client.post(f"/api/v1/enterprises/{unverified['id']}/reserved-eligibilities", json=proposal,
                              headers=admin_headers)).status_code == 201
    match = (await client.post("/api/v1/matches", json=need(reserved_only=True))).json()
    assert eligible["id"] in ids(match) and unverified["id"] not in ids(match)
    found = result_of(match, eligible["id"])
    assert found["enterprise"]["reserved_contract_eligible"] is True
    assert found["enterprise"]["reserved_legal_basis"] == "ro_social_insertion"
    profile = next(r for r in found["reasons"] if r["factor"] == "profile")
    reserved = next(f for f in profile["facts"] if f["code"] == "profile.reserved")
    assert reserved["params"]["basis"] == "ro_social_insertion" and "98/2016" in reserved["params"]["law"]
    assert "Law 98/2016" in profile["sentence"]


async def test_a_romanian_buyers_reserved_match_never_returns_a_moldovan_supplier(
        client: AsyncClient, session: AsyncSession, admin_headers: dict) -> None:
    # Even with (wrongly) verified Romanian evidence in the database, a Moldovan enterprise does not qualify.
    moldovan = await client.post("/api/v1/enterprises", headers=admin_headers, json=enterprise_body(
        name="Catering Ungheni", country="MD", locality="Ungheni", registration_code="1003600000077",
        location={"type": "Point", "coordinates": [27.79, 47.21]}, sectors=["56.21"], service_countries=["RO", "MD"]))
    assert moldovan.status_code == 201, moldovan.text
    offering = {"title": "Catering", "cpv_codes": ["55520000-1"], "max_order_quantity": 500, "quantity_unit": "meals"}
    assert (await client.post(f"/api/v1/enterprises/{moldovan.json()['id']}/offerings", json=offering,
                              headers=admin_headers)).status_code == 201
    session.add(ReservedEligibility(organisation_id=moldovan.json()["id"], legal_basis="ro_social_insertion",
                                    share_disadvantaged_pct=Decimal(90), attestation_number="X", issuer="X",
                                    expires_on=date(2099, 1, 1), status="verified", verified_at=date(2025, 1, 1)))
    await session.commit()
    romanian = await caterer(client, admin_headers, "Iași", 32)
    await verified_evidence(client, admin_headers, admin_headers, romanian["id"])
    match = (await client.post("/api/v1/matches", json=need(reserved_only=True, countries=[]))).json()
    assert romanian["id"] in ids(match) and moldovan.json()["id"] not in ids(match)
    assert all(r["enterprise"]["country"] == "RO" for r in match["results"])


@pytest.mark.parametrize(("town", "status"), [({"name": "Chișinău"}, "unconfirmed"),
                                               ({"name": "Lviv", "country": "UA"}, "none_found")])
async def test_reserved_only_where_no_rule_is_modelled_is_a_clear_422(client: AsyncClient, town: dict,
                                                                      status: str) -> None:
    refused = await client.post("/api/v1/matches", json=need(reserved_only=True, town=town, countries=[]))
    assert refused.status_code == 422, refused.text
    body = refused.json()
    assert body["reason"] == "reserved.no_rule" and body["params"]["status"] == status
    assert body["errors"][0]["pointer"] == "/reserved_only"


async def test_expired_or_too_small_share_does_not_count(client: AsyncClient, admin_headers: dict) -> None:
    expired = await caterer(client, admin_headers, "Iași", 33)
    await verified_evidence(client, admin_headers, admin_headers, expired["id"], issued_on="2020-01-01",
                            expires_on=(date.today() - timedelta(days=1)).isoformat())
    today = await caterer(client, admin_headers, "Iași", 34)
    await verified_evidence(client, admin_headers, admin_headers, today["id"], expires_on=date.today().isoformat())
    small = await caterer(client, admin_headers, "Iași", 35)
    await verified_evidence(client, admin_headers, admin_headers, small["id"], share_disadvantaged_pct="29.5")
    found = ids((await client.post("/api/v1/matches", json=need(reserved_only=True))).json())
    assert today["id"] in found and expired["id"] not in found and small["id"] not in found


# --- CPV ------------------------------------------------------------------------------------------------


def test_cpv_check_digits_come_from_cpv_2008() -> None:
    assert catalog.parse_cpv("55520000-1") == "55520000"
    assert catalog.parse_cpv(" 15810000-9 ") == "15810000" and catalog.parse_cpv("55523100") == "55523100"
    for wrong in ("55520000-2", "5552000", "55520000-", "ABCDEFGH", "99999999"):
        with pytest.raises(ValueError):
            catalog.parse_cpv(wrong)
    assert len(catalog.codes("cpv")) == 9454


async def test_the_json_match_takes_real_cpv_codes(client: AsyncClient, admin_headers: dict) -> None:
    org = await caterer(client, admin_headers, "Iași", 36)
    match = await client.post("/api/v1/matches", json=need(cpv_codes=["55520000-1", "55523100", "15810000"]))
    assert match.status_code == 201, match.text
    assert org["id"] in ids(match.json())
    assert match.json()["need"]["cpv_codes"] == ["55520000", "55523100", "15810000"]
    wrong = await client.post("/api/v1/matches", json=need(cpv_codes=["55520000-7"]))
    assert wrong.status_code == 422 and "check digit" in wrong.json()["detail"]
    error = wrong.json()["errors"][0]
    assert error["pointer"].startswith("/cpv_codes/0") and error["type"] == "cpv_check_digit"
    assert error["ctx"] == {"value": "55520000-7", "expected": "55520000-1"}


async def test_offerings_take_the_check_digit_form_and_answer_eight_digits(client: AsyncClient, admin_headers: dict,
                                                                           enterprise: dict) -> None:
    url = f"/api/v1/enterprises/{enterprise['id']}/offerings"
    created = await client.post(url, headers=admin_headers, json={
        "title": "Pâine", "cpv_codes": ["15810000-9", "15811000"], "min_order_quantity": 10, "max_order_quantity": 80,
        "quantity_unit": "kg", "lead_time_days": 2, "delivery_radius_km": 25})
    assert created.status_code == 201, created.text
    assert created.json()["cpv_codes"] == ["15810000", "15811000"] and created.json()["delivery_radius_km"] == "25.0"
    for bad in ({"title": "X", "cpv_codes": ["15810000-1"]}, {"title": "X", "quantity_unit": "buckets"},
                {"title": "X", "delivery_countries": ["PL"]}):
        assert (await client.post(url, headers=admin_headers, json=bad)).status_code == 422
    assert len((await client.get(url)).json()) == 1


async def test_directory_filter_takes_the_check_digit_form(client: AsyncClient) -> None:
    assert (await client.get("/api/v1/enterprises", params={"cpv": "55520000-1"})).status_code == 200
    assert (await client.get("/api/v1/enterprises", params={"cpv": "55520000-4"})).status_code == 422


# --- quantities -----------------------------------------------------------------------------------------


async def _caterer_with_maximum(client: AsyncClient, headers: dict, n: int, maximum: int, unit: str = "meals") -> dict:
    org = await caterer(client, headers, "Iași", n)
    offerings = (await client.get(f"/api/v1/enterprises/{org['id']}/offerings")).json()
    response = await client.patch(f"/api/v1/enterprises/{org['id']}/offerings/{offerings[0]['id']}",
                                  json={"max_order_quantity": maximum, "quantity_unit": unit},
                                  headers={**headers, "If-Match": f'"{offerings[0]["id"]}.{offerings[0]["version"]}"'})
    assert response.status_code == 200, response.text
    return org


async def test_a_supplier_of_at_most_100_meals_does_not_score_high_for_200(client: AsyncClient,
                                                                         admin_headers: dict) -> None:
    small = await _caterer_with_maximum(client, admin_headers, 40, 100)
    large = await _caterer_with_maximum(client, admin_headers, 41, 300)
    match = (await client.post("/api/v1/matches", json=need(quantity=200, quantity_unit="meals",
                                                            weights={"capacity": 5}))).json()
    small_result, large_result = result_of(match, small["id"]), result_of(match, large["id"])
    small_capacity = next(r for r in small_result["reasons"] if r["factor"] == "capacity")
    assert small_capacity["value"] <= 0.25
    assert small_capacity["facts"][0] == {"code": "capacity.quantity_over",
                                          "params": {"max": 100, "unit": "meals", "quantity": 200}}
    assert large_result["score"] > small_result["score"] and large_result["rank"] < small_result["rank"]


async def test_a_quantity_in_another_unit_is_not_compared(client: AsyncClient, admin_headers: dict) -> None:
    in_kg = await _caterer_with_maximum(client, admin_headers, 42, 50, unit="kg")
    match = (await client.post("/api/v1/matches", json=need(quantity=200, quantity_unit="meals"))).json()
    capacity = next(r for r in result_of(match, in_kg["id"])["reasons"] if r["factor"] == "capacity")
    assert capacity["facts"][0]["code"] == "capacity.unit_differs" and capacity["value"] == 0.5


async def test_an_offering_that_does_not_deliver_to_the_buyer_is_not_the_one_shown(client: AsyncClient,
                                                                                 admin_headers: dict) -> None:
    org = await caterer(client, admin_headers, "Cluj-Napoca", 43, service_countries=["RO"])
    offerings = (await client.get(f"/api/v1/enterprises/{org['id']}/offerings")).json()
    await client.patch(f"/api/v1/enterprises/{org['id']}/offerings/{offerings[0]['id']}",
                       json={"delivery_radius_km": 20},
                       headers={**admin_headers, "If-Match": f'"{offerings[0]["id"]}.{offerings[0]["version"]}"'})
    match = (await client.post("/api/v1/matches", json=need())).json()
    shown = result_of(match, org["id"])
    assert shown["offering"] is None  # 300 km from Iași: the offering delivers within 20 km only


# --- money ----------------------------------------------------------------------------------------------


def test_money_as_people_write_it() -> None:
    assert parse_money("25 000 RON") == {"amount": Decimal(25000), "currency": "RON"}
    assert parse_money("12.500,50 MDL") == {"amount": Decimal("12500.50"), "currency": "MDL"}
    assert parse_money("€5,000") == {"amount": Decimal(5000), "currency": "EUR"}
    assert parse_money("1 200 грн") == {"amount": Decimal(1200), "currency": "UAH"}
    for ambiguous_or_bad, kind in (("25 000 lei", "money_ambiguous"), ("25 000", "money_format"),
                                   ("many RON", "money_format")):
        with pytest.raises(PydanticCustomError) as raised:
            parse_money(ambiguous_or_bad)
        assert raised.value.type == kind


def test_the_committed_table_converts_every_currency_to_eur() -> None:
    table = rates.default_table()
    assert table.to_eur(Decimal(100), "EUR") == Decimal("100.00")
    assert table.to_eur(Decimal("19.61"), "MDL") == Decimal("1.00")
    assert table.to_eur(Decimal("4.977"), "RON") > Decimal("0.99")
    assert Decimal(40) < table.to_eur(Decimal(2000), "UAH") < Decimal(50)


def test_the_table_is_refreshed_from_the_banks_xml(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from api.money.cli import app

    output = tmp_path / "rates.json"
    result = CliRunner().invoke(app, ["refresh", "--source", str(FIXTURES / "bnm-rates.xml"), "--output", str(output)])
    assert result.exit_code == 0, result.output
    table = rates.read(output)
    assert table.on == date(2026, 12, 1) and table.per_unit["UAH"] == Decimal("0.4123")
    assert table.to_eur(Decimal("19.70"), "MDL") == Decimal("1.00")
    broken = tmp_path / "broken.xml"
    broken.write_text('<ValCurs Date="01.12.2026"></ValCurs>')
    assert CliRunner().invoke(app, ["refresh", "--source", str(broken), "--output", str(output)]).exit_code == 1


async def test_a_budget_in_ron_is_converted_and_explained(client: AsyncClient, admin_headers: dict) -> None:
    org = await caterer(client, admin_headers, "Iași", 44)
    match = await client.post("/api/v1/matches", json=need(budget="25 000 RON"))
    assert match.status_code == 201, match.text
    capacity = next(r for r in result_of(match.json(), org["id"])["reasons"] if r["factor"] == "capacity")
    converted = next(f for f in capacity["facts"] if f["code"] == "capacity.budget_converted")
    assert converted["params"]["currency"] == "RON" and 4900 < converted["params"]["budget"] < 5100
    as_object = await client.post("/api/v1/matches", json=need(budget={"amount": "1000", "currency": "uah"}))
    assert as_object.status_code == 201, as_object.text
    for bad in ("25 000 lei", {"amount": "5", "currency": "USD"}):
        refused = await client.post("/api/v1/matches", json=need(budget=bad))
        assert refused.status_code == 422 and refused.json()["errors"][0]["pointer"].startswith("/budget")
    both = await client.post("/api/v1/matches", json=need(budget="5 EUR", budget_eur="5"))
    assert both.status_code == 422


async def test_an_ocds_tender_in_ron_works(client: AsyncClient, admin_headers: dict) -> None:
    org = await caterer(client, admin_headers, "Iași", 45)
    tender = {"tender": {"title": "Masă caldă pentru școli", "items": [{
        "classification": {"scheme": "CPV", "id": "55523100-3"}, "quantity": 200,
        "deliveryAddress": {"locality": "Iași", "countryName": "România"}}],
        "value": {"amount": 50000, "currency": "RON"}}, "options": {"countries": ["RO"]}}
    match = await client.post("/api/v1/matches/ocds", json=tender)
    assert match.status_code == 201, match.text
    assert org["id"] in ids(match.json())
    capacity = next(r for r in result_of(match.json(), org["id"])["reasons"] if r["factor"] == "capacity")
    assert any(f["code"] == "capacity.budget_converted" for f in capacity["facts"])
    tender["tender"]["value"]["currency"] = "GBP"
    refused = await client.post("/api/v1/matches/ocds", json=tender)
    assert refused.status_code == 422 and refused.json()["reason"] == "money.unknown_currency"
