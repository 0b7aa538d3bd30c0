"""Webhook subscriptions and deliveries at the API's edge."""

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from api.webhooks.models import DeliveryStatus, WebhookEvent

EXAMPLE_URL = "https://procurement.example.org/hooks/semap"


class SubscriptionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "url": EXAMPLE_URL, "events": ["enterprise.published", "enterprise.updated"]}]})

    url: str = Field(max_length=2000, description="HTTPS address the deliveries are POSTed to.")
    events: list[WebhookEvent] = Field(min_length=1, max_length=len(WebhookEvent))


class SubscriptionPatch(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"active": True}]})

    url: str | None = Field(default=None, max_length=2000)
    events: list[WebhookEvent] | None = Field(default=None, min_length=1, max_length=len(WebhookEvent))
    active: bool | None = Field(default=None, description="true re-enables a subscription disabled after failures.")


class SubscriptionOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "id": 3, "url": EXAMPLE_URL, "events": ["enterprise.published"], "active": True, "failure_count": 0,
        "disabled_reason": None, "last_status": "200", "last_attempt_at": "2026-12-05T09:00:00Z",
        "created_at": "2026-12-01T10:00:00Z"}]})

    id: int
    url: str
    events: list[str]
    active: bool
    failure_count: int
    disabled_reason: str | None
    last_status: str | None
    last_attempt_at: datetime | None
    created_at: datetime


class SubscriptionCreated(SubscriptionOut):
    secret: str = Field(description="The signing key, shown this once: keep it to verify deliveries.")


class DeliveryOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "id": 41, "event": "enterprise.updated", "status": "pending", "attempts": 2,
        "next_attempt_at": "2026-12-05T09:02:00Z", "last_status_code": 503, "last_error": "HTTP 503",
        "created_at": "2026-12-05T09:00:00Z", "delivered_at": None,
        "payload": {"event": "enterprise.updated", "data": {"id": 17, "slug": "brutaria-bunatatii"}}}]})

    id: int
    event: str
    status: DeliveryStatus
    attempts: int
    next_attempt_at: datetime
    last_status_code: int | None
    last_error: str | None
    created_at: datetime
    delivered_at: datetime | None
    payload: dict[str, Any]


class DeliveryPage(BaseModel):
    items: list[DeliveryOut]
    limit: int
    next_cursor: str | None = Field(description="Pass as `cursor` for older deliveries; null at the end.")
