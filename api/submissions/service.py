"""Public submissions: stored as pending, published only by a moderator's approval (no HTTP here)."""

import logging
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit import service as audit
from api.auth.models import ApiToken
from api.db import one_or_404
from api.duplicates import service as duplicates
from api.enterprises import service as enterprises
from api.enterprises.models import Organisation
from api.enterprises.schemas import EnterpriseCreate, EnterprisePatch
from api.errors import InvalidInput, TransitionNotAllowed
from api.geo.geojson import point_json
from api.pagination import Page, PageParams, keyset_page
from api.submissions import outcome
from api.submissions.models import Submission, SubmissionKind, SubmissionStatus
from api.submissions.schemas import Approval, ProposedChange, ShownSubmission, SubmissionCreate
from api.writes import policy

log = logging.getLogger("semap.submissions")


async def submit(session: AsyncSession, data: SubmissionCreate) -> Submission | None:
    """Store the proposal as pending; a filled honeypot stores nothing (the caller still answers 202)."""
    if data.website_url2:
        log.info("submission dropped: the honeypot field was filled")
        return None
    organisation_id = None
    if data.kind == SubmissionKind.correction:
        organisation_id = (await enterprises.get_organisation(session, str(data.organisation), staff=False)).id
    submission = Submission(kind=data.kind.value, organisation_id=organisation_id, payload=data.payload(),
                            message=data.message, submitter_name=data.submitter_name,
                            submitter_email=str(data.submitter_email), language=data.language)
    session.add(submission)
    await session.flush()
    if data.kind == SubmissionKind.new:
        # Shown to the moderator: GET /api/v1/admin/submissions/{id}/possible-duplicates.
        await duplicates.flag_submission(session, submission.id, submission.payload)
    # The audit row names no personal data: the submission itself holds it, for admins only.
    audit.record(session, actor=None, public=True, entity="submission", entity_id=submission.id, action="submit",
                 changes={"kind": {"before": None, "after": submission.kind},
                          "organisation_id": {"before": None, "after": organisation_id}})
    return submission


async def list_submissions(session: AsyncSession, *, status: list[str], page: PageParams) -> Page[Submission]:
    """The moderation queue, oldest first; pending only unless other statuses are asked for."""
    query = select(Submission).where(Submission.status.in_(status or [SubmissionStatus.pending.value]))
    return await keyset_page(session, query, page, key=Submission.id)


async def shown(session: AsyncSession, submissions: list[Submission]) -> list[ShownSubmission]:
    """The submissions as the moderation queue shows them, each with every field it changes: a pending
    correction against the organisation as it is now; a decided one (its "before" is history) with the
    values it proposed. Unmasked: SubmissionOut hides what non-admins may not see."""
    pending = [s for s in submissions if s.kind == SubmissionKind.correction.value and s.organisation_id
               and s.status == SubmissionStatus.pending.value]
    ids = {s.organisation_id for s in pending}
    orgs = (await session.scalars(select(Organisation).where(Organisation.id.in_(ids)))).all() if ids else []
    current = {org.id: enterprises.snapshot(org) for org in orgs}

    def against(submission: Submission) -> dict[str, Any] | None:
        if submission.kind != SubmissionKind.correction.value:
            return None
        return current.get(submission.organisation_id or 0, {}) if submission in pending else {}

    return [ShownSubmission(s, field_changes(s.payload, against(s))) for s in submissions]


def field_changes(payload: dict[str, Any], current: dict[str, Any] | None) -> list[ProposedChange]:
    """Every field the proposal would change (against the organisation as it is now; a new entry changes all
    it sets)."""
    changes = []
    for name, after in payload.items():
        before = current.get(name) if current is not None else None
        if current is not None and policy.same_value(before, after):
            continue
        if current is None and after in (None, "", [], {}, False):
            continue  # a new entry's empty fields say nothing
        changes.append(ProposedChange(name, before, after,
                                      needs_admin=bool(policy.needs_admin([name], existing=current is not None))))
    return changes


async def get_submission(session: AsyncSession, submission_id: int, *, for_update: bool = False) -> Submission:
    return await one_or_404(session, select(Submission).where(Submission.id == submission_id),
                            f"No submission {submission_id}.", for_update=for_update)


async def _pending(session: AsyncSession, submission_id: int) -> Submission:
    submission = await get_submission(session, submission_id, for_update=True)
    if submission.status != SubmissionStatus.pending.value:
        raise TransitionNotAllowed(f"Submission {submission_id} is already {submission.status}.")
    return submission


async def _publish(session: AsyncSession, submission: Submission, actor: ApiToken) -> Organisation:
    try:
        if submission.kind == SubmissionKind.new.value:
            return await enterprises.create(session, EnterpriseCreate.model_validate(submission.payload), actor=actor)
        patch = EnterprisePatch.model_validate(submission.payload)
    except ValidationError as exc:
        # The code lists may have changed since the submission was validated.
        raise InvalidInput(f"The proposal is no longer valid: {exc.errors()[0]['msg']}; reject it.",
                           pointer="/payload") from exc
    if submission.organisation_id is None:
        raise TransitionNotAllowed("The corrected organisation no longer exists; reject the submission.")
    # Applied with the approver's own rights: a change an editor may only propose needs an admin (403).
    updated = await enterprises.update(session, str(submission.organisation_id), patch, expected_etag=None,
                                       actor=actor, approving=True)
    return updated.organisation


async def approve(session: AsyncSession, submission_id: int, *, actor: ApiToken,
                  corrections: Approval | None = None) -> Submission:
    """Create or update the published organisation, in the caller's one transaction with the decision. The
    moderator's corrections (a point moved on the map) amend the stored proposal, so that it records what was
    approved, and the audit entry names them."""
    submission = await _pending(session, submission_id)
    amended: dict[str, Any] = {}
    if corrections is not None and corrections.location is not None:
        lon, lat = corrections.location.coordinates[0], corrections.location.coordinates[1]
        after = point_json(lon, lat)
        amended["location"] = {"before": submission.payload.get("location"), "after": after}
        submission.payload = {**submission.payload, "location": after}
    org = await _publish(session, submission, actor)
    return await _decide(session, submission, SubmissionStatus.approved, actor, None, organisation_id=org.id,
                         amended=amended)


async def reject(session: AsyncSession, submission_id: int, reason: str, *, actor: ApiToken) -> Submission:
    submission = await _pending(session, submission_id)
    return await _decide(session, submission, SubmissionStatus.rejected, actor, reason)


async def _decide(session: AsyncSession, submission: Submission, status: SubmissionStatus, actor: ApiToken,
                  reason: str | None, organisation_id: int | None = None,
                  amended: dict[str, Any] | None = None) -> Submission:
    submission.status = status.value
    submission.decided_at = datetime.now(UTC)
    submission.decided_by_token_id = actor.id
    submission.decision_reason = reason
    if organisation_id is not None:
        submission.organisation_id = organisation_id
    await session.flush()
    audit.record(session, actor=actor, entity="submission", entity_id=submission.id, action=status.value,
                 changes={"status": {"before": SubmissionStatus.pending.value, "after": status.value},
                          **({"reason": {"before": None, "after": reason}} if reason else {}),
                          **({"organisation_id": {"before": None, "after": organisation_id}}
                             if organisation_id else {}),
                          **(amended or {})})
    await outcome.tell_submitter(session, submission)
    return submission
