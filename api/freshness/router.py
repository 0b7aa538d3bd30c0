"""HTTP for freshness: answering a reminder, and the admins' list of stale entries."""

from fastapi import APIRouter, Depends

from api.auth.dependencies import StaffToken
from api.db import SessionDep
from api.errors import problems
from api.freshness import service
from api.freshness.schemas import FreshnessAnswer, FreshnessConfirmed, StalePage
from api.http import require_json_body
from api.pagination import PageDep

router = APIRouter(prefix="/api/v1", tags=["freshness"], dependencies=[Depends(require_json_body)])


@router.post("/freshness/confirm", response_model=FreshnessConfirmed, responses=problems(404, 410),
             summary="Answer a reminder: the entry is current, or get access to update it")
async def confirm_freshness(body: FreshnessAnswer, session: SessionDep) -> FreshnessConfirmed:
    """With the token of the reminder's link (works once, 60 days). Clears the stale flag."""
    confirmed = await service.answer(session, body.token, update=body.action == "update")
    return FreshnessConfirmed.model_validate(confirmed, from_attributes=True)


@router.get("/admin/stale", response_model=StalePage, summary="Entries silent for 18 months (kept, flagged)")
async def list_stale_enterprises(session: SessionDep, _: StaffToken, page: PageDep) -> StalePage:
    return StalePage.model_validate(await service.list_stale(session, page), from_attributes=True)
