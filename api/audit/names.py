"""What the entities of an audit page are called now, so that a reader sees names, not ids.

Each domain registers its entities here (in its models module), so that the audit log imports no domain.
One query per kind of entity on the page, by primary key; an entity that is gone has no name (its audit
rows stay, with their ids).
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit.models import AuditEntry
from api.inputs import as_id


@dataclass(frozen=True)
class Naming:
    id_column: Any
    name_column: Any
    # (table, on-clause) when the name lives in another table.
    join: tuple[Any, Any] | None = None


NAMED: dict[str, Naming] = {}


def register(entity: str, id_column: Any, name_column: Any, join: tuple[Any, Any] | None = None) -> None:
    """Name the audit log's `entity` rows by `name_column` (through `join` when it lives elsewhere)."""
    NAMED[entity] = Naming(id_column, name_column, join)


async def entity_names(session: AsyncSession, entries: Iterable[AuditEntry]) -> dict[tuple[str, str], str]:
    """{(entity, entity_id): name} for the named entities among `entries` that still exist."""
    wanted: dict[str, set[int]] = defaultdict(set)
    for entry in entries:
        if entry.entity in NAMED and (entity_id := as_id(entry.entity_id)) is not None:
            wanted[entry.entity].add(entity_id)
    names: dict[tuple[str, str], str] = {}
    for entity, ids in wanted.items():
        naming = NAMED[entity]
        query = select(naming.id_column, naming.name_column).where(naming.id_column.in_(ids))
        if naming.join is not None:
            query = query.join(*naming.join)
        for entity_id, name in (await session.execute(query)).all():
            names[(entity, str(entity_id))] = name
    return names
