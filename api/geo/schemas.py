"""The regions API's response bodies."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.config import JsonDict

EXAMPLE_REGION: JsonDict = {
    "code": "RO-CJ", "country": "RO",
    "names": {"ro": "Cluj", "en": "Cluj", "uk": "Клуж", "ru": "Клуж"},
    "bbox": [22.6, 46.4, 24.2, 47.3], "enterprises": 31, "members": 4,
}


class RegionNames(BaseModel):
    ro: str
    en: str
    uk: str
    ru: str


class RegionAt(BaseModel):
    """The administrative unit that contains a point."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "code": "RO-CJ", "country": "RO", "names": {"ro": "Cluj", "en": "Cluj", "uk": "Клуж", "ru": "Клуж"}}]})

    code: str = Field(description="ISO 3166-2 code.")
    country: str
    names: RegionNames


class RegionOut(BaseModel):
    """An administrative unit (județ, raion, oblast) with what the map shows on a choropleth."""

    model_config = ConfigDict(json_schema_extra={"examples": [EXAMPLE_REGION]})

    code: str = Field(description="ISO 3166-2 code.")
    country: str
    names: RegionNames
    bbox: tuple[float, float, float, float] = Field(description="minLon, minLat, maxLon, maxLat (WGS 84).")
    enterprises: int = Field(description="Published organisations whose point lies in the unit.")
    members: int = Field(description="Of those, the ones with an open membership of a cluster.")


class RegionList(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"items": [EXAMPLE_REGION]}]})

    items: list[RegionOut]


RegionFormat = Literal["json", "geojson"]
