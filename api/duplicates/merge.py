"""Merging two organisations: every related row follows the survivor, the merged one is archived.

One transaction (the request's): both rows are locked in id order (two merges cannot deadlock), related
rows are moved by set-based UPDATEs, rows that would break a uniqueness rule are settled first (an open
membership in a cluster where the survivor has one is ended; a duplicate collaborator is dropped).
"""


from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.models import ApiToken
from api.duplicates.schemas import MergeOut
from api.enterprises import service as enterprises
from api.enterprises.models import Organisation, OrganisationStatus
from api.errors import Conflict, InvalidInput, NotFound
from api.history.service import record_revision
from api.writes.changes import record_change

# (table, column) pairs that simply follow the survivor.
FOLLOWERS = (("offerings", "organisation_id"), ("inquiries", "organisation_id"),
             ("service_requests", "organisation_id"), ("api_tokens", "organisation_id"),
             ("revisions", "organisation_id"), ("submissions", "organisation_id"), ("claims", "organisation_id"),
             ("organisations", "merged_into_id"))
SETTLE_SQL = (
    # The survivor's open membership in a cluster wins; the merged one's is ended (kept as history).
    "UPDATE memberships SET left_on = greatest(joined_on, current_date), status = 'ended' "
    "WHERE organisation_id = :merged AND left_on IS NULL AND cluster_id IN "
    "(SELECT cluster_id FROM memberships WHERE organisation_id = :survivor AND left_on IS NULL)",
    "DELETE FROM service_request_collaborators WHERE organisation_id = :merged AND request_id IN "
    "(SELECT request_id FROM service_request_collaborators WHERE organisation_id = :survivor)",
    "DELETE FROM reminders WHERE organisation_id = :merged AND period IN "
    "(SELECT period FROM reminders WHERE organisation_id = :survivor)",
    "DELETE FROM submission_duplicates WHERE organisation_id = :merged AND submission_id IN "
    "(SELECT submission_id FROM submission_duplicates WHERE organisation_id = :survivor)",
)
SETTLED = (("memberships", "organisation_id"), ("service_request_collaborators", "organisation_id"),
           ("reminders", "organisation_id"), ("submission_duplicates", "organisation_id"))
# The partner's external id moves only when the survivor has none (one per organisation).
EXTERNAL_ID_SQL = ("UPDATE organisation_external_ids SET organisation_id = :survivor WHERE organisation_id = :merged "
                   "AND NOT EXISTS (SELECT 1 FROM organisation_external_ids WHERE organisation_id = :survivor)")


async def _locked_pair(session: AsyncSession, survivor_id: int, merged_id: int) -> tuple[Organisation, Organisation]:
    if survivor_id == merged_id:
        raise InvalidInput("An organisation cannot be merged into itself.", pointer="/merged")
    rows = (await session.scalars(select(Organisation).where(Organisation.id.in_([survivor_id, merged_id]))
                                  .order_by(Organisation.id).with_for_update())).all()
    found = {org.id: org for org in rows}
    for key, org_id in (("survivor", survivor_id), ("merged", merged_id)):
        if org_id not in found:
            raise NotFound(f"No organisation {org_id}.", pointer=f"/{key}")
    survivor, merged = found[survivor_id], found[merged_id]
    if merged.merged_into_id is not None:
        raise Conflict(f"Organisation {merged_id} was already merged into {merged.merged_into_id}.")
    if survivor.merged_into_id is not None or survivor.status == OrganisationStatus.archived.value:
        raise Conflict(f"Organisation {survivor_id} is archived; choose a live survivor.", pointer="/survivor")
    return survivor, merged


async def merge(session: AsyncSession, survivor_id: int, merged_id: int, *, actor: ApiToken) -> MergeOut:
    """Move everything of `merged` to `survivor`, archive `merged` pointing at it; what moved, by table."""
    survivor, merged = await _locked_pair(session, survivor_id, merged_id)
    ids = {"survivor": survivor_id, "merged": merged_id}
    for statement in SETTLE_SQL:
        await session.execute(text(statement), ids)
    moved: dict[str, int] = {}
    for table, column in (*FOLLOWERS, *SETTLED):
        result = await session.execute(
            text(f"UPDATE {table} SET {column} = :survivor WHERE {column} = :merged"), ids)  # noqa: S608 - fixed names
        moved[table] = moved.get(table, 0) + int(result.rowcount)  # type: ignore[attr-defined]
    result = await session.execute(text(EXTERNAL_ID_SQL), ids)
    moved["organisation_external_ids"] = int(result.rowcount)  # type: ignore[attr-defined]
    await session.refresh(merged)
    before = enterprises.snapshot(merged)
    merged.status, merged.merged_into_id = OrganisationStatus.archived.value, survivor_id
    if merged.claimed_at is not None and survivor.claimed_at is None:
        survivor.claimed_at = merged.claimed_at
    await session.flush()
    await session.refresh(merged)
    record_change(session, actor=actor, entity="organisation", entity_id=merged_id, action="merge", before=before,
                  after=enterprises.snapshot(merged), organisation_id=survivor_id,
                  audit_changes={"merged_into_id": {"before": None, "after": survivor_id},
                                 "status": {"before": before["status"], "after": merged.status}, "moved": moved})
    await session.refresh(survivor)
    view = enterprises.snapshot(survivor)
    # The survivor's own history says what it absorbed; the audit log has the merge once, above.
    record_revision(session, survivor_id, actor, entity="organisation", entity_id=survivor_id, action="merge",
                    before=view, after={**view, "absorbed_organisation_id": merged_id})
    return MergeOut(survivor=survivor_id, merged=merged_id, moved=moved)
