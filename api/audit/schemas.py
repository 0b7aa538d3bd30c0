"""The audit log at the API's edge."""

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class AuditEntryOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    occurred_at: datetime
    actor_token_id: int | None = Field(description="The token that acted; null for the public or the system.")
    actor: str = Field(description="token:<id>:<name>, public or system; kept after the token is gone.")
    entity: str
    entity_id: str
    entity_name: str | None = Field(None, description="What the entity is called now (an organisation's or a token's "
                                    "name, an offering's or a request's title); null when gone or unnamed.")
    action: str
    changes: dict[str, Any] = Field(description='{field: {"before": …, "after": …}}')


class AuditPage(BaseModel):
    items: list[AuditEntryOut]
    limit: int
    next_cursor: str | None = Field(description="Pass as `cursor` for the next (older) page; null on the last.")
