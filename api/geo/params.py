"""The geographic values that lists, OGC, tiles, embeds and subscriptions share: a bbox, a point and their SQL.

One parser for `bbox=minLon,minLat,maxLon,maxLat` (OGC's 3D form with heights is accepted and the heights
dropped), one envelope builder, one point-as-geography builder, so that every view of the directory asks
PostGIS the same question in the same way (and so uses the same indexes).
"""

from dataclasses import dataclass
from typing import Any

from geoalchemy2 import Geography
from sqlalchemy import ColumnElement, Float, bindparam, cast, func

from api.db import AnyColumn
from api.errors import BadRequest

WGS84 = 4326
# A bare `geography` cast: the same expression as ix_organisations_location_geog, so the planner
# matches that index (GeoAlchemy2's default Geography type would add a typmod and miss it).
GEOGRAPHY = Geography(geometry_type=None, spatial_index=False)


def as_geography(column: AnyColumn) -> ColumnElement[Any]:
    return cast(column, GEOGRAPHY)


@dataclass(frozen=True)
class BBox:
    """A lon/lat rectangle in WGS 84, west < east and south < north."""

    min_lon: float
    min_lat: float
    max_lon: float
    max_lat: float

    def envelope(self) -> ColumnElement[Any]:
        """The rectangle as a PostGIS polygon in EPSG:4326, for `geom && envelope`."""
        return func.ST_MakeEnvelope(self.min_lon, self.min_lat, self.max_lon, self.max_lat, WGS84)

    def overlapped_by(self, column: AnyColumn) -> ColumnElement[bool]:
        """`column && envelope`: the bounding-box test a GiST index on `column` answers."""
        return column.op("&&")(self.envelope())


@dataclass(frozen=True)
class Point:
    lon: float
    lat: float

    def geometry(self) -> ColumnElement[Any]:
        return func.ST_SetSRID(func.ST_MakePoint(self.lon, self.lat), WGS84)

    def geography(self) -> ColumnElement[Any]:
        return as_geography(self.geometry())


def _named(values: dict[str, float]) -> list[ColumnElement[float]]:
    """Each value as the bind parameter of its name, in order."""
    return [bindparam(name, value, type_=Float) for name, value in values.items()]


@dataclass(frozen=True)
class BoundBBox(BBox):
    """A bbox whose corners are the named bind parameters `bbox_min_lon`…: a statement built with it is the same
    statement for every box, so it can be built once and run for any box with `values()` (see
    api.enterprises.search). One per statement: two would share the names."""

    CORNERS = ("min_lon", "min_lat", "max_lon", "max_lat")

    def envelope(self) -> ColumnElement[Any]:
        return func.ST_MakeEnvelope(*_named(self.values()), WGS84)

    def values(self) -> dict[str, float]:
        return {f"bbox_{name}": getattr(self, name) for name in self.CORNERS}


@dataclass(frozen=True)
class BoundPoint(Point):
    """A point whose coordinates are the named bind parameters `point_lon` and `point_lat`, as BoundBBox."""

    def geometry(self) -> ColumnElement[Any]:
        return func.ST_SetSRID(func.ST_MakePoint(*_named(self.values())), WGS84)

    def values(self) -> dict[str, float]:
        return {"point_lon": self.lon, "point_lat": self.lat}


def _drop_heights(parts: list[str]) -> list[str]:
    # minLon,minLat,minZ,maxLon,maxLat,maxZ: heights do not matter here.
    return [parts[0], parts[1], parts[3], parts[4]] if len(parts) == 6 else parts


def parse_bbox(raw: str | None, *, with_heights: bool = False, pointer: str = "/query/bbox") -> BBox | None:
    """`minLon,minLat,maxLon,maxLat` in WGS 84 (`with_heights`: also the 6-number 3D form of OGC API Features);
    anything else is a 400 at `pointer`."""
    if raw is None:
        return None
    parts = raw.split(",")
    try:
        values = [float(p) for p in (_drop_heights(parts) if with_heights else parts)]
    except ValueError:
        values = []
    if len(values) != 4 or not all(abs(v) != float("inf") and v == v for v in values):
        raise BadRequest("bbox must be four numbers: minLon,minLat,maxLon,maxLat.", pointer=pointer)
    box = BBox(*values)
    if not (-180 <= box.min_lon <= 180 and -180 <= box.max_lon <= 180
            and -90 <= box.min_lat <= 90 and -90 <= box.max_lat <= 90):
        raise BadRequest("bbox is out of range: longitudes within -180..180, latitudes within -90..90 "
                         "(longitude comes first).", pointer=pointer)
    if box.min_lon >= box.max_lon or box.min_lat >= box.max_lat:
        raise BadRequest("bbox is inverted or empty: minLon < maxLon and minLat < maxLat.", pointer=pointer)
    return box
