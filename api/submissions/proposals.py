"""Proposals from staff and members: the fields the write policy holds back, queued as a pending correction."""

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit import service as audit
from api.auth.models import ApiToken
from api.submissions.models import Submission, SubmissionKind, SubmissionStatus


async def propose(session: AsyncSession, organisation_id: int, fields: dict[str, Any], *,
                  actor: ApiToken) -> Submission:
    """A pending correction holding `fields` (JSON values) for a moderator with the right to approve them.

    A token's later proposals for the same organisation join its pending one (the newest value of a field
    wins), so that saving a form twice leaves one item in the queue, not two."""
    submission = await session.scalar(
        select(Submission).where(Submission.organisation_id == organisation_id,
                                 Submission.proposed_by_token_id == actor.id,
                                 Submission.status == SubmissionStatus.pending.value).with_for_update())
    if submission is None:
        submission = Submission(kind=SubmissionKind.correction.value, organisation_id=organisation_id,
                                payload=fields, submitter_name=actor.name, submitter_email=None,
                                proposed_by_token_id=actor.id, message=None)
        session.add(submission)
    else:
        submission.payload = {**submission.payload, **fields}
    await session.flush()
    audit.record(session, actor=actor, entity="submission", entity_id=submission.id, action="propose",
                 changes={"organisation_id": {"before": None, "after": organisation_id},
                          "fields": {"before": None, "after": sorted(fields)}})
    return submission
