"""Exports at scale: keyset pages that hold no connection between them, XLSX sheets that roll over, and
the whole directory sent to its prebuilt file (or limited) for anonymous callers."""

import io
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from httpx import ASGITransport, AsyncClient
from openpyxl import load_workbook
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from api.config import Settings
from api.enterprises.filters import EnterpriseFilters
from api.exports import writers
from api.exports.rows import HEADER
from api.exports.service import row_chunks
from api.main import create_app
from tests.conftest import wire_app

URL = "/api/v1/exports/enterprises"


class CountingSessions:
    """A sessionmaker that knows how many of its sessions are open."""

    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession]) -> None:
        self.sessionmaker, self.open, self.opened = sessionmaker, 0, 0

    @asynccontextmanager
    async def __call__(self) -> AsyncIterator[AsyncSession]:
        self.open += 1
        self.opened += 1
        try:
            async with self.sessionmaker() as session:
                yield session
        finally:
            self.open -= 1


async def _published_ids(session: AsyncSession, country: str) -> list[int]:
    return list(await session.scalars(text(
        "SELECT id FROM organisations WHERE status = 'published' AND country = :c ORDER BY id"), {"c": country}))


async def test_pages_read_every_row_once_in_order_and_hold_no_session_between_them(
        session: AsyncSession, sessionmaker: async_sessionmaker[AsyncSession]) -> None:
    sessions = CountingSessions(sessionmaker)
    expected = await _published_ids(session, "MD")
    assert len(expected) > 14
    seen: list[int] = []
    async for chunk in row_chunks(sessions, EnterpriseFilters(country=["MD"]), staff=False,  # type: ignore[arg-type]
                                  chunk_rows=7):
        assert sessions.open == 0  # the page was read and its connection given back before it is encoded
        assert len(chunk) <= 7
        seen += [row["id"] for row in chunk]
    assert seen == expected
    assert sessions.opened == len(expected) // 7 + 1
    assert all(row["email"] is None for row in chunk)


async def _rows(sessionmaker: async_sessionmaker[AsyncSession], country: str) -> AsyncIterator[list[dict[str, Any]]]:
    async for chunk in row_chunks(sessionmaker, EnterpriseFilters(country=[country]), staff=False, chunk_rows=5):
        yield chunk


async def test_xlsx_continues_on_a_new_sheet_with_its_header_when_one_is_full(
        session: AsyncSession, sessionmaker: async_sessionmaker[AsyncSession]) -> None:
    expected = await _published_ids(session, "MD")
    sheet_rows = 4  # the header and three enterprises a sheet, as Excel's 1,048,576 would be at scale
    body = b"".join([block async for block in writers.xlsx_chunks(_rows(sessionmaker, "MD"), sheet_rows=sheet_rows)])
    book = load_workbook(io.BytesIO(body), read_only=True)
    sheets = [list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets]
    assert book.sheetnames[:2] == ["enterprises", "enterprises 2"]
    assert len(sheets) == -(-len(expected) // (sheet_rows - 1))
    assert all(list(rows[0]) == HEADER and 1 < len(rows) <= sheet_rows for rows in sheets)
    assert all(len(rows) == sheet_rows for rows in sheets[:-1])
    ids = [int(row[HEADER.index("id")]) for rows in sheets for row in rows[1:]]
    assert ids == expected


async def test_an_empty_xlsx_export_is_one_sheet_with_its_header() -> None:
    async def nothing() -> AsyncIterator[list[dict[str, Any]]]:
        return
        yield []

    body = b"".join([block async for block in writers.xlsx_chunks(nothing())])
    book = load_workbook(io.BytesIO(body), read_only=True)
    assert [list(r) for r in book.worksheets[0].iter_rows(values_only=True)] == [HEADER]


@pytest.fixture
def export_settings(settings: Settings, tmp_path: Path) -> Settings:
    return settings.model_copy(update={"downloads_dir": tmp_path / "downloads", "redis_url": None,
                                       "rate_limit_full_exports_per_hour": 2})


@pytest.fixture
async def export_client(export_settings: Settings, engine: AsyncEngine,
                        sessionmaker: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncClient]:
    app = wire_app(create_app(export_settings), engine, sessionmaker)
    async with AsyncClient(transport=ASGITransport(app=app, raise_app_exceptions=False), base_url="http://test") as c:
        yield c


async def test_anonymous_exports_of_the_whole_directory_are_limited_until_files_are_prebuilt(
        export_client: AsyncClient, admin_headers: dict[str, str]) -> None:
    for _ in range(2):
        assert (await export_client.get(f"{URL}.csv")).status_code == 200
    refused = await export_client.get(f"{URL}.geojson")
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0
    assert refused.headers["content-type"] == "application/problem+json"
    # Filtered exports and token holders are not counted against it.
    assert (await export_client.get(f"{URL}.csv", params={"country": "MD"})).status_code == 200
    assert (await export_client.get(f"{URL}.csv", headers=admin_headers)).status_code == 200


async def test_anonymous_exports_of_the_whole_directory_go_to_the_prebuilt_file_with_its_version(
        export_client: AsyncClient, export_settings: Settings) -> None:
    directory = export_settings.downloads_dir
    directory.mkdir(parents=True)
    (directory / "enterprises.csv").write_text("id\n", encoding="utf-8")
    manifest = {"data_version": 42, "built_at": "2026-12-05T03:00:00+00:00", "licence": "CC-BY-4.0",
                "files": [{"name": "enterprises.csv", "format": "csv", "media_type": "text/csv", "title": "CSV",
                           "size": 3, "sha256": "x", "built_at": "2026-12-05T03:00:00+00:00"}]}
    (directory / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    for _ in range(4):  # past the anonymous limit: a redirect costs nothing, so it is never refused
        response = await export_client.get(f"{URL}.csv")
        assert response.status_code == 303
        assert response.headers["location"] == "http://test/downloads/enterprises.csv?version=42"
    assert (await export_client.get(response.headers["location"])).text == "id\n"
    # A format not prebuilt is streamed, and filtered exports are never redirected.
    assert (await export_client.get(f"{URL}.xlsx")).status_code == 200
    assert (await export_client.get(f"{URL}.csv", params={"kind": "social_enterprise"})).status_code == 200
