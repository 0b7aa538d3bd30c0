"""CSV dialects, XLSX and GeoJSON, and malformed files that change nothing."""

import json
from typing import Any

from httpx import ASGITransport, AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from api.main import create_app
from tests.conftest import count_rows
from tests.imports.helpers import csv_bytes, row, upload, xlsx_bytes

URL = "/api/v1/admin/imports"


async def _import(client: AsyncClient, headers: dict[str, str], data: bytes, name: str,
                  **params: str) -> Any:
    return await client.post(URL, params=params, files=upload(data, name), headers=headers)


async def test_semicolon_csv_with_a_bom_imports(client: AsyncClient, admin_headers: dict[str, str]) -> None:
    data = csv_bytes([row(registration_code="RO71000001", name="Țesătoria Șomcuta")], delimiter=";", bom=True)
    r = await _import(client, admin_headers, data, "members.csv", dry_run="true")
    assert r.status_code == 200, r.text
    assert r.json()["problems"] == [] and r.json()["created"] == 1


async def test_xlsx_imports(client: AsyncClient, session: AsyncSession, admin_headers: dict[str, str]) -> None:
    before = await count_rows(session, "organisations")
    rows = [row(registration_code="RO71000011", lat=46.77, lon=23.6, employees_total=5, employees_vulnerable=2.0)]
    r = await _import(client, admin_headers, xlsx_bytes(rows), "members.xlsx")
    assert r.status_code == 200, r.text
    assert r.json()["created"] == 1 and r.json()["file_format"] == "xlsx"
    assert await count_rows(session, "organisations") == before + 1


async def test_geojson_feature_collection_imports(client: AsyncClient, admin_headers: dict[str, str]) -> None:
    document = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [28.8575, 47.0105]},
         "properties": {"name": "Cooperativa Chișinău", "country": "MD", "registration_code": "1010600099999",
                        "sectors": ["56.21"], "impact_areas": ["work_integration"]}},
        {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]},
         "properties": {"name": "Linia", "country": "MD"}},
    ]}
    r = await _import(client, admin_headers, json.dumps(document).encode(), "members.geojson", mode="partial")
    assert r.status_code == 200, r.text
    report = r.json()
    assert (report["created"], report["rejected"]) == (1, 1)
    assert report["problems"][0]["row"] == 2 and "Point" in report["problems"][0]["message"]


async def test_wrong_encoding_is_a_problem_naming_utf8(client: AsyncClient, session: AsyncSession,
                                                        admin_headers: dict[str, str]) -> None:
    before = await count_rows(session, "organisations")
    text = csv_bytes([row(registration_code="RO71000021", name="Brutăria Bună")]).decode()
    r = await _import(client, admin_headers, text.encode("cp1250"), "members.csv")
    assert r.status_code == 400
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["code"] == "malformed_file" and "UTF-8" in r.json()["detail"]
    assert await count_rows(session, "organisations") == before


async def test_a_broken_xlsx_is_a_problem(client: AsyncClient, session: AsyncSession,
                                          admin_headers: dict[str, str]) -> None:
    before = await count_rows(session, "organisations")
    broken = xlsx_bytes([row(registration_code="RO71000031")])[:400]
    r = await _import(client, admin_headers, broken, "members.xlsx")
    assert r.status_code == 400 and r.json()["code"] == "malformed_file"
    assert "XLSX" in r.json()["detail"]
    assert await count_rows(session, "organisations") == before


async def test_geojson_that_is_not_a_feature_collection_is_a_problem(client: AsyncClient,
                                                                    admin_headers: dict[str, str]) -> None:
    feature = {"type": "Feature", "geometry": None, "properties": {"name": "X", "country": "RO"}}
    r = await _import(client, admin_headers, json.dumps(feature).encode(), "one.geojson")
    assert r.status_code == 400 and "FeatureCollection" in r.json()["detail"]
    r = await _import(client, admin_headers, b"{not json", "bad.geojson")
    assert r.status_code == 400 and "JSON" in r.json()["detail"]


async def test_a_header_without_name_or_country_is_a_problem(client: AsyncClient,
                                                             admin_headers: dict[str, str]) -> None:
    r = await _import(client, admin_headers, b"title,land\nA,RO\n", "members.csv")
    assert r.status_code == 400 and "name" in r.json()["detail"]


async def test_an_oversized_upload_is_refused_before_reading(settings: Any, engine: Any, sessionmaker: Any,
                                                             session: AsyncSession,
                                                             admin_headers: dict[str, str]) -> None:
    app = create_app(settings.model_copy(update={"max_upload_bytes": 2048}))
    app.state.engine, app.state.sessionmaker = engine, sessionmaker
    before = await count_rows(session, "organisations")
    data = csv_bytes([row(registration_code=f"RO7200{i:04d}") for i in range(60)])
    assert len(data) > 2048
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as small:
        r = await small.post(URL, files=upload(data), headers=admin_headers)
    assert r.status_code == 413 and r.json()["code"] == "payload_too_large"
    assert await count_rows(session, "organisations") == before
