"""The tender radar's import: OCDS fixtures per country, checked against the standard's schema, stored whole or
not at all."""

import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from typer.testing import CliRunner

from api.cli import app
from api.config import Settings, get_settings
from api.tenders.feeds import FeedUnreachable, import_feeds, import_source
from api.tenders.models import Tender, TenderLot
from api.tenders.ocds import InvalidPackage
from api.tenders.service import import_package
from tests.conftest import count_rows
from tests.tenders.helpers import FIXTURES, fixture, open_package, schema_validator

VALID = [("ro-release-package.json", "release-package-schema.json"),
         ("md-record-package.json", "record-package-schema.json"),
         ("ua-release-package.json", "release-package-schema.json")]


@pytest.mark.parametrize(("name", "schema"), VALID)
def test_the_fixtures_are_valid_ocds_1_1(name: str, schema: str) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in schema_validator(schema).iter_errors(fixture(name))]
    assert errors == []


def test_the_malformed_fixture_is_invalid_ocds_too() -> None:
    validator = schema_validator("release-package-schema.json")
    errors = list(validator.iter_errors(fixture("malformed-release-package.json")))
    assert {tuple(e.absolute_path) for e in errors} >= {("releases", 1, "date")}


async def _lots(session: AsyncSession, ocid: str) -> list[TenderLot]:
    return list((await session.scalars(select(TenderLot).join(Tender).where(Tender.ocid == ocid)
                                       .order_by(TenderLot.lot_key))).all())


async def test_a_romanian_release_package_stores_the_tender_and_its_lots(session: AsyncSession) -> None:
    summary = await import_package(session, open_package("ro-release-package.json"), source="test")

    assert (summary.created, summary.lots) == (1, 2)
    tender = await session.scalar(select(Tender).where(Tender.ocid == "ocds-semap0-RO-CN1071234"))
    assert tender is not None
    assert (tender.buyer_name, tender.buyer_identifier, tender.country) == (
        "Primăria Municipiului Cluj-Napoca", "RO-CUI-4305857", "RO")
    assert (str(tender.value_amount), tender.currency) == ("410000.00", "RON")
    assert tender.notice_url == "https://www.e-licitatie.ro/pub/notices/contract-notices/list/2/1"
    catering, brochures = await _lots(session, tender.ocid)
    assert (catering.cpv_codes, catering.reserved, catering.reserved_for) == (["55520000"], True, ["shelteredWorkshop"])
    assert (catering.quantity, catering.unit, catering.region_code) == (30000, "porții", "RO-CJ")
    assert (brochures.cpv_codes, brochures.reserved) == (["22150000"], False)


async def test_a_moldovan_record_package_reads_its_compiled_release(session: AsyncSession) -> None:
    await import_package(session, open_package("md-record-package.json"), source="test")

    [lot] = await _lots(session, "ocds-semap0-MD-1764050000000")
    assert lot.lot_key == "tender"  # no lots: the tender is matched as one
    assert (lot.cpv_codes, lot.currency, lot.region_code) == (["15811100", "15810000"], "MDL", "MD-CU")


async def test_a_ukrainian_package_finds_a_town_written_in_cyrillic(session: AsyncSession) -> None:
    await import_package(session, open_package("ua-release-package.json"), source="test")

    [lot] = await _lots(session, "ocds-semap0-UA-2026-11-20-000123-a")
    assert (lot.locality, lot.region_code, lot.currency) == ("Львів", "UA-46", "UAH")


async def test_a_malformed_package_is_reported_and_imports_nothing(session: AsyncSession) -> None:
    before = (await count_rows(session, "tenders"), await count_rows(session, "tender_lots"))

    with pytest.raises(InvalidPackage) as refused:
        await import_package(session, (FIXTURES / "malformed-release-package.json").read_bytes(), source="test")

    pointers = {p["pointer"] for p in refused.value.problems}
    assert pointers == {"/releases/1/ocid", "/releases/1/date", "/releases/1/tender/value/currency",
                        "/releases/1/tender/items/0/relatedLot"}
    assert "was not imported" in refused.value.detail
    # The first release was valid, and is not stored either.
    assert (await count_rows(session, "tenders"), await count_rows(session, "tender_lots")) == before


@pytest.mark.parametrize("raw", [b"not json", b"[]", b'{"version": "1.1"}', b'{"releases": []}',
                                 b'{"records": [{"ocid": "x"}]}'])
async def test_what_is_not_an_ocds_package_is_refused_with_a_reason(session: AsyncSession, raw: bytes) -> None:
    with pytest.raises(InvalidPackage) as refused:
        await import_package(session, raw, source="test")
    assert refused.value.problems and all(p["message"] for p in refused.value.problems)


async def test_reimporting_keeps_the_latest_release(session: AsyncSession) -> None:
    await import_package(session, open_package("ua-release-package.json"), source="test")
    again = await import_package(session, open_package("ua-release-package.json"), source="test")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)

    newer = open_package("ua-release-package.json", title="Пошиття робочого одягу (зміни)").replace(
        b"2026-11-20T11:00:00+02:00", b"2026-11-22T11:00:00+02:00")
    updated = await import_package(session, newer, source="test")

    assert updated.updated == 1
    assert await session.scalar(select(Tender.title).where(Tender.ocid == "ocds-semap0-UA-2026-11-20-000123-a")) \
        == "Пошиття робочого одягу (зміни)"
    assert len(await _lots(session, "ocds-semap0-UA-2026-11-20-000123-a")) == 1


async def test_the_worker_imports_the_configured_feeds_each_in_its_own_transaction(
        sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, session: AsyncSession,
        tmp_path: Path) -> None:
    good = tmp_path / "ua.json"
    good.write_bytes(open_package("ua-release-package.json"))
    feeds = settings.model_copy(update={"tender_feed_urls": [str(FIXTURES / "malformed-release-package.json"),
                                                             str(good)]})

    with pytest.raises(RuntimeError, match=r"FAILED .*malformed-release-package\.json.*ocid: is required"):
        await import_feeds(sessionmaker, feeds, now=datetime.now(UTC))

    assert await session.scalar(text("SELECT count(*) FROM tenders WHERE ocid LIKE 'ocds-semap0-UA-%'")) == 1
    assert await session.scalar(text("SELECT count(*) FROM tenders WHERE ocid = 'ocds-semap0-RO-GOOD-1'")) == 0


async def test_no_configured_feed_is_a_quiet_run(sessionmaker: async_sessionmaker[AsyncSession],
                                                 settings: Settings) -> None:
    report = await import_feeds(sessionmaker, settings.model_copy(update={"tender_feed_urls": []}))
    assert str(report) == "no tender feeds configured (TENDER_FEED_URLS)"


async def test_a_closed_tender_keeps_no_matches(session: AsyncSession) -> None:
    await import_package(session, open_package("ro-release-package.json", days=-1), source="test")
    lots = await _lots(session, "ocds-semap0-RO-CN1071234")
    assert [lot.matches for lot in lots] == [[], []] and all(lot.matched_at for lot in lots)


async def test_a_cpv_code_is_read_as_everywhere_else_check_digit_included(session: AsyncSession) -> None:
    before = await count_rows(session, "tender_lots")
    package = fixture("ro-release-package.json")
    package["releases"][0]["tender"]["items"][0]["classification"]["id"] = "55520000-7"  # CPV 2008 gives -1

    with pytest.raises(InvalidPackage) as refused:
        await import_package(session, json.dumps(package).encode(), source="test")

    [problem] = refused.value.problems
    assert problem["pointer"].endswith("/classification/id")
    assert "55520000-1" in problem["message"]
    assert await count_rows(session, "tender_lots") == before


class _OnePackage(BaseHTTPRequestHandler):
    """Serves the package it was given at /package.json, and 404 elsewhere (a feed as a buyer's portal runs it)."""

    body = b""

    def do_GET(self) -> None:
        found = self.path == "/package.json"
        self.send_response(200 if found else 404)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(self.body if found else b"{}")

    def log_message(self, *args: object) -> None:  # keep the test output quiet
        pass


@pytest.fixture
def feed_url() -> Iterator[str]:
    _OnePackage.body = open_package("md-record-package.json")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _OnePackage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    thread.join()


async def test_a_package_is_imported_from_a_url(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings,
                                                session: AsyncSession, feed_url: str) -> None:
    summary = await import_source(sessionmaker, f"{feed_url}/package.json", settings=settings)

    assert summary.created + summary.updated == 1 and summary.lots >= 1
    ocid = fixture("md-record-package.json")["records"][0]["ocid"]
    assert await session.scalar(select(func.count()).select_from(Tender).where(Tender.ocid == ocid)) == 1
    with pytest.raises(FeedUnreachable, match="HTTP 404"):
        await import_source(sessionmaker, f"{feed_url}/gone.json", settings=settings)


def test_the_command_reports_a_malformed_package_and_stores_nothing(
        engine: AsyncEngine, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(app, ["tenders", "import", str(FIXTURES / "malformed-release-package.json")])
    finally:
        get_settings.cache_clear()

    assert result.exit_code == 1
    assert "was not imported (nothing was stored)" in result.output
    assert "/releases/1/ocid: " in result.output and "/releases/1/tender/items/0/relatedLot: " in result.output
