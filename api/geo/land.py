"""Is a point on land in a supported country? The bundled country outlines, with a small coastal tolerance.

Every write of an organisation's location asks this at the API's edge (the API, the members' area, public
submissions and imports all validate through `EnterpriseCreate` / `EnterprisePatch`), so a point in the
Black Sea or beyond the three countries is a 422 on `/location` before anything is written. The outlines
are `data/countries.geojson` (Natural Earth, simplified to about 500 m): the tolerance covers that
simplification and river banks (the farthest bundled town lies 2.7 km outside its simplified outline, on
the Danube, and a town reaches a couple of kilometres past its centre), while a point out at sea is refused.
"""

import json
import math
from functools import cache

from shapely import STRtree
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points

from api.geo.boundaries import DATA_DIR

COUNTRIES_FILE = DATA_DIR / "countries.geojson"
COASTAL_TOLERANCE_KM = 5.0
KM_PER_DEGREE = 111.2


@cache
def _outlines() -> tuple[STRtree, tuple[BaseGeometry, ...]]:
    collection = json.loads(COUNTRIES_FILE.read_text(encoding="utf-8"))
    geometries = tuple(shape(feature["geometry"]) for feature in collection["features"])
    return STRtree(geometries), geometries


def _km_between(a: Point, b: Point) -> float:
    # An equirectangular approximation: exact enough over a few kilometres at these latitudes.
    dlat = (a.y - b.y) * KM_PER_DEGREE
    dlon = (a.x - b.x) * KM_PER_DEGREE * math.cos(math.radians((a.y + b.y) / 2))
    return math.hypot(dlat, dlon)


def on_land(lon: float, lat: float, tolerance_km: float = COASTAL_TOLERANCE_KM) -> bool:
    """True when the point lies inside a supported country's outline or within `tolerance_km` of it."""
    tree, geometries = _outlines()
    point = Point(lon, lat)
    # Degrees of longitude shrink towards the poles: search wide enough at any latitude, then measure.
    margin = tolerance_km / (KM_PER_DEGREE * max(math.cos(math.radians(lat)), 0.01))
    for index in tree.query(point.buffer(margin)):
        outline = geometries[int(index)]
        if outline.contains(point) or _km_between(point, nearest_points(outline, point)[0]) <= tolerance_km:
            return True
    return False
