"""HTTP for submissions: anyone proposes (/api/v1/submissions), staff moderate (/api/v1/admin/submissions)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, status

from api.auth.dependencies import StaffToken, is_admin
from api.db import SessionDep
from api.errors import problems
from api.http import require_json_body
from api.inputs import Id
from api.pagination import PageDep
from api.ratelimit import rate_limit
from api.submissions import service
from api.submissions.models import SubmissionStatus
from api.submissions.schemas import (
    Approval,
    Rejection,
    SubmissionCreate,
    SubmissionOut,
    SubmissionPage,
    SubmissionReceipt,
)

router = APIRouter(prefix="/api/v1", tags=["submissions"], dependencies=[Depends(require_json_body)])


@router.post("/submissions", response_model=SubmissionReceipt, status_code=status.HTTP_202_ACCEPTED,
             summary="Propose a new enterprise or a correction (reviewed before publication)",
             responses=problems(404),
             dependencies=[Depends(rate_limit("submissions"))])
async def create_submission(body: SubmissionCreate, session: SessionDep) -> SubmissionReceipt:
    """Anyone may propose; nothing is published until a moderator approves. Rate-limited per address."""
    await service.submit(session, body)
    return SubmissionReceipt()


@router.get("/admin/submissions", response_model=SubmissionPage, summary="The moderation queue")
async def list_submissions(session: SessionDep, token: StaffToken, page: PageDep,
                           status_: Annotated[list[SubmissionStatus],
                                              Query(alias="status", description="Default pending.")]
                           = []) -> SubmissionPage:  # noqa: B006
    queue = await service.list_submissions(session, status=[s.value for s in status_], page=page)
    admin = is_admin(token)
    items = [SubmissionOut.of(shown, admin=admin) for shown in await service.shown(session, queue.items)]
    return SubmissionPage(items=items, limit=queue.limit, next_cursor=queue.next_cursor)


@router.get("/admin/submissions/{submission_id}", response_model=SubmissionOut, summary="Get one submission")
async def get_submission(submission_id: Id, session: SessionDep, token: StaffToken) -> SubmissionOut:
    submission = await service.get_submission(session, submission_id)
    return SubmissionOut.of((await service.shown(session, [submission]))[0], admin=is_admin(token))


@router.post("/admin/submissions/{submission_id}/approve", response_model=SubmissionOut,
             summary="Approve: create or update the published organisation",
             responses={403: {"description": "The proposal changes contact or trust fields of an existing "
                                             "organisation (see `needs_admin`): only an admin may approve it."},
                        **problems(409)})
async def approve_submission(submission_id: Id, session: SessionDep, token: StaffToken,
                             body: Approval | None = None) -> SubmissionOut:
    """Applied with the approver's own rights under the write policy; nothing changes when it refuses. An
    optional body corrects the proposal first (the point, moved on the map preview)."""
    submission = await service.approve(session, submission_id, actor=token, corrections=body)
    return SubmissionOut.of((await service.shown(session, [submission]))[0], admin=is_admin(token))


@router.post("/admin/submissions/{submission_id}/reject", response_model=SubmissionOut,
             summary="Reject with a reason", responses=problems(409))
async def reject_submission(submission_id: Id, body: Rejection, session: SessionDep,
                            token: StaffToken) -> SubmissionOut:
    submission = await service.reject(session, submission_id, body.reason, actor=token)
    return SubmissionOut.of((await service.shown(session, [submission]))[0], admin=is_admin(token))
