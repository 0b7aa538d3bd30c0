"""Revisions at the API's edge."""

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from api.inputs import Id


class RevisionOut(BaseModel):
    revision: int = Field(description="The revision's number: pass it to a revert.")
    organisation_id: int
    entity: str = Field(description="organisation or offering.")
    entity_id: int
    action: str = Field(description="create, update, archive, delete, revert, merge, confirm, claim.")
    occurred_at: datetime
    actor: str | None = Field(None, description="Who made the change: admins only.")
    changes: dict[str, Any] = Field(description="{field: {before, after}}; personal data for admins only.")
    snapshot: dict[str, Any] = Field(description="The entity's fields after the change.")


class RevisionPage(BaseModel):
    items: list[RevisionOut]
    limit: int
    next_cursor: str | None


class RevertRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"revision": 42}]})

    revision: Id = Field(description="The revision whose fields to restore.")
