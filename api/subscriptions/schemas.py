"""Subscriptions at the API's edge."""

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, EmailStr, Field, StringConstraints, model_validator

from api.enterprises.models import OrganisationKind
from api.enterprises.schemas import Country
from api.subscriptions.models import Frequency
from api.taxonomies import catalog


def _known(list_name: str) -> AfterValidator:
    def check(values: list[str]) -> list[str]:
        unknown = catalog.unknown(list_name, values)
        if unknown:
            raise ValueError(f"unknown {list_name} code(s): {', '.join(unknown)}")
        return list(dict.fromkeys(values))

    return AfterValidator(check)


class SubscriptionCreate(BaseModel):
    """Exactly one area: `bbox`, `region`, or `lat`/`lon` with `radius_km`; filters are optional."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"email": "ana@example.org", "region": "RO-CJ", "impact": ["work_integration"], "frequency": "weekly",
         "language": "ro"},
        {"email": "ana@example.org", "lat": 47.0105, "lon": 28.8638, "radius_km": 25, "frequency": "daily"},
        {"email": "ana@example.org", "bbox": [23.5, 46.7, 23.7, 46.8], "frequency": "weekly"},
    ]})

    email: EmailStr = Field(description="Private: used only to send the confirmation and the digests.")
    bbox: Annotated[list[float], Field(min_length=4, max_length=4,
                                       description="[minLon, minLat, maxLon, maxLat], WGS 84.")] | None = None
    region: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}-[A-Z0-9]{1,3}$")] | None = None
    lat: Annotated[float, Field(ge=-90, le=90)] | None = None
    lon: Annotated[float, Field(ge=-180, le=180)] | None = None
    radius_km: Annotated[float, Field(gt=0, le=500)] | None = None
    country: list[Country] = Field(default_factory=list)
    kind: list[OrganisationKind] = Field(default_factory=list)
    impact: Annotated[list[str], _known("impacts")] = Field(default_factory=list)
    certification: Annotated[list[str], _known("certifications")] = Field(default_factory=list)
    frequency: Frequency = Frequency.weekly
    language: Literal["ro", "en", "uk", "ru"] = "en"

    @model_validator(mode="after")
    def one_area(self) -> "SubscriptionCreate":
        point = (self.lat, self.lon, self.radius_km)
        areas = [self.bbox is not None, self.region is not None, any(v is not None for v in point)]
        if sum(areas) != 1:
            raise ValueError("give exactly one area: bbox, region, or lat/lon with radius_km")
        if areas[2] and any(v is None for v in point):
            raise ValueError("a point area needs lat, lon and radius_km")
        if self.bbox is not None:
            west, south, east, north = self.bbox
            if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
                raise ValueError("bbox must be [minLon, minLat, maxLon, maxLat] within range and not inverted")
        return self


class SubscriptionReceipt(BaseModel):
    status: str = "pending"
    detail: str = "Check your inbox: the subscription starts when you confirm it with the link we sent."


class SubscriptionState(BaseModel):
    status: str = Field(description="active after confirm, unsubscribed after unsubscribe.")
    detail: str
