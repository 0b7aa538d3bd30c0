"""Derive api/geo/data/region_corrections.csv: towns the bundled boundaries put in the wrong region.

    .venv/bin/python scripts/derive_region_corrections.py

Natural Earth's admin-1 units (regions.geojson) are coarse where units are small or ring a city: Tiraspol
lies in the "Bender" polygon, Voluntari in Bucharest's, Vyshneve and Irpin in Kyiv city's. GeoNames
(towns.csv, CC BY 4.0) records each town's own first-level unit. This script lists every bundled town
whose GeoNames unit differs from the polygon that contains it (or that lies in no polygon of its country),
with a radius that grows with its population; the database's `region_of` gives a point within that radius
the town's own unit before it looks at the polygons (migration 0020). Inputs are the committed derived
files, so the output is deterministic; the list was reviewed by hand (docs/demo-data.md says how).
"""

import csv
import json
import math
from pathlib import Path

from shapely.geometry import Point, shape
from shapely.prepared import prep

ROOT = Path(__file__).resolve().parent.parent
GEO_DIR = ROOT / "api" / "geo" / "data"
OUTPUT = GEO_DIR / "region_corrections.csv"
# A town of 1,000 people reaches about 0.85 km from its centre, Tiraspol (157,000) 4.9 km; at most 5 km.
BASE_RADIUS_M, RADIUS_PER_ROOT_THOUSAND_M, MAX_RADIUS_M = 500, 350, 5000


def radius_m(population: int) -> int:
    return min(MAX_RADIUS_M, round(BASE_RADIUS_M + RADIUS_PER_ROOT_THOUSAND_M * math.sqrt(population / 1000)))


def main() -> None:
    regions = json.loads((GEO_DIR / "regions.geojson").read_text(encoding="utf-8"))
    units = [(f["properties"]["code"], prep(shape(f["geometry"]))) for f in regions["features"]]
    rows = []
    with (GEO_DIR / "towns.csv").open(encoding="utf-8", newline="") as handle:
        for town in csv.DictReader(handle):
            if not town["admin1"]:
                continue
            point = Point(float(town["lon"]), float(town["lat"]))
            polygon = next((code for code, unit in units if code[:2] == town["country"] and unit.contains(point)),
                           "")
            if polygon != town["admin1"]:
                rows.append({"geonameid": town["geonameid"], "name": town["name"], "country": town["country"],
                             "code": town["admin1"], "polygon_code": polygon, "lon": town["lon"],
                             "lat": town["lat"], "radius_m": radius_m(int(town["population"]))})
    rows.sort(key=lambda row: (row["country"], row["code"], row["name"], int(row["geonameid"])))
    with OUTPUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} towns whose GeoNames region differs from the polygon's -> {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
