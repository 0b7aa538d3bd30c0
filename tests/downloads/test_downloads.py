"""Open-data downloads: built atomically, skipped when nothing changed, listed by the API, served as static files."""

import csv
import hashlib
import io
import json
import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from httpx import ASGITransport, AsyncClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from typer.testing import CliRunner

from api.cli import app
from api.config import Settings, get_settings
from api.downloads.licence import LICENCE_URL
from api.downloads.service import rebuild_downloads
from api.exports.rows import HEADER
from api.main import create_app
from tests.conftest import wire_app
from tests.factories import make_organisation

NOW = datetime(2026, 12, 5, 3, 0, tzinfo=UTC)


@pytest.fixture
def open_data_settings(settings: Settings, tmp_path: Path) -> Settings:
    return settings.model_copy(update={"downloads_dir": tmp_path / "downloads",
                                       "public_base_url": "https://map.example"})


@pytest.fixture
async def open_data_client(open_data_settings: Settings, engine: AsyncEngine,
                           sessionmaker: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncClient]:
    app = create_app(open_data_settings)
    wire_app(app, engine, sessionmaker)
    async with AsyncClient(transport=ASGITransport(app=app, raise_app_exceptions=False), base_url="http://test") as c:
        yield c


async def _published(session: AsyncSession) -> int:
    return int(await session.scalar(text("SELECT count(*) FROM organisations WHERE status = 'published'")))


async def test_build_writes_every_format_with_licence_and_digest(
        sessionmaker: async_sessionmaker[AsyncSession], session: AsyncSession, open_data_settings: Settings) -> None:
    result = await rebuild_downloads(sessionmaker, open_data_settings, NOW)
    directory = open_data_settings.downloads_dir
    assert result.built
    assert [f["name"] for f in result.files] == ["enterprises.csv", "enterprises.geojson", "enterprises.gpkg",
                                                 "enterprises.jsonld", "enterprises.xlsx"]
    for item in result.files:
        content = (directory / item["name"]).read_bytes()
        assert item["size"] == len(content) > 0 and item["sha256"] == hashlib.sha256(content).hexdigest()
        assert item["built_at"] == NOW.isoformat()
    # Nothing half-written or temporary is left beside the files.
    assert sorted(p.name for p in directory.iterdir()) == sorted([*(f["name"] for f in result.files), "manifest.json"])
    published = await _published(session)

    raw = (directory / "enterprises.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 with a BOM
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0]) == HEADER and len(rows) == published
    assert all(row["email"] == "" and row["contact_person"] == "" for row in rows)  # public data only

    geojson = json.loads((directory / "enterprises.geojson").read_text())
    assert geojson["type"] == "FeatureCollection" and len(geojson["features"]) == published
    assert geojson["license"] == LICENCE_URL and "CC BY 4.0" in geojson["attribution"]
    assert "https://map.example" in geojson["attribution"]

    jsonld = json.loads((directory / "enterprises.jsonld").read_text())
    assert jsonld["dcterms:license"] == {"@id": LICENCE_URL} and len(jsonld["@graph"]) == published

    with sqlite3.connect(directory / "enterprises.gpkg") as gpkg:
        assert gpkg.execute("SELECT count(*) FROM enterprises").fetchone()[0] == published
        description = gpkg.execute("SELECT description FROM gpkg_contents WHERE table_name = 'enterprises'").fetchone()
        assert LICENCE_URL in description[0]
        metadata = " ".join(row[0] for row in gpkg.execute("SELECT metadata FROM gpkg_metadata"))
        assert LICENCE_URL in metadata


async def test_a_second_build_is_skipped_until_the_data_changes(
        sessionmaker: async_sessionmaker[AsyncSession], session: AsyncSession, open_data_settings: Settings) -> None:
    organisation = await make_organisation(session)
    await session.commit()
    first = await rebuild_downloads(sessionmaker, open_data_settings, NOW)
    again = await rebuild_downloads(sessionmaker, open_data_settings, NOW.replace(hour=4))
    assert first.built and not again.built and again.files == first.files
    await session.execute(text("UPDATE organisations SET name = name || ' (renamed)' WHERE id = :id"),
                          {"id": organisation.id})
    await session.commit()
    changed = await rebuild_downloads(sessionmaker, open_data_settings, NOW.replace(hour=5))
    assert changed.built and changed.data_version > first.data_version
    csv_before = next(f for f in first.files if f["name"] == "enterprises.csv")
    csv_after = next(f for f in changed.files if f["name"] == "enterprises.csv")
    assert csv_after["sha256"] != csv_before["sha256"] and csv_after["built_at"] == NOW.replace(hour=5).isoformat()
    assert "(renamed)" in (open_data_settings.downloads_dir / "enterprises.csv").read_text(encoding="utf-8-sig")


async def test_the_api_lists_the_files_and_serves_them_statically(
        open_data_client: AsyncClient, sessionmaker: async_sessionmaker[AsyncSession],
        open_data_settings: Settings) -> None:
    empty = (await open_data_client.get("/api/v1/downloads")).json()
    assert empty["files"] == [] and empty["licence"]["url"] == LICENCE_URL
    await rebuild_downloads(sessionmaker, open_data_settings, NOW)
    listing: dict[str, Any] = (await open_data_client.get("/api/v1/downloads")).json()
    assert listing["licence"]["id"] == "CC-BY-4.0" and listing["built_at"] == NOW.isoformat()
    files = {f["format"]: f for f in listing["files"]}
    assert set(files) == {"csv", "geojson", "gpkg", "jsonld", "xlsx"}
    assert files["gpkg"]["url"] == "https://map.example/downloads/enterprises.gpkg"
    response = await open_data_client.get("/downloads/enterprises.geojson")
    assert response.status_code == 200
    assert hashlib.sha256(response.content).hexdigest() == files["geojson"]["sha256"]
    assert response.headers["cache-control"] == "public, max-age=600" and response.headers["etag"]
    revalidated = await open_data_client.get("/downloads/enterprises.geojson",
                                             headers={"If-None-Match": response.headers["etag"]})
    assert revalidated.status_code == 304
    for hidden in ("/downloads/manifest.json", "/downloads/nothing.csv", "/downloads/.build-x/enterprises.csv"):
        missing = await open_data_client.get(hidden)
        assert missing.status_code == 404, hidden


def test_the_command_builds_then_reports_nothing_changed(engine: AsyncEngine, settings: Settings, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    monkeypatch.setenv("DOWNLOADS_DIR", str(tmp_path))
    get_settings.cache_clear()
    try:
        first = CliRunner().invoke(app, ["downloads", "build"])
        assert first.exit_code == 0, first.output
        assert "enterprises.gpkg" in first.output and (tmp_path / "enterprises.gpkg").is_file()
        second = CliRunner().invoke(app, ["downloads", "build"])
        assert second.exit_code == 0 and "unchanged since the last build" in second.output
        forced = CliRunner().invoke(app, ["downloads", "build", "--force"])
        assert forced.exit_code == 0 and "sha256" in forced.output
    finally:
        get_settings.cache_clear()
