"""HTTP for saved needs: save (double opt-in), confirm, stop."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, status

from api.db import SessionDep
from api.errors import problems
from api.http import require_json_body
from api.ratelimit import rate_limit
from api.saved_needs import service
from api.saved_needs.schemas import SavedNeedCreate, SavedNeedReceipt, SavedNeedState

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


@router.get("/confirm", response_model=SavedNeedState, summary="Confirm a saved need (link from the e-mail)",
            responses=problems(404, 410))
async def confirm_saved_need(token: TokenQuery, session: SessionDep) -> SavedNeedState:
    saved = await service.confirm(session, token)
    return SavedNeedState(status="active", label=saved.label, known_enterprises=len(saved.known_enterprise_ids),
                          detail="Saved: you will be told when a new enterprise matches it.")


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
