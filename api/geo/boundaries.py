"""The bundled administrative boundaries (derived by scripts/derive_data.py)."""

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).parent / "data"
REGIONS_FILE = DATA_DIR / "regions.geojson"


def read_region_features() -> Iterator[dict[str, Any]]:
    """Each administrative unit's properties, with its geometry as a GeoJSON string."""
    collection = json.loads(REGIONS_FILE.read_text(encoding="utf-8"))
    for feature in collection["features"]:
        yield {**feature["properties"], "geometry_json": json.dumps(feature["geometry"])}
