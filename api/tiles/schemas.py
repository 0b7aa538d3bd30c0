"""TileJSON 3.0.0: the document a map client reads to find the tiles and their layers."""

from pydantic import BaseModel, ConfigDict, Field


class VectorLayer(BaseModel):
    id: str
    description: str
    minzoom: int
    maxzoom: int
    fields: dict[str, str] = Field(description="Attribute name to type (Number, String, Boolean).")


class TileJSON(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "tilejson": "3.0.0", "name": "Social enterprises",
        "tiles": ["https://semap.example/api/v1/tiles/enterprises/{z}/{x}/{y}.mvt"],
        "minzoom": 0, "maxzoom": 16, "bounds": [20.26, 43.62, 40.23, 52.38], "center": [26.1, 44.43, 6],
        "vector_layers": [{"id": "clusters", "description": "Enterprises counted per grid cell.",
                           "minzoom": 0, "maxzoom": 10, "fields": {"count": "Number", "impact": "String"}}],
    }]})

    tilejson: str = "3.0.0"
    name: str
    description: str
    attribution: str
    scheme: str = "xyz"
    tiles: list[str]
    minzoom: int
    maxzoom: int
    bounds: list[float]
    center: list[float]
    vector_layers: list[VectorLayer]
