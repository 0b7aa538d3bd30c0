"""POST /api/v1/admin/imports: dry run, all or nothing, partial, re-import, authorisation."""

from typing import Any

from httpx import AsyncClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from tests.conftest import count_rows
from tests.imports.helpers import csv_bytes, row, upload

URL = "/api/v1/admin/imports"


async def _org(session: AsyncSession, code: str, country: str = "RO") -> dict[str, Any] | None:
    result = await session.execute(text(
        "SELECT id, name, version, employees_total, ST_X(location) AS lon, ST_Y(location) AS lat, region_code "
        "FROM organisations WHERE country = :c AND registration_code = :r"), {"c": country, "r": code})
    found = result.mappings().first()
    return dict(found) if found else None


async def test_dry_run_reports_every_problem_and_writes_nothing(client: AsyncClient, session: AsyncSession,
                                                                admin_headers: dict[str, str]) -> None:
    before = await count_rows(session, "organisations")
    data = csv_bytes([row(registration_code="RO70000001"),
                      row(name="X", registration_code="RO70000002", email="ana@", sectors="99.99")])
    r = await client.post(URL, params={"dry_run": "true"}, files=upload(data), headers=admin_headers)
    assert r.status_code == 200, r.text
    report = r.json()
    assert (report["dry_run"], report["committed"], report["rows_total"]) == (True, False, 2)
    assert report["created"] == 1 and report["rejected"] == 1
    problems = {(p["row"], p["column"]) for p in report["problems"]}
    assert problems == {(3, "name"), (3, "email"), (3, "sectors")}
    email = next(p for p in report["problems"] if p["column"] == "email")
    assert email["value"] == "ana@" and email["message"]
    assert await count_rows(session, "organisations") == before


async def test_all_or_nothing_rejects_the_file_when_one_row_is_bad(client: AsyncClient, session: AsyncSession,
                                                                   editor_headers: dict[str, str]) -> None:
    before = await count_rows(session, "organisations")
    data = csv_bytes([row(registration_code="RO70000011"), row(registration_code="RO70000012", lat="146.7")])
    r = await client.post(URL, files=upload(data), headers=editor_headers)
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    body = r.json()
    assert body["code"] == "import_rejected"
    assert [(p["row"], p["column"]) for p in body["report"]["problems"]] == [(3, "lat")]
    assert await count_rows(session, "organisations") == before


async def test_partial_imports_the_valid_rows_and_reports_the_rest(client: AsyncClient, session: AsyncSession,
                                                                   admin_headers: dict[str, str]) -> None:
    data = csv_bytes([row(registration_code="RO70000021", external_id="crm-21"),
                      row(registration_code="RO70000022", employees_vulnerable="30"),
                      row(name="Atelierul Solidar Iași", registration_code="RO70000023", locality="Iași",
                          lat="", lon="")])
    r = await client.post(URL, params={"mode": "partial"}, files=upload(data), headers=admin_headers)
    assert r.status_code == 200, r.text
    report = r.json()
    assert (report["created"], report["rejected"], report["committed"]) == (2, 1, True)
    assert report["problems"][0]["row"] == 3 and report["problems"][0]["column"] == "employees_vulnerable"
    assert await _org(session, "RO70000022") is None
    placed = await _org(session, "RO70000023")
    assert placed is not None and placed["region_code"] == "RO-IS"
    first = await _org(session, "RO70000021")
    assert first is not None and first["region_code"] == "RO-CJ"
    external = await session.scalar(text(
        "SELECT external_id FROM organisation_external_ids WHERE organisation_id = :id"), {"id": first["id"]})
    assert external == "crm-21"
    run = (await session.execute(text(
        "SELECT action, changes FROM audit_log WHERE entity = 'import_run' AND entity_id = :id"),
        {"id": str(report["import_run_id"])})).one()
    assert run.action == "import" and run.changes["created"] == 2
    per_org = await session.scalar(text(
        "SELECT count(*) FROM audit_log WHERE action = 'import_create' AND (changes->>'import_run')::int = :id"),
        {"id": report["import_run_id"]})
    assert per_org == 2


async def test_reimport_updates_matched_rows_and_creates_no_duplicates(
        client: AsyncClient, session: AsyncSession, admin_headers: dict[str, str]) -> None:
    rows = [row(registration_code="RO70000031", external_id="crm-31"),
            row(name="Grădina Verde de Test", registration_code="RO70000032", lat="46.70", lon="23.55")]
    assert (await client.post(URL, files=upload(csv_bytes(rows)), headers=admin_headers)).status_code == 200
    after_first = await count_rows(session, "organisations")
    again = await client.post(URL, files=upload(csv_bytes(rows)), headers=admin_headers)
    assert again.status_code == 200, again.text
    assert (again.json()["created"], again.json()["updated"], again.json()["unchanged"]) == (0, 0, 2)
    changed = [rows[0] | {"employees_total": "12"}, rows[1]]
    third = await client.post(URL, files=upload(csv_bytes(changed)), headers=admin_headers)
    assert (third.json()["created"], third.json()["updated"], third.json()["unchanged"]) == (0, 1, 1)
    org = await _org(session, "RO70000031")
    assert org is not None and org["employees_total"] == 12 and org["version"] == 2
    assert await count_rows(session, "organisations") == after_first


async def test_external_id_matches_when_the_registration_code_changes(
        client: AsyncClient, session: AsyncSession, admin_headers: dict[str, str]) -> None:
    first = [row(registration_code="RO70000041", external_id="crm-41")]
    assert (await client.post(URL, files=upload(csv_bytes(first)), headers=admin_headers)).status_code == 200
    renamed = [row(name="Cooperativa Redenumită", registration_code="RO70000042", external_id="crm-41")]
    r = await client.post(URL, files=upload(csv_bytes(renamed)), headers=admin_headers)
    assert (r.json()["created"], r.json()["updated"]) == (0, 1), r.text
    org = await _org(session, "RO70000042")
    assert org is not None and org["name"] == "Cooperativa Redenumită"
    assert await _org(session, "RO70000041") is None


async def test_a_look_alike_is_reported_and_created_only_when_confirmed(
        client: AsyncClient, session: AsyncSession, admin_headers: dict[str, str]) -> None:
    existing = (await session.execute(text(
        "SELECT id, name, ST_X(location) AS lon, ST_Y(location) AS lat FROM organisations "
        "WHERE country = 'RO' AND status = 'published' ORDER BY id LIMIT 1"))).one()
    near = row(name=existing.name.upper(), lat=str(existing.lat + 0.0003), lon=str(existing.lon))
    before = await count_rows(session, "organisations")
    r = await client.post(URL, params={"mode": "partial"}, files=upload(csv_bytes([near])), headers=admin_headers)
    problem = r.json()["problems"][0]
    assert problem["code"] == "possible_duplicate"
    assert problem["candidates"][0]["id"] == existing.id
    assert problem["candidates"][0]["reason"] == "nearby_similar_name"
    assert 0 < problem["candidates"][0]["distance_m"] < 100
    assert await count_rows(session, "organisations") == before
    confirmed = await client.post(URL, params={"confirm_duplicates": "2"}, files=upload(csv_bytes([near])),
                                  headers=admin_headers)
    assert confirmed.status_code == 200, confirmed.text
    assert confirmed.json()["created"] == 1 and confirmed.json()["confirmed_duplicates"][0]["row"] == 2
    assert await count_rows(session, "organisations") == before + 1


async def test_same_registration_code_written_differently_is_a_look_alike(
        client: AsyncClient, admin_headers: dict[str, str]) -> None:
    first = [row(registration_code="RO70000051")]
    assert (await client.post(URL, files=upload(csv_bytes(first)), headers=admin_headers)).status_code == 200
    other = [row(name="Altă Denumire", registration_code="70 000 051", lat="45.75", lon="21.22")]
    r = await client.post(URL, params={"dry_run": "true"}, files=upload(csv_bytes(other)), headers=admin_headers)
    assert r.json()["problems"][0]["candidates"][0]["reason"] == "same_registration_code"


async def test_rows_without_coordinates_are_placed_or_reported(client: AsyncClient,
                                                                admin_headers: dict[str, str]) -> None:
    rows = [row(registration_code="RO70000061", locality="Nowhereville", lat="", lon=""),
            row(registration_code="RO70000062", locality="Sibiu", lat="", lon=""),
            row(registration_code="RO70000063", lat="46.7", lon="")]
    r = await client.post(URL, params={"dry_run": "true"}, files=upload(csv_bytes(rows)), headers=admin_headers)
    problems = {p["row"]: p for p in r.json()["problems"]}
    assert problems[2]["code"] == "unknown_location" and "Nowhereville" in problems[2]["message"]
    assert 3 not in problems
    assert problems[4]["column"] == "lon"


async def test_an_ambiguous_town_is_reported_not_guessed(client: AsyncClient,
                                                          admin_headers: dict[str, str]) -> None:
    from api.imports.geocode import _index

    ambiguous = next(name for (country, name), towns in _index().items() if country == "RO" and len(towns) > 1)
    rows = [row(registration_code="RO70000071", locality=ambiguous, lat="", lon="")]
    r = await client.post(URL, params={"dry_run": "true"}, files=upload(csv_bytes(rows)), headers=admin_headers)
    problem = r.json()["problems"][0]
    assert problem["code"] == "unknown_location" and "region" in problem["message"]


async def test_repeated_keys_within_a_file_are_reported(client: AsyncClient, admin_headers: dict[str, str]) -> None:
    rows = [row(registration_code="RO70000081"), row(name="Alt Nume", registration_code="RO70000081")]
    r = await client.post(URL, params={"dry_run": "true"}, files=upload(csv_bytes(rows)), headers=admin_headers)
    assert [(p["row"], p["code"]) for p in r.json()["problems"]] == [(3, "repeated")]


async def test_imports_need_an_admin_or_editor(client: AsyncClient, integration_headers: dict[str, str]) -> None:
    data = csv_bytes([row(registration_code="RO70000091")])
    assert (await client.post(URL, files=upload(data))).status_code == 401
    assert (await client.post(URL, files=upload(data), headers=integration_headers)).status_code == 403


async def test_the_template_downloads_and_imports_cleanly(client: AsyncClient,
                                                          admin_headers: dict[str, str]) -> None:
    template = await client.get(f"{URL}/template.csv", headers=admin_headers)
    assert template.status_code == 200 and template.headers["content-type"].startswith("text/csv")
    r = await client.post(URL, params={"dry_run": "true"}, files=upload(template.content), headers=admin_headers)
    assert r.status_code == 200, r.text
    assert r.json()["problems"] == [] and r.json()["created"] == 2
