"""No input gives a 5xx: the causes found by fuzzing, each refused at the edge with a 4xx problem."""

import base64
import io
import json
import re
import zipfile
from collections.abc import AsyncIterator
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient
from openpyxl import Workbook
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from tests.conftest import count_rows, enterprise_body

IMPORTS = "/api/v1/admin/imports"


def _cursor(key: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(key).encode()).decode().rstrip("=")


def _problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("application/problem+json")
    return response.json()


@pytest.mark.parametrize("path", ["/api/v1/enterprises/%C2%B2", "/api/v1/enterprises/%D9%A3",
                                  "/ogc/collections/enterprises/items/%C2%B2",
                                  "/api/v1/enterprises/99999999999999999999999"])
async def test_unicode_and_huge_digits_in_a_key_are_not_found(client: AsyncClient, path: str) -> None:
    _problem(await client.get(path), 404)


async def test_ids_beyond_a_bigint_are_422_in_paths_queries_and_bodies(client: AsyncClient,
                                                                      admin_headers: dict[str, str]) -> None:
    huge = "10000000000000000001"
    body = _problem(await client.get(f"/api/v1/members/{huge}"), 422)
    assert body["errors"][0]["pointer"] == "/path/membership_id"
    body = _problem(await client.get("/api/v1/admin/audit", params={"actor": huge}, headers=admin_headers), 422)
    assert body["errors"][0]["pointer"] == "/query/actor"
    body = _problem(await client.post("/api/v1/inquiries", json={"enterprise_id": int(huge)}), 422)
    assert "/enterprise_id" in [e["pointer"] for e in body["errors"]]
    for path in ("/api/v1/admin/submissions/", "/api/v1/admin/tokens/", "/api/v1/inquiries/"):
        body = _problem(await client.get(path + huge, headers=admin_headers), 422)
        assert body["errors"][0]["pointer"].startswith("/path/")


@pytest.mark.parametrize(("url", "pointer"), [
    ("/api/v1/enterprises?q=%00", "/query/q"),
    ("/api/v1/enterprises?q=bak%00ery&country=RO", "/query/q"),
    ("/api/v1/enterprises?region=RO-CJ%00", "/query/region"),
    ("/api/v1/regions/RO-CJ%00", "/path"),
    ("/api/v1/enterprises/slug%00", "/path"),
    ("/ogc/collections/enterprises/items?bbox=1%00", "/query/bbox"),
])
async def test_nul_in_the_url_is_a_422(client: AsyncClient, url: str, pointer: str) -> None:
    body = _problem(await client.get(url), 422)
    assert body["errors"][0]["pointer"] == pointer


async def test_nul_in_a_json_body_is_a_422_and_nothing_changes(client: AsyncClient, session: AsyncSession,
                                                               admin_headers: dict[str, str]) -> None:
    before = await count_rows(session, "organisations")
    r = await client.post("/api/v1/enterprises", json=enterprise_body(name="Brutăria\u0000 Nulă"),
                          headers=admin_headers)
    assert _problem(r, 422)["errors"][0]["pointer"] == "/name"
    r = await client.post("/api/v1/enterprises", json=enterprise_body(sectors=["10.71", "\u0000"]),
                          headers=admin_headers)
    assert _problem(r, 422)["errors"][0]["pointer"] == "/sectors/1"
    # A backslash before u0000 makes it text, not NUL: not refused for that.
    r = await client.post("/api/v1/enterprises", json=enterprise_body(name="Brutăria \\u0000 literal"),
                          headers=admin_headers)
    assert r.status_code == 201, r.text
    assert await count_rows(session, "organisations") == before + 1


@pytest.mark.parametrize("url", ["/api/v1/enterprises", "/api/v1/enterprises?sort=name",
                                 "/api/v1/enterprises?q=brutarie", "/api/v1/members", "/api/v1/admin/audit",
                                 "/api/v1/admin/tokens", "/api/v1/admin/submissions", "/api/v1/admin/duplicates",
                                 "/api/v1/admin/claims", "/api/v1/inquiries"])
@pytest.mark.parametrize("key", [{"id": "abc"}, {"id": 1e30}, {"id": 2**70}, {"id": None}, {"id": True},
                                 {"k": {}, "id": 1}, {"k": "\u0000", "id": 1}, {"k": 1.5, "id": "x"},
                                 {"first": "a", "second": []}, {"before": "1"}])
async def test_tampered_cursors_are_400(client: AsyncClient, admin_headers: dict[str, str], url: str,
                                        key: dict[str, Any]) -> None:
    r = await client.get(url, params={"cursor": _cursor(key)}, headers=admin_headers)
    assert _problem(r, 400)["code"] == "bad_request"


def _upload(name: str, content: bytes) -> dict[str, Any]:
    return {"file": (name, content, "application/octet-stream")}


async def test_a_deeply_nested_geojson_is_a_malformed_file(client: AsyncClient, admin_headers: dict[str, str]) -> None:
    deep = b'{"type": "FeatureCollection", "features": ' + b"[" * 200_000 + b"]" * 200_000 + b"}"
    r = await client.post(IMPORTS, files=_upload("deep.geojson", deep), headers=admin_headers)
    assert _problem(r, 400)["code"] == "malformed_file"


def _xlsx_with_sheet(sheet_xml: str) -> bytes:
    book = Workbook()
    book.active.append(["name", "country"])
    plain = io.BytesIO()
    book.save(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = sheet_xml.encode()
            target.writestr(item, data)
    return out.getvalue()


SHEET = ('<?xml version="1.0"?>{doctype}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
         '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c>'
         '<c r="B1" t="inlineStr"><is><t>country</t></is></c></row>'
         '<row r="2"><c r="A2" t="inlineStr"><is><t>{cell}</t></is></c>'
         '<c r="B2" t="inlineStr"><is><t>RO</t></is></c></row></sheetData></worksheet>')
LAUGHS = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))
BOMBS = {
    "xxe": SHEET.format(doctype='<!DOCTYPE w [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', cell="&xxe;"),
    "billion laughs": SHEET.format(doctype=f'<!DOCTYPE w [<!ENTITY lol0 "lol">{LAUGHS}]>', cell="&lol9;"),
}


@pytest.mark.parametrize("kind", sorted(BOMBS))
async def test_xml_attacks_in_an_xlsx_are_a_malformed_file(client: AsyncClient, admin_headers: dict[str, str],
                                                           kind: str) -> None:
    r = await client.post(IMPORTS, files=_upload(f"{kind}.xlsx", _xlsx_with_sheet(BOMBS[kind])),
                          headers=admin_headers)
    body = _problem(r, 400)
    assert body["code"] == "malformed_file" and "root:" not in r.text


async def test_nul_in_an_imported_file_is_a_row_problem(client: AsyncClient, admin_headers: dict[str, str]) -> None:
    feature = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [23.6, 46.77]},
               "properties": {"name": "Nul\u0000 SRL", "country": "RO"}}
    document = json.dumps({"type": "FeatureCollection", "features": [feature]}).encode()
    r = await client.post(IMPORTS, params={"dry_run": "true"}, files=_upload("nul.geojson", document),
                          headers=admin_headers)
    assert r.status_code == 200, r.text[:500]
    assert [(p["column"], p["message"]) for p in r.json()["problems"]] == [("name", "holds a NUL character")]


async def test_a_chunked_body_over_the_limit_is_413(client: AsyncClient, admin_headers: dict[str, str]) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"name": "'
        for _ in range(40):
            yield b"x" * 65536  # 2.6 MB in all, without a Content-Length
        yield b'"}'

    r = await client.post("/api/v1/enterprises", content=chunks(),
                          headers={**admin_headers, "Content-Type": "application/json"})
    assert "content-length" not in r.request.headers
    assert _problem(r, 413)["code"] == "payload_too_large"


async def test_a_500_closes_the_connection_and_says_so(app: FastAPI) -> None:
    @app.get("/test-only/boom")
    async def boom() -> None:
        raise RuntimeError("a bug")

    transport = ASGITransport(app=app, raise_app_exceptions=False)
    async with AsyncClient(transport=transport, base_url="http://test") as client:
        r = await client.get("/test-only/boom")
    assert _problem(r, 500)["code"] == "internal"
    assert r.headers["connection"] == "close" and "a bug" not in r.text


async def test_a_value_beyond_its_column_slipping_past_validation_is_400(app: FastAPI, session: AsyncSession) -> None:
    """The last line behind the edge: a value the database refuses is the client's 400, never a 500."""
    @app.get("/test-only/overflow")
    async def overflow() -> None:
        await session.execute(text("SELECT CAST(CAST(:n AS text) AS integer)"), {"n": "99999999999"})

    transport = ASGITransport(app=app, raise_app_exceptions=False)
    async with AsyncClient(transport=transport, base_url="http://test") as client:
        r = await client.get("/test-only/overflow")
    assert _problem(r, 400)["code"] == "bad_request" and not re.search(r"integer|SELECT", r.text)
