"""GeoJSON points at the API's edge (RFC 7946: longitude first, WGS 84)."""

from typing import Annotated, Any

from geojson_pydantic import Point
from pydantic import AfterValidator

from api.geo.land import on_land

LONGITUDE_RANGE = (-180.0, 180.0)
LATITUDE_RANGE = (-90.0, 90.0)


def _in_range(point: Point) -> Point:
    lon, lat = point.coordinates[0], point.coordinates[1]
    if not LONGITUDE_RANGE[0] <= lon <= LONGITUDE_RANGE[1]:
        raise ValueError(f"longitude {lon} is outside -180..180 (GeoJSON puts longitude first)")
    if not LATITUDE_RANGE[0] <= lat <= LATITUDE_RANGE[1]:
        raise ValueError(f"latitude {lat} is outside -90..90 (GeoJSON puts longitude first)")
    return point


def _on_land(point: Point) -> Point:
    if not on_land(point.coordinates[0], point.coordinates[1]):
        raise ValueError(f"the point ({point.coordinates[0]}, {point.coordinates[1]}) is in the sea or outside "
                         "Romania, Moldova and Ukraine: it must lie on land in one of them (GeoJSON puts "
                         "longitude first)")
    return point


WGS84Point = Annotated[Point, AfterValidator(_in_range)]
# Where an organisation is: on land in a supported country (writes refuse a point in the sea).
LandPoint = Annotated[Point, AfterValidator(_in_range), AfterValidator(_on_land)]


def point_json(lon: float, lat: float) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [round(lon, 7), round(lat, 7)]}


def point_wkt(point: Point) -> str:
    return f"SRID=4326;POINT({point.coordinates[0]} {point.coordinates[1]})"
