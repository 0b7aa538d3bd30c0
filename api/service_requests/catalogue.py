"""The catalogue of the cluster's support services: list, add, edit, retire."""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.models import ApiToken
from api.db import one_or_404
from api.entity import check_version
from api.errors import Conflict
from api.inputs import parse_key
from api.service_requests.models import SupportService
from api.service_requests.schemas import SupportServiceCreate, SupportServicePatch
from api.writes.changes import record_change


async def list_services(session: AsyncSession, *, include_retired: bool) -> list[SupportService]:
    query = select(SupportService).order_by(SupportService.id)
    if not include_retired:
        query = query.where(SupportService.retired_at.is_(None))
    return list((await session.scalars(query)).all())


async def get_service(session: AsyncSession, key: str, *, for_update: bool = False) -> SupportService:
    """A service by code or id, retired ones included."""
    query = select(SupportService)
    parsed = parse_key(key)
    query = query.where(SupportService.id == parsed if isinstance(parsed, int) else SupportService.code == parsed)
    return await one_or_404(session, query, f"No support service {key!r}.", for_update=for_update)


def _view(service: SupportService) -> dict[str, Any]:
    retired = service.retired_at.isoformat() if service.retired_at else None
    return {"code": service.code, "names": service.names, "descriptions": service.descriptions,
            "retired_at": retired}


async def create(session: AsyncSession, data: SupportServiceCreate, *, actor: ApiToken) -> SupportService:
    service = SupportService(code=data.code, names=dict(data.names), descriptions=dict(data.descriptions))
    session.add(service)
    try:
        await session.flush()
    except IntegrityError as exc:
        raise Conflict(f"A support service with the code {data.code!r} exists already.", pointer="/code") from exc
    await session.refresh(service)
    record_change(session, actor=actor, entity="support_service", entity_id=service.id, action="create",
                  before={}, after=_view(service))
    return service


async def update(session: AsyncSession, key: str, patch: SupportServicePatch, *, expected_etag: str,
                 actor: ApiToken) -> SupportService:
    """Merge the languages sent into names/descriptions; `retired` sets or clears retired_at."""
    service = await get_service(session, key, for_update=True)
    check_version(service, expected_etag)
    before = _view(service)
    if patch.names is not None:
        service.names = {**service.names, **{str(lang): text for lang, text in patch.names.items()}}
    if patch.descriptions is not None:
        service.descriptions = {**service.descriptions,
                                **{str(lang): text for lang, text in patch.descriptions.items()}}
    if patch.retired is not None and patch.retired != (service.retired_at is not None):
        service.retired_at = datetime.now(UTC) if patch.retired else None
    await session.flush()
    await session.refresh(service)
    record_change(session, actor=actor, entity="support_service", entity_id=service.id, action="update",
                  before=before, after=_view(service))
    return service
