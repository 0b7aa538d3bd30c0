"""Derive api/geo/data/region_corrections.csv: towns the bundled boundaries cut or put in the wrong region.

    .venv/bin/python scripts/derive_region_corrections.py

Natural Earth's admin-1 units (regions.geojson) are coarse where units are small or ring a city: Tiraspol
lies in the "Bender" polygon, Voluntari in Bucharest's, Vyshneve and Irpin in Kyiv city's. GeoNames
(towns.csv, CC BY 4.0) records each town's own first-level unit. This script lists every bundled town
whose reach (a disc whose radius grows with its population, `town_radius_m`) is not wholly inside the
polygon of its own GeoNames unit: its centre lies in another unit's polygon, or in none, or its outskirts
cross the coarse boundary. The database's `region_of` gives a point within that reach the town's own unit
(the nearest such town) before it looks at the polygons (migration 0020). Inputs are the committed derived
files, so the output is deterministic; the list was reviewed by hand (docs/demo-data.md says how).
"""

import csv
import json
import math
from pathlib import Path

from shapely import affinity
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry
from shapely.prepared import prep

from api.geo.towns import town_radius_m

ROOT = Path(__file__).resolve().parent.parent
GEO_DIR = ROOT / "api" / "geo" / "data"
OUTPUT = GEO_DIR / "region_corrections.csv"

def _disc(centre: Point, radius_m: int) -> BaseGeometry:
    """The town's reach in degrees: a circle stretched east-west as a degree of longitude shortens."""
    degrees = radius_m / 111_200
    return affinity.scale(centre.buffer(degrees, 16), 1 / math.cos(math.radians(centre.y)), 1)


def main() -> None:
    regions = json.loads((GEO_DIR / "regions.geojson").read_text(encoding="utf-8"))
    units = {f["properties"]["code"]: prep(shape(f["geometry"])) for f in regions["features"]}
    rows = []
    with (GEO_DIR / "towns.csv").open(encoding="utf-8", newline="") as handle:
        for town in csv.DictReader(handle):
            if not town["admin1"]:
                continue
            point = Point(float(town["lon"]), float(town["lat"]))
            radius = town_radius_m(int(town["population"]))
            if units[town["admin1"]].contains(_disc(point, radius)):
                continue
            polygon = next((code for code, unit in units.items()
                            if code[:2] == town["country"] and unit.contains(point)), "")
            rows.append({"geonameid": town["geonameid"], "name": town["name"], "country": town["country"],
                         "code": town["admin1"], "polygon_code": polygon, "lon": town["lon"],
                         "lat": town["lat"], "radius_m": radius})
    rows.sort(key=lambda row: (row["country"], row["code"], row["name"], int(row["geonameid"])))
    with OUTPUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} towns whose reach their GeoNames region's polygon does not hold -> {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
