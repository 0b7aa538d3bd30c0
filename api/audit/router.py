"""HTTP for the audit log: /api/v1/admin/audit (admins only)."""

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query

from api.audit import service
from api.audit.names import entity_names
from api.audit.schemas import AuditEntryOut, AuditPage
from api.auth.dependencies import AdminToken
from api.db import SessionDep
from api.errors import InvalidInput
from api.inputs import Id
from api.pagination import PageDep

router = APIRouter(prefix="/api/v1/admin/audit", tags=["admin"])


@router.get("", response_model=AuditPage, summary="Read the audit log, newest first")
async def list_audit_entries(
    session: SessionDep, _: AdminToken, page: PageDep,
    entity: Annotated[str | None, Query(max_length=40, description="e.g. organisation, membership, "
                                                                   "submission, api_token.")] = None,
    entity_id: Annotated[str | None, Query(max_length=64)] = None,
    actor: Annotated[Id | None, Query(description="The acting token's id.")] = None,
    from_: Annotated[datetime | None, Query(alias="from", description="From this time (inclusive).")] = None,
    to: Annotated[datetime | None, Query(description="Until this time (exclusive).")] = None,
) -> AuditPage:
    if from_ is not None and to is not None and to <= from_:
        raise InvalidInput("`to` must be after `from`.", pointer="/to")
    found = await service.entries(session, entity=entity, entity_id=entity_id, actor_token_id=actor, since=from_,
                                  until=to, page=page)
    names = await entity_names(session, found.items)
    items = [AuditEntryOut.model_validate(row).model_copy(update={"entity_name": names.get((row.entity,
                                                                                           row.entity_id))})
             for row in found.items]
    return AuditPage(items=items, limit=found.limit, next_cursor=found.next_cursor)
