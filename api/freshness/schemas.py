"""Freshness at the API's edge."""

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints


class FreshnessAnswer(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"token": "x" * 43, "action": "confirm"}, {"token": "x" * 43, "action": "update"}]})

    token: Annotated[str, StringConstraints(strip_whitespace=True, min_length=20, max_length=100)]
    action: str = Field("confirm", pattern="^(confirm|update)$",
                        description="confirm: the entry is right as it is; update: also get a member token "
                                    "to change it.")


class FreshnessConfirmed(BaseModel):
    organisation_id: int
    slug: str
    confirmed_at: datetime
    token: str | None = Field(description="With action update: a member token, shown this once.")
    token_id: int | None


class StaleEntry(BaseModel):
    id: int
    slug: str
    name: str
    country: str
    region_code: str | None
    updated_at: datetime
    last_confirmed_at: datetime | None
    stale_since: datetime
    last_reminded_at: datetime | None


class StalePage(BaseModel):
    items: list[StaleEntry]
    limit: int
    next_cursor: str | None
