"""Inquiries as buyers send them and as enterprises and admins read them."""

import uuid
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints
from pydantic.config import JsonDict

from api.enterprises.models import Organisation
from api.inputs import Id
from api.inquiries.models import Inquiry, InquiryStatus
from api.mail.headers import SINGLE_LINE_PATTERN

# Names go into the e-mail's Subject: one line only (a CR/LF is a 422, never a header of its own).
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=200,
                                        pattern=SINGLE_LINE_PATTERN)]

EXAMPLE_CREATE: dict[str, Any] = {
    "enterprise_id": 42, "match_id": "6f1c8f8e-2b1a-4b7e-9c0e-3d8a4c1b2a10", "buyer_name": "Ioana Popescu",
    "buyer_organisation": "Primăria Iași", "buyer_email": "achizitii@example.org",
    "message": "We need lunch for 200 participants of a conference on 15 December. Can you quote?",
    "quantity": 200, "wanted_date": "2026-12-15",
}
EXAMPLE_ENTERPRISE: JsonDict = {"id": 42, "slug": "bucataria-solidara-iasi", "name": "Bucătăria Solidară Iași"}


class InquiryCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [EXAMPLE_CREATE]})

    enterprise_id: Id = Field(description="The enterprise to contact (from a match result or its profile).")
    match_id: uuid.UUID | None = Field(None, description="The match the buyer found the enterprise in.")
    buyer_name: Name
    buyer_organisation: Name | None = None
    buyer_email: EmailStr = Field(description="Where the enterprise replies; shown to the enterprise only.")
    message: Annotated[str, StringConstraints(strip_whitespace=True, min_length=10, max_length=5000)]
    quantity: Annotated[int, Field(ge=1, le=100_000_000)] | None = None
    wanted_date: date | None = None
    language: Literal["ro", "en", "uk", "ru"] | None = Field(
        None, description="The language of the page the buyer writes from; the e-mail is in the enterprise's "
                          "own language when it has one of ours, else in this one.")


class EnterpriseRef(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    slug: str
    name: str


class InquirySent(BaseModel):
    """What the buyer gets back: their inquiry, never the enterprise's e-mail address."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        **EXAMPLE_CREATE, "id": 7, "enterprise": EXAMPLE_ENTERPRISE, "status": "open", "emailed": True,
        "created_at": "2026-11-25T14:05:00Z"}]})

    id: int
    enterprise: EnterpriseRef
    match_id: uuid.UUID | None
    buyer_name: str
    buyer_organisation: str | None
    buyer_email: str
    message: str
    quantity: int | None
    wanted_date: date | None
    status: str
    emailed: bool = Field(description="True when an e-mail to the enterprise is queued; otherwise it sees "
                                      "the inquiry in its list only.")
    created_at: datetime


class InquiryOut(InquirySent):
    """An inquiry as the enterprise's members and admins read it."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        **EXAMPLE_CREATE, "id": 7, "enterprise": EXAMPLE_ENTERPRISE, "status": "replied", "emailed": True,
        "created_at": "2026-11-25T14:05:00Z", "updated_at": "2026-11-26T09:00:00Z", "version": 2}]})

    updated_at: datetime
    version: int

    @classmethod
    def of(cls, inquiry: Inquiry, enterprise: Organisation) -> "InquiryOut":
        """The inquiry with the enterprise's public identity; never the enterprise's e-mail address."""
        fields = {c.key: getattr(inquiry, c.key) for c in Inquiry.__table__.c if c.key != "organisation_id"}
        return cls.model_validate({**fields, "enterprise": EnterpriseRef.model_validate(enterprise)})


class InquiryPatch(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"status": "won"}]})

    status: InquiryStatus


class InquiryPage(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "items": [{**EXAMPLE_CREATE, "id": 7, "enterprise": EXAMPLE_ENTERPRISE, "status": "open", "emailed": True,
                   "created_at": "2026-11-25T14:05:00Z", "updated_at": "2026-11-25T14:05:00Z", "version": 1}],
        "limit": 50, "next_cursor": None}]})

    items: list[InquiryOut]
    limit: int
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null on the last.")


class EnterpriseCount(BaseModel):
    enterprise: EnterpriseRef
    inquiries: int
    won: int


class MonthCount(BaseModel):
    month: str = Field(description="YYYY-MM (UTC).")
    inquiries: int
    won: int


class InquiryStats(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "inquiries": 12, "won": 3,
        "by_enterprise": [{"enterprise": EXAMPLE_ENTERPRISE, "inquiries": 12, "won": 3}],
        "by_month": [{"month": "2026-11", "inquiries": 12, "won": 3}]}]})

    inquiries: int
    won: int
    by_enterprise: list[EnterpriseCount]
    by_month: list[MonthCount]
