"""Revisions at the API's edge."""

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from api.history.models import Revision
from api.inputs import Id
from api.writes.policy import PRIVATE_FIELDS


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

    @classmethod
    def of(cls, revision: Revision, *, admin: bool) -> "RevisionOut":
        """A revision as its reader may see it: personal data and who made the change for admins only."""
        changes, snapshot = revision.changes, revision.snapshot
        if not admin:
            changes = {k: v for k, v in changes.items() if k not in PRIVATE_FIELDS}
            snapshot = {k: v for k, v in snapshot.items() if k not in PRIVATE_FIELDS}
        return cls(revision=revision.id, organisation_id=revision.organisation_id, entity=revision.entity,
                   entity_id=revision.entity_id, action=revision.action, occurred_at=revision.occurred_at,
                   actor=revision.actor if admin else None, changes=changes, snapshot=snapshot)


class RevisionPage(BaseModel):
    items: list[RevisionOut]
    limit: int
    next_cursor: str | None


class RevertRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"revision": 42}]})

    revision: Id = Field(description="The revision whose fields to restore.")
