"""Imports cannot exhaust the server: a row limit, an unpacked-size limit, zip bombs refused before unpacking."""

import io
import zipfile
from typing import Any

from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests.conftest import count_rows
from tests.imports.helpers import csv_bytes, row, xlsx_bytes

URL = "/api/v1/admin/imports"


def _upload(name: str, content: bytes) -> dict[str, Any]:
    return {"file": (name, content, "application/octet-stream")}


def _rows(n: int) -> list[dict[str, Any]]:
    return [row(name=f"Cooperativa Limită {i}", registration_code=f"RO6610{i:04d}", external_id=f"lim-{i}")
            for i in range(n)]


def _too_large(response: Any) -> dict[str, Any]:
    assert response.status_code == 413, response.text[:500]
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["code"] == "import_too_large"
    return body


async def test_the_row_limit_is_configurable_and_refuses_one_more(app: FastAPI, client: AsyncClient,
                                                                  session: AsyncSession,
                                                                  admin_headers: dict[str, str]) -> None:
    app.state.settings = app.state.settings.model_copy(update={"import_max_rows": 5})
    before = await count_rows(session, "organisations")
    for name, build in (("rows.csv", csv_bytes), ("rows.xlsx", xlsx_bytes)):
        body = _too_large(await client.post(URL, files=_upload(name, build(_rows(6))), headers=admin_headers))
        assert body["max_rows"] == 5 and "IMPORT_MAX_ROWS" in body["detail"]
        ok = await client.post(URL, params={"dry_run": "true"}, files=_upload(name, build(_rows(5))),
                               headers=admin_headers)
        assert ok.status_code == 200 and ok.json()["rows_total"] == 5, ok.text[:500]
    assert await count_rows(session, "organisations") == before


def _xlsx_with_parts(replace: dict[str, bytes], extra: dict[str, bytes] | None = None) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes(_rows(1))))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for item in source.infolist():
            target.writestr(item.filename, replace.get(item.filename, source.read(item.filename)))
        for name, data in (extra or {}).items():
            target.writestr(name, data)
    return out.getvalue()


async def test_a_zip_bomb_is_refused_before_it_is_unpacked(client: AsyncClient, admin_headers: dict[str, str]) -> None:
    # 64 MB of blanks compress to some 64 KB: a thousand to one.
    bomb = _xlsx_with_parts({}, {"xl/media/padding.xml": b" " * (64 * 1024 * 1024)})
    assert len(bomb) < 200_000
    body = _too_large(await client.post(URL, files=_upload("bomb.xlsx", bomb), headers=admin_headers))
    assert "zip bomb" in body["detail"]


async def test_the_unpacked_size_limit_is_configurable(app: FastAPI, client: AsyncClient,
                                                       admin_headers: dict[str, str]) -> None:
    app.state.settings = app.state.settings.model_copy(update={"import_max_unpacked_bytes": 1_048_576})
    # Random-looking text compresses little: no bomb, only larger than the limit once unpacked.
    filler = "".join(f"<!-- {n * 7919 % 104729:x} -->" for n in range(100_000)).encode()
    big = _xlsx_with_parts({}, {"xl/media/notes.xml": filler})
    body = _too_large(await client.post(URL, files=_upload("big.xlsx", big), headers=admin_headers))
    assert body["max_unpacked_bytes"] == 1_048_576 and "IMPORT_MAX_UNPACKED_BYTES" in body["detail"]


SHEET = ('<?xml version="1.0" encoding="UTF-8"?>'
         '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
         '<dimension ref="A1:XFD1048576"/><sheetData>'
         '<row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c><c r="B1" t="inlineStr"><is><t>country</t>'
         '</is></c></row>'
         '<row r="2"><c r="A2" t="inlineStr"><is><t>Atelier Lat</t></is></c><c r="B2" t="inlineStr"><is><t>RO</t>'
         '</is></c><c r="XFD2" t="inlineStr"><is><t>far right</t></is></c></row>{tail}</sheetData></worksheet>')


async def test_a_sheet_declaring_a_million_rows_and_columns_is_read_as_it_is(client: AsyncClient,
                                                                             admin_headers: dict[str, str]) -> None:
    """The dimension A1:XFD1048576 once padded every row to 16,384 cells and the sheet to 1,048,576 rows."""
    wide = _xlsx_with_parts({"xl/worksheets/sheet1.xml": SHEET.format(tail="").encode()})
    r = await client.post(URL, params={"dry_run": "true"}, files=_upload("wide.xlsx", wide), headers=admin_headers)
    assert r.status_code == 200, r.text[:500]
    assert r.json()["rows_total"] == 1
    far = '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>last</t></is></c></row>'
    deep = _xlsx_with_parts({"xl/worksheets/sheet1.xml": SHEET.format(tail=far).encode()})
    _too_large(await client.post(URL, params={"dry_run": "true"}, files=_upload("deep.xlsx", deep),
                                 headers=admin_headers))
