"""Recording writes in the audit log, inside the write's own transaction."""

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit.models import AuditEntry
from api.auth.models import ApiToken
from api.pagination import Page, PageParams, keyset_page


def actor_name(token: ApiToken | None) -> str:
    return f"token:{token.id}:{token.name}" if token is not None else "system"


def record(session: AsyncSession, *, actor: ApiToken | None, entity: str, entity_id: object,
           action: str, changes: dict[str, Any] | None = None, public: bool = False) -> AuditEntry:
    """Add an audit row to the session; it commits (or not) with the write it describes.

    Without a token the actor is "system" (the command line, a scheduled job), or "public" when
    `public` says that an anonymous caller of the public API asked for the write."""
    name = "public" if public and actor is None else actor_name(actor)
    entry = AuditEntry(actor_token_id=actor.id if actor else None, actor=name,
                       entity=entity, entity_id=str(entity_id), action=action, changes=changes or {})
    session.add(entry)
    return entry


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """{field: {"before": …, "after": …}} for the fields that changed."""
    keys = list(dict.fromkeys([*before, *after]))
    return {key: {"before": before.get(key), "after": after.get(key)}
            for key in keys if before.get(key) != after.get(key)}


async def entries(session: AsyncSession, *, entity: str | None, entity_id: str | None, actor_token_id: int | None,
                  since: datetime | None, until: datetime | None, page: PageParams) -> Page[AuditEntry]:
    """Audit rows matching the filters, newest first."""
    query = select(AuditEntry)
    for column, value in ((AuditEntry.entity, entity), (AuditEntry.entity_id, entity_id),
                          (AuditEntry.actor_token_id, actor_token_id)):
        if value is not None:
            query = query.where(column == value)
    if since is not None:
        query = query.where(AuditEntry.occurred_at >= since)
    if until is not None:
        query = query.where(AuditEntry.occurred_at < until)
    return await keyset_page(session, query, page, key=AuditEntry.id, descending=True)
