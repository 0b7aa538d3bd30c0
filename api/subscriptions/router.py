"""HTTP for subscriptions: subscribe (double opt-in), confirm, one-click unsubscribe."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, status

from api.db import SessionDep
from api.errors import problems
from api.http import require_json_body
from api.ratelimit import rate_limit
from api.subscriptions import service
from api.subscriptions.schemas import SubscriptionCreate, SubscriptionReceipt, SubscriptionState

# No router-wide JSON rule: RFC 8058's one-click unsubscribe POSTs a form body.
router = APIRouter(prefix="/api/v1/subscriptions", tags=["subscriptions"])
TokenQuery = Annotated[str, Query(min_length=20, max_length=100, description="The token from the e-mailed link.")]


@router.post("", response_model=SubscriptionReceipt, status_code=status.HTTP_202_ACCEPTED,
             summary="Subscribe to new and updated enterprises in an area (double opt-in)",
             dependencies=[Depends(require_json_body), Depends(rate_limit("submissions"))])
async def create_subscription(body: SubscriptionCreate, request: Request, session: SessionDep) -> SubscriptionReceipt:
    """A confirmation link goes to the e-mail address; nothing is sent until it is used."""
    await service.subscribe(session, body, base_url=request.app.state.settings.base_url)
    return SubscriptionReceipt()


@router.get("/confirm", response_model=SubscriptionState, summary="Confirm a subscription (link from the e-mail)",
            responses=problems(404, 410))
async def confirm_subscription(token: TokenQuery, session: SessionDep) -> SubscriptionState:
    await service.confirm(session, token)
    return SubscriptionState(status="active", detail="Subscribed: the first digest lists what changes from now on.")


UNSUBSCRIBED = SubscriptionState(status="unsubscribed", detail="Unsubscribed: no more digests will be sent.")


@router.get("/unsubscribe", response_model=SubscriptionState, summary="Unsubscribe (the digest's link)",
            responses=problems(404, 410))
async def unsubscribe_subscription(token: TokenQuery, session: SessionDep) -> SubscriptionState:
    await service.unsubscribe(session, token)
    return UNSUBSCRIBED


@router.post("/unsubscribe", response_model=SubscriptionState, summary="Unsubscribe with one click (RFC 8058)",
             responses=problems(404, 410))
async def unsubscribe_subscription_one_click(token: TokenQuery, session: SessionDep) -> SubscriptionState:
    """The digest's List-Unsubscribe URL; mail clients POST the form body `List-Unsubscribe=One-Click` to it."""
    await service.unsubscribe(session, token)
    return UNSUBSCRIBED
