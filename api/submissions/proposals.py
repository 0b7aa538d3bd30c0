"""Proposals from staff and members: the fields the write policy holds back, queued as a pending correction."""

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.audit import service as audit
from api.auth.models import ApiToken
from api.submissions.models import Submission, SubmissionKind


async def propose(session: AsyncSession, organisation_id: int, fields: dict[str, Any], *,
                  actor: ApiToken) -> Submission:
    """A pending correction holding `fields` (JSON values) for a moderator with the right to approve them."""
    submission = Submission(kind=SubmissionKind.correction.value, organisation_id=organisation_id, payload=fields,
                            submitter_name=actor.name, submitter_email=None, proposed_by_token_id=actor.id,
                            message=None)
    session.add(submission)
    await session.flush()
    audit.record(session, actor=actor, entity="submission", entity_id=submission.id, action="propose",
                 changes={"organisation_id": {"before": None, "after": organisation_id},
                          "fields": {"before": None, "after": sorted(fields)}})
    return submission
