"""What the entities of an audit page are called now, so that a reader sees names, not ids.

One query per kind of entity on the page, by primary key; an entity that is gone has no name (its
audit rows stay, with their ids).
"""

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit.models import AuditEntry
from api.auth.models import ApiToken
from api.enterprises.models import Offering, Organisation
from api.inputs import as_id
from api.members.models import Membership
from api.service_requests.models import ServiceRequest

# entity -> (its id column, the column that names it, and a join when the name lives elsewhere)
NAMED: dict[str, tuple[Any, Any, Any]] = {
    "organisation": (Organisation.id, Organisation.name, None),
    "offering": (Offering.id, Offering.title, None),
    "api_token": (ApiToken.id, ApiToken.name, None),
    "service_request": (ServiceRequest.id, ServiceRequest.title, None),
    "membership": (Membership.id, Organisation.name, (Organisation, Organisation.id == Membership.organisation_id)),
}


async def entity_names(session: AsyncSession, entries: Iterable[AuditEntry]) -> dict[tuple[str, str], str]:
    """{(entity, entity_id): name} for the named entities among `entries` that still exist."""
    wanted: dict[str, set[int]] = defaultdict(set)
    for entry in entries:
        if entry.entity in NAMED and (entity_id := as_id(entry.entity_id)) is not None:
            wanted[entry.entity].add(entity_id)
    names: dict[tuple[str, str], str] = {}
    for entity, ids in wanted.items():
        id_column, name_column, join = NAMED[entity]
        query = select(id_column, name_column).where(id_column.in_(ids))
        if join is not None:
            query = query.join(*join)
        for entity_id, name in (await session.execute(query)).all():
            names[(entity, str(entity_id))] = name
    return names
