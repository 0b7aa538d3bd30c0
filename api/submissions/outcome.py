"""The e-mail that tells a member of the public what became of their submission (through the outbox).

Only public submissions have an address to write to: a member's or an editor's proposal (held back by
the write policy) is seen in the console and the members' area instead. The message is queued in the
transaction of the decision, so a decision that rolls back sends nothing, and the dedupe key makes
sure one decision is told once.
"""

from sqlalchemy.ext.asyncio import AsyncSession

from api.config import get_settings
from api.enterprises.models import Organisation
from api.outbox import service as outbox
from api.submissions.models import Submission, SubmissionStatus


def _enterprise_name(submission: Submission, organisation: Organisation | None) -> str:
    if organisation is not None:
        return organisation.name
    return str(submission.payload.get("name") or "")


async def tell_submitter(session: AsyncSession, submission: Submission) -> int | None:
    """Queue the approval or rejection e-mail in the submitter's language; the outbox id, or None if none."""
    if not submission.submitter_email or submission.status == SubmissionStatus.pending.value:
        return None
    organisation = (await session.get(Organisation, submission.organisation_id)
                    if submission.organisation_id is not None else None)
    approved = submission.status == SubmissionStatus.approved.value
    settings = get_settings()
    link = (settings.absolute_url(f"/e/{organisation.slug}")
            if approved and organisation is not None else None)
    return await outbox.enqueue(
        session, to=submission.submitter_email, template="submission_decided", language=submission.language,
        context={"name": submission.submitter_name, "enterprise": _enterprise_name(submission, organisation),
                 "what": f"{submission.kind}_{'approved' if approved else 'rejected'}",
                 "reason": submission.decision_reason, "link": link, "id": submission.id,
                 "contact": settings.privacy_email},
        dedupe_key=f"submission:{submission.id}:{submission.status}")
