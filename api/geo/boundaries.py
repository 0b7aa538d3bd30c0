"""The bundled administrative boundaries (scripts/derive_data.py) and their per-town corrections."""

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).parent / "data"
REGIONS_FILE = DATA_DIR / "regions.geojson"
REGION_CORRECTIONS_FILE = DATA_DIR / "region_corrections.csv"


def read_region_features() -> Iterator[dict[str, Any]]:
    """Each administrative unit's properties, with its geometry as a GeoJSON string."""
    collection = json.loads(REGIONS_FILE.read_text(encoding="utf-8"))
    for feature in collection["features"]:
        yield {**feature["properties"], "geometry_json": json.dumps(feature["geometry"])}


def read_region_corrections() -> Iterator[dict[str, Any]]:
    """The towns whose own unit the polygons miss (scripts/derive_region_corrections.py), one dict each."""
    with REGION_CORRECTIONS_FILE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield {"geonameid": int(row["geonameid"]), "name": row["name"], "country": row["country"],
                   "code": row["code"], "lon": float(row["lon"]), "lat": float(row["lat"]),
                   "radius_m": int(row["radius_m"])}
