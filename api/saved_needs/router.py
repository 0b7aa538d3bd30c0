"""HTTP for saved needs: save (double opt-in), confirm, stop."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, status

from api.db import SessionDep
from api.errors import problems
from api.http import require_json_body
from api.ratelimit import rate_limit
from api.saved_needs import service
from api.saved_needs.schemas import SavedNeedConfirm, SavedNeedCreate, SavedNeedReceipt, SavedNeedState

router = APIRouter(prefix="/api/v1/saved-needs", tags=["saved needs"])
TokenQuery = Annotated[str, Query(min_length=20, max_length=100, description="The token from the e-mailed link.")]


@router.post("", response_model=SavedNeedReceipt, status_code=status.HTTP_202_ACCEPTED,
             summary="Save a need: be told when a new enterprise matches it (double opt-in)",
             dependencies=[Depends(require_json_body), Depends(rate_limit("submissions"))],
             responses=problems(422))
async def create_saved_need(body: SavedNeedCreate, request: Request, session: SessionDep) -> SavedNeedReceipt:
    """The need is checked (a town that does not resolve is a 422), then a confirmation link is e-mailed."""
    await service.save(session, body, base_url=request.app.state.settings.base_url)
    return SavedNeedReceipt()


async def _confirm(token: str, session: SessionDep) -> SavedNeedState:
    saved = await service.confirm(session, token)
    return SavedNeedState(status="active", label=saved.label, known_enterprises=len(saved.known_enterprise_ids),
                          detail="Saved: you will be told when a new enterprise matches it.")


@router.post("/confirm", response_model=SavedNeedState, summary="Confirm a saved need",
             dependencies=[Depends(require_json_body)], responses=problems(404, 410, 422))
async def confirm_saved_need(body: SavedNeedConfirm, session: SessionDep) -> SavedNeedState:
    """What the e-mailed link's page (/saved-needs/confirm?token=…) sends when the buyer presses Confirm:
    opening the link spends nothing, so a mail scanner that follows it does not confirm the need."""
    return await _confirm(body.token, session)


@router.get("/confirm", response_model=SavedNeedState, summary="Confirm a saved need by link (earlier e-mails)",
            responses=problems(404, 410))
async def confirm_saved_need_by_link(token: TokenQuery, session: SessionDep) -> SavedNeedState:
    """Links e-mailed before the confirmation page existed point here; new e-mails link to the page."""
    return await _confirm(token, session)


async def _stop(token: str, session: SessionDep) -> SavedNeedState:
    saved = await service.stop(session, token)
    return SavedNeedState(status="unsubscribed", label=saved.label, known_enterprises=len(saved.known_enterprise_ids),
                          detail="Stopped: no more e-mails about this need.")


@router.get("/stop", response_model=SavedNeedState, summary="Stop the notices of a saved need (the e-mail's link)",
            responses=problems(404, 410))
async def stop_saved_need(token: TokenQuery, session: SessionDep) -> SavedNeedState:
    return await _stop(token, session)


@router.post("/stop", response_model=SavedNeedState, summary="Stop the notices with one click (RFC 8058)",
             responses=problems(404, 410))
async def stop_saved_need_one_click(token: TokenQuery, session: SessionDep) -> SavedNeedState:
    """The notice's List-Unsubscribe URL; mail clients POST `List-Unsubscribe=One-Click` to it."""
    return await _stop(token, session)
