"""HTTP for webhooks: an integration token manages its subscriptions and reads their deliveries."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response, status

from api.auth.dependencies import require_role
from api.auth.models import ApiToken, Role
from api.db import SessionDep
from api.entity import etag_of
from api.http import IfMatch, require_json_body
from api.inputs import Id
from api.pagination import Cursor, PageParams
from api.webhooks import service
from api.webhooks.models import WebhookSubscription
from api.webhooks.schemas import (
    DeliveryPage,
    SubscriptionCreate,
    SubscriptionCreated,
    SubscriptionOut,
    SubscriptionPatch,
)

IntegrationToken = Annotated[ApiToken, Depends(require_role(Role.integration))]
router = APIRouter(prefix="/api/v1/webhooks", tags=["webhooks"], dependencies=[Depends(require_json_body)])
SIGNING = ("Each delivery is a POST of JSON `{id, event, occurred_at, data}` with the headers `Semap-Event`, "
           "`Semap-Delivery` (its id; a delivery may arrive twice) and `Semap-Signature: t=<unix seconds>,"
           "v1=<hex HMAC-SHA256 of \"<t>.<body>\" with the subscription's secret>`. Answer 2xx within 10 s; "
           "anything else is retried with exponential backoff, and a subscription whose deliveries keep failing "
           "is disabled. Events: enterprise.published, enterprise.updated, enterprise.archived, inquiry.answered "
           "(only to the token that sent the inquiry), tender_lot.matched (declared for a future tender domain).")


def _out(subscription: WebhookSubscription) -> SubscriptionOut:
    return SubscriptionOut.model_validate(subscription, from_attributes=True)


@router.post("", response_model=SubscriptionCreated, status_code=status.HTTP_201_CREATED,
             summary="Subscribe to events (integration tokens)", description=SIGNING)
async def create_webhook(body: SubscriptionCreate, request: Request, session: SessionDep, token: IntegrationToken,
                         response: Response) -> SubscriptionCreated:
    """The secret that signs the deliveries is in the answer, this once."""
    subscription = await service.create(session, body, token=token, settings=request.app.state.settings)
    response.headers["ETag"] = etag_of(subscription)
    response.headers["Location"] = f"/api/v1/webhooks/{subscription.id}"
    return SubscriptionCreated(**_out(subscription).model_dump(), secret=subscription.secret)


@router.get("", response_model=list[SubscriptionOut], summary="List your webhook subscriptions")
async def list_webhooks(session: SessionDep, token: IntegrationToken) -> list[SubscriptionOut]:
    """Each with whether it is active, its failures in a row, why it was disabled and its last status."""
    return [_out(s) for s in await service.list_own(session, token)]


@router.get("/{subscription_id}", response_model=SubscriptionOut, summary="Get one webhook subscription")
async def get_webhook(subscription_id: Id, session: SessionDep, token: IntegrationToken,
                      response: Response) -> SubscriptionOut:
    subscription = await service.get_own(session, token, subscription_id)
    response.headers["ETag"] = etag_of(subscription)
    return _out(subscription)


@router.patch("/{subscription_id}", response_model=SubscriptionOut,
              summary="Change or re-enable a webhook subscription (needs If-Match)")
async def update_webhook(subscription_id: Id, body: SubscriptionPatch, if_match: IfMatch, request: Request,
                         session: SessionDep, token: IntegrationToken, response: Response) -> SubscriptionOut:
    """`{"active": true}` re-enables a subscription disabled after failures; its waiting deliveries resume."""
    subscription = await service.update(session, token, subscription_id, body, expected_etag=if_match,
                                        settings=request.app.state.settings)
    response.headers["ETag"] = etag_of(subscription)
    return _out(subscription)


@router.delete("/{subscription_id}", status_code=status.HTTP_204_NO_CONTENT, response_class=Response,
               summary="Delete a webhook subscription and its deliveries")
async def delete_webhook(subscription_id: Id, session: SessionDep, token: IntegrationToken) -> Response:
    await service.delete(session, token, subscription_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/{subscription_id}/deliveries", response_model=DeliveryPage,
            summary="List a subscription's deliveries with their last status")
async def list_webhook_deliveries(
    subscription_id: Id, session: SessionDep, token: IntegrationToken,
    limit: Annotated[int, Query(ge=1, le=100, description="Page size, at most 100.")] = 20, cursor: Cursor = None,
) -> DeliveryPage:
    """Newest first: pending (with the next attempt's time), delivered or failed, the last HTTP status and error."""
    found = await service.deliveries(session, token, subscription_id, PageParams(limit=limit, cursor=cursor))
    return DeliveryPage.model_validate(found, from_attributes=True)
