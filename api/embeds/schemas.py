"""Embeds at the API's edge."""

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Origin = Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, max_length=200,
                                          pattern=r"^https?://[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?$")]


class EmbedSiteCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"origin": "https://www.partner-network.org", "note": "Regional network's members page"}]})

    origin: Origin = Field(description="scheme://host[:port] of the page that embeds the map, without a path.")
    note: Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)] | None = None


class EmbedSiteOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    origin: str
    note: str | None
    created_at: datetime


class EmbedSnippet(BaseModel):
    url: str = Field(description="The /embed URL with the presets.")
    html: str = Field(description="The iframe to paste into the partner's page.")
