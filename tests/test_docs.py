"""The README is a short front door and every relative link in it and in docs/ resolves."""

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "check_docs.py"


def load_checker():
    spec = importlib.util.spec_from_file_location("check_docs", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_relative_link_resolves_and_the_readme_is_short():
    assert load_checker().problems() == []


def test_the_checker_finds_a_missing_file_and_a_missing_anchor(tmp_path):
    checker = load_checker()
    (tmp_path / "docs").mkdir()
    (tmp_path / "README.md").write_text("# Title\n\n[a](docs/a.md#there) [b](docs/none.md) [c](#title)\n")
    (tmp_path / "docs" / "a.md").write_text("# A\n\n## Somewhere `else`\n")
    checker.ROOT = tmp_path
    assert checker.problems() == [
        "README.md: link 'docs/a.md#there': no heading with the id #there in docs/a.md",
        "README.md: link 'docs/none.md': no such file",
    ]


def test_heading_ids_follow_githubs_rule():
    checker = load_checker()
    assert checker.slug("Export: `GET /api/v1/exports/enterprises.{csv,geojson}` and `semap export`") == \
        "export-get-apiv1exportsenterprisescsvgeojson-and-semap-export"
    assert checker.slug("The members' area in detail") == "the-members-area-in-detail"
