"""Recording revisions from the writes of the directory, listing them, and reverting to one."""

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit import service as audit
from api.auth.models import ApiToken
from api.errors import InvalidInput, NotFound
from api.history.models import Revision
from api.pagination import Page, PageParams, keyset_page

PatchT = TypeVar("PatchT", bound=BaseModel)
# Fields a revert restores: what a patch may set (never ids, derived or bookkeeping columns).
RESTORABLE = ("kind", "name", "slug", "country", "location", "status", "legal_form", "registration_code",
              "locality", "address", "email", "phone", "website", "contact_person", "languages", "description",
              "founded_year", "employees_total", "employees_vulnerable", "annual_turnover_eur", "impact_areas",
              "beneficiary_groups", "sectors", "certifications", "service_radius_km", "service_countries",
              "reserved_contract_eligible", "verified", "opening_hours")


def record_revision(session: AsyncSession, organisation_id: int, actor: ApiToken | None, *, entity: str,
                    entity_id: int, action: str, before: dict[str, Any], after: dict[str, Any]) -> Revision | None:
    """Add a revision for a change (before → after views of the entity); None when nothing changed."""
    changes = audit.diff(before, after)
    if not changes and action in ("update", "revert"):
        return None
    revision = Revision(organisation_id=organisation_id, entity=entity, entity_id=entity_id, action=action,
                        actor=audit.actor_name(actor), actor_token_id=actor.id if actor else None,
                        changes=changes, snapshot=after)
    session.add(revision)
    return revision


async def list_revisions(session: AsyncSession, organisation_id: int, page: PageParams) -> Page[Revision]:
    """The organisation's revisions, newest first."""
    query = select(Revision).where(Revision.organisation_id == organisation_id)
    return await keyset_page(session, query, page, key=Revision.id, descending=True)


async def restorable_fields(session: AsyncSession, organisation_id: int, revision_id: int) -> dict[str, Any]:
    """The organisation's fields as revision `revision_id` left them, ready for a patch."""
    revision = await session.scalar(select(Revision).where(Revision.id == revision_id,
                                                           Revision.organisation_id == organisation_id))
    if revision is None:
        raise NotFound(f"No revision {revision_id} of enterprise {organisation_id}.")
    # A merged organisation's revisions follow the survivor; they never restore onto it.
    if revision.entity != "organisation" or revision.entity_id != organisation_id or not revision.snapshot:
        raise InvalidInput("Only a revision of the organisation's own fields can be restored.", pointer="/revision")
    return {k: v for k, v in revision.snapshot.items() if k in RESTORABLE}


def patch_from(fields: dict[str, Any], patch_type: type[PatchT]) -> PatchT:
    """A patch restoring `fields`; 422 when the old values no longer pass today's rules (e.g. a retired code)."""
    try:
        return patch_type.model_validate(fields)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise InvalidInput(f"The revision's {'.'.join(map(str, first['loc']))} is no longer valid: {first['msg']}.",
                           pointer="/revision") from exc
