"""`semap import` and `semap export` against the test database (a dry run and a read: nothing is written)."""

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine
from typer.testing import CliRunner

from api.cli import app
from api.config import Settings, get_settings
from api.imports.router import TEMPLATE


@pytest.fixture
def cli_settings(engine: AsyncEngine, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_import_dry_run_reports_without_writing(cli_settings: None, tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    result = CliRunner().invoke(app, ["import", str(TEMPLATE), "--dry-run", "--report", str(report)])
    assert result.exit_code == 0, result.output
    assert "2 would be created" in result.output.replace("\n", " ") or '"created": 2' in report.read_text()
    assert '"dry_run": true' in report.read_text()


def test_a_rejected_import_exits_non_zero(cli_settings: None, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("name,country,lat,lon\nX,RO,46.7,23.6\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["import", str(bad)])
    assert result.exit_code == 1
    assert "row 2" in result.output


def test_export_writes_the_filtered_rows(cli_settings: None, tmp_path: Path) -> None:
    out = tmp_path / "md.csv"
    result = CliRunner().invoke(app, ["export", "--format", "csv", "--country", "MD", "--output", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows and {row["country"] for row in rows} == {"MD"}
