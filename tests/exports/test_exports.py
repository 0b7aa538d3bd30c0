"""GET /api/v1/exports/enterprises.*: formats, filters, and the round trip back through the importer."""

import csv
import io
import json

from httpx import AsyncClient
from openpyxl import load_workbook
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from api.exports.rows import HEADER
from tests.conftest import count_rows

URL = "/api/v1/exports/enterprises"


async def _published(session: AsyncSession, country: str) -> int:
    return int(await session.scalar(text(
        "SELECT count(*) FROM organisations WHERE status = 'published' AND country = :c"), {"c": country}))


async def test_csv_export_follows_the_filters(client: AsyncClient, session: AsyncSession) -> None:
    r = await client.get(f"{URL}.csv", params={"country": "MD"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert list(rows[0]) == HEADER
    assert len(rows) == await _published(session, "MD")
    assert {row["country"] for row in rows} == {"MD"}
    assert all(row["email"] == "" and row["contact_person"] == "" for row in rows)


async def test_bad_filters_are_a_problem(client: AsyncClient) -> None:
    r = await client.get(f"{URL}.csv", params={"country": "XX"})
    assert r.status_code == 422 and r.headers["content-type"].startswith("application/problem+json")


async def test_geojson_export_is_a_feature_collection(client: AsyncClient, session: AsyncSession) -> None:
    r = await client.get(f"{URL}.geojson", params={"country": "UA"})
    assert r.status_code == 200 and r.headers["content-type"] == "application/geo+json"
    document = r.json()
    assert document["type"] == "FeatureCollection"
    assert len(document["features"]) == await _published(session, "UA")
    lon, lat = document["features"][0]["geometry"]["coordinates"]
    assert 22 < lon < 41 and 44 < lat < 53


async def test_jsonld_export_uses_essglobal(client: AsyncClient) -> None:
    r = await client.get(f"{URL}.jsonld", params={"country": "RO", "sector": "10"})
    assert r.status_code == 200 and r.headers["content-type"] == "application/ld+json"
    document = r.json()
    assert document["@context"]["essglobal"] == "http://purl.org/essglobal/vocab/"
    node = document["@graph"][0]
    assert node["@type"] == "essglobal:SSEInitiative"
    # NACE 10.xx is section C, Manufacturing: ESSGlobal activity a03.
    assert {"@id": "http://purl.org/essglobal/standard/activities/a03"} in node["essglobal:economicSector"]


async def test_empty_exports_are_well_formed(client: AsyncClient) -> None:
    assert (await client.get(f"{URL}.geojson", params={"q": "zzzqqqxxx"})).json()["features"] == []
    assert (await client.get(f"{URL}.jsonld", params={"q": "zzzqqqxxx"})).json()["@graph"] == []


async def test_csv_round_trip_reimports_to_the_same_data(client: AsyncClient, session: AsyncSession,
                                                          admin_headers: dict[str, str]) -> None:
    before = (await session.execute(text(
        "SELECT id, version, updated_at FROM organisations WHERE country = 'MD' ORDER BY id"))).all()
    exported = await client.get(f"{URL}.csv", params={"country": "MD", "status": ["published", "draft", "pending"]},
                                headers=admin_headers)
    assert exported.status_code == 200
    assert "@" in exported.text  # staff exports carry the e-mail addresses
    total = await count_rows(session, "organisations")
    r = await client.post("/api/v1/admin/imports", files={"file": ("md.csv", exported.content, "text/csv")},
                          headers=admin_headers)
    assert r.status_code == 200, r.text[:2000]
    report = r.json()
    assert (report["created"], report["updated"], report["rejected"]) == (0, 0, 0), report["problems"][:3]
    assert report["unchanged"] == report["rows_total"] > 0
    after = (await session.execute(text(
        "SELECT id, version, updated_at FROM organisations WHERE country = 'MD' ORDER BY id"))).all()
    assert after == before and await count_rows(session, "organisations") == total


async def test_xlsx_round_trip_reimports_to_the_same_data(client: AsyncClient, session: AsyncSession,
                                                           admin_headers: dict[str, str]) -> None:
    exported = await client.get(f"{URL}.xlsx", params={"country": "RO", "region": "RO-CJ"}, headers=admin_headers)
    assert exported.status_code == 200 and exported.content.startswith(b"PK")
    sheet = load_workbook(io.BytesIO(exported.content), read_only=True).worksheets[0]
    assert [c.value for c in next(sheet.iter_rows(max_row=1))] == HEADER
    r = await client.post("/api/v1/admin/imports", files={"file": ("cj.xlsx", exported.content, "x")},
                          headers=admin_headers)
    assert r.status_code == 200, r.text[:2000]
    report = r.json()
    assert (report["created"], report["updated"], report["rejected"]) == (0, 0, 0), report["problems"][:3]
    assert report["unchanged"] == report["rows_total"] > 0


async def test_an_imported_external_id_is_exported(client: AsyncClient, admin_headers: dict[str, str]) -> None:
    data = (b"external_id,name,country,registration_code,lat,lon\n"
            b"crm-x1,Export Ext Test,RO,RO71100001,46.7712,23.6236\n")
    r = await client.post("/api/v1/admin/imports", files={"file": ("x.csv", data, "text/csv")}, headers=admin_headers)
    assert r.status_code == 200, r.text
    exported = await client.get(f"{URL}.geojson", params={"q": "Export Ext Test"})
    features = [f for f in exported.json()["features"] if f["properties"]["registration_code"] == "RO71100001"]
    assert features[0]["properties"]["external_id"] == "crm-x1"
    assert json.dumps(features[0])  # plain JSON types only
