"""The offline gazetteer: what people type for a place (Kiev, Kyiv, Київ, Киев) resolved to the place.

`resolve(text)` answers the towns and regions of RO, MD and UA that `text` names, in any of their spellings
(GeoNames alternate names, region names in ro/en/uk/ru), ignoring case, diacritics and punctuation; most
populous towns first, regions before towns of the same spelling. Data: `api/places/data/places.csv`, derived
once by `scripts/derive_places.py` (see `api/places/data/README.md` for its sources and licences).
"""

import csv
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

PLACES_FILE = Path(__file__).parent / "data" / "places.csv"


@dataclass(frozen=True)
class Place:
    kind: str  # "town" or "region"
    id: str  # GeoNames id of a town, ISO 3166-2 code of a region
    name: str
    country: str
    admin1: str  # the ISO 3166-2 region the place lies in (a region: itself)
    lat: float | None
    lon: float | None
    population: int
    spellings: tuple[str, ...]

    @property
    def is_region(self) -> bool:
        return self.kind == "region"


def spelling_key(text: str) -> str:
    """The form two spellings are compared in: case, diacritics, apostrophes and hyphens do not matter."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("ё", "е"))
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", letters.replace("'", "").replace("’", "")).split())


@cache
def all_places() -> tuple[Place, ...]:
    with PLACES_FILE.open(encoding="utf-8", newline="") as handle:
        return tuple(
            Place(kind=row["kind"], id=row["id"], name=row["name"], country=row["country"], admin1=row["admin1"],
                  lat=float(row["lat"]) if row["lat"] else None, lon=float(row["lon"]) if row["lon"] else None,
                  population=int(row["population"] or 0), spellings=tuple(row["spellings"].split("|")))
            for row in csv.DictReader(handle))


@cache
def _by_spelling() -> dict[str, tuple[Place, ...]]:
    index: dict[str, list[Place]] = defaultdict(list)
    for place in all_places():
        for key in dict.fromkeys(spelling_key(s) for s in (place.name, *place.spellings)):
            if key:
                index[key].append(place)
    return {key: tuple(sorted(found, key=lambda p: (not p.is_region, -p.population))) for key, found in index.items()}


def resolve(text: str, country: str | None = None) -> list[Place]:
    """The places `text` names (exactly, in any spelling), regions first, then towns by population."""
    return [p for p in _by_spelling().get(spelling_key(text), ()) if country is None or p.country == country]


def towns_named(text: str, country: str | None = None) -> list[Place]:
    return [p for p in resolve(text, country) if not p.is_region]
