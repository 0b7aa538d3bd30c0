"""Recording a change: the audit entry and, for the directory's entities, the revision, written together."""

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.audit import service as audit
from api.auth.models import ApiToken
from api.history.service import record_revision


def record_change(session: AsyncSession, *, actor: ApiToken | None, entity: str, entity_id: int, action: str,
                  before: dict[str, Any], after: dict[str, Any], organisation_id: int | None = None,
                  audit_changes: dict[str, Any] | None = None, public: bool = False) -> None:
    """Add the audit row and, when the entity belongs to an organisation's history (`organisation_id`), its
    revision: before → after views of the entity, both in the caller's transaction.

    `audit_changes` replaces the field diff in the audit row when the log should say something else
    (a merge names the rows it moved)."""
    audit.record(session, actor=actor, entity=entity, entity_id=entity_id, action=action, public=public,
                 changes=audit.diff(before, after) if audit_changes is None else audit_changes)
    if organisation_id is not None:
        record_revision(session, organisation_id, actor, entity=entity, entity_id=entity_id, action=action,
                        before=before, after=after)
