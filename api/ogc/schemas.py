"""OGC API Features documents: landing page, conformance, collections (items are built by the database)."""

from pydantic import BaseModel, ConfigDict, Field

CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
CONFORMANCE_CLASSES = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
    # Part 3: /collections/{id}/queryables, and each queryable as a query parameter of the items.
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters",
]


class Link(BaseModel):
    href: str
    rel: str
    type: str | None = None
    title: str | None = None


class LandingPage(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "title": "Social Enterprise Map", "description": "OGC API Features over the map's data.",
        "links": [{"href": "https://semap.example/ogc", "rel": "self", "type": "application/json"},
                  {"href": "https://semap.example/ogc/collections", "rel": "data", "type": "application/json"}],
    }]})

    title: str
    description: str
    links: list[Link]


class Conformance(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"conformsTo": [*CONFORMANCE_CLASSES]}]})

    conformsTo: list[str]


class SpatialExtent(BaseModel):
    bbox: list[list[float]]
    crs: str = CRS84


def _open_interval() -> list[list[str | None]]:
    return [[None, None]]


class TemporalExtent(BaseModel):
    interval: list[list[str | None]] = Field(default_factory=_open_interval)


class Extent(BaseModel):
    spatial: SpatialExtent
    temporal: TemporalExtent = Field(default_factory=TemporalExtent)


class Collection(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "id": "enterprises", "title": "Social enterprises", "description": "Published enterprises.",
        "itemType": "feature", "crs": [CRS84], "storageCrs": CRS84,
        "extent": {"spatial": {"bbox": [[20.26, 43.62, 40.23, 52.38]], "crs": CRS84},
                   "temporal": {"interval": [[None, None]]}},
        "links": [{"href": "https://semap.example/ogc/collections/enterprises/items", "rel": "items",
                   "type": "application/geo+json"}],
    }]})

    id: str
    title: str
    description: str
    itemType: str = "feature"
    crs: list[str] = Field(default_factory=lambda: [CRS84])
    storageCrs: str = CRS84
    extent: Extent
    links: list[Link]


class Collections(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"links": [], "collections": []}]})

    links: list[Link]
    collections: list[Collection]
