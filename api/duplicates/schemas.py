"""Possible duplicates and merges at the API's edge."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from api.inputs import Id


class DuplicateCandidate(BaseModel):
    id: int
    name: str
    slug: str
    country: str
    registration_code: str | None
    reason: Literal["same_registration_code", "nearby_similar_name"]
    distance_m: float | None = Field(None, description="Geodesic distance in metres (nearby_similar_name).")
    similarity: float | None = Field(None, description="Trigram similarity of the normalised names (0–1).")


class SimilarName(BaseModel):
    """A published entry whose name resembles a name being typed: perhaps the enterprise is listed already."""

    id: int
    name: str
    slug: str
    locality: str | None
    country: str
    similarity: float = Field(description="Trigram similarity of the normalised names (0–1).")
    same_locality: bool = Field(description="Its locality is the one given (compared without case or accents).")


class DuplicatePair(BaseModel):
    first_id: int
    first_name: str
    second_id: int
    second_name: str
    reason: Literal["same_registration_code", "nearby_similar_name"]
    distance_m: float | None
    similarity: float | None


class DuplicatePairPage(BaseModel):
    items: list[DuplicatePair]
    limit: int
    scanned_window: int = Field(description="Organisations scanned for this page, at most.")
    next_cursor: str | None = Field(description="Pass as `cursor` to scan on; null when the scan is complete.")


class MergeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"survivor": 12, "merged": 345}]})

    survivor: Id = Field(description="The organisation that stays.")
    merged: Id = Field(description="The organisation merged into the survivor and archived.")


class MergeOut(BaseModel):
    survivor: int
    merged: int
    moved: dict[str, int] = Field(description="Rows that now belong to the survivor, by table.")
