"""Claims at the API's edge."""

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints

from api.mail.headers import SINGLE_LINE_PATTERN

Token = Annotated[str, StringConstraints(strip_whitespace=True, min_length=20, max_length=100)]


class ClaimCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"claimant_name": "Ioana Popescu", "claimant_email": "ioana@example.org",
         "message": "I am the administrator of the bakery."}]})

    # Shown in the e-mail to the entry: one line (a CR/LF is a 422).
    claimant_name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=200,
                                                    pattern=SINGLE_LINE_PATTERN)]
    claimant_email: EmailStr = Field(description="Private: seen by admins only, never sent to the entry.")
    message: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] | None = None
    language: Literal["ro", "en", "uk", "ru"] | None = Field(
        None, description="The page's language: the e-mail to the entry uses it when the entry has none of ours.")


class ClaimReceipt(BaseModel):
    status: str = "received"
    route: str = Field(description="email: a one-time link went to the e-mail address on file for the entry "
                                   "(never shown); review: an administrator will verify the claim.")
    detail: str


class ClaimConfirm(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"token": "x" * 43}]})

    token: Token = Field(description="The token from the e-mailed link.")


class MemberAccess(BaseModel):
    claim_id: int | None = None
    organisation_id: int
    slug: str
    token: str = Field(description="A member token for the organisation: shown this once, store it now.")
    token_id: int


class ClaimTransfer(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"holder_name": "Ioana Popescu", "reason": "The association's new director; the old mailbox is gone."}]})

    holder_name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=200)]
    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=2000)]


class TransferredAccess(MemberAccess):
    revoked_token_ids: list[int] = Field(description="The organisation's member tokens this transfer revoked.")


class ClaimOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    organisation_id: int
    claimant_name: str
    claimant_email: str
    message: str | None
    route: str
    status: str
    created_at: datetime
    decided_at: datetime | None
    decision_reason: str | None
    organisation_name: str | None = Field(None, description="In the admins' queue: the claimed organisation's name.")
    organisation_slug: str | None = Field(None, description="In the admins' queue: its slug, for its page.")


class ClaimPage(BaseModel):
    items: list[ClaimOut]
    limit: int
    next_cursor: str | None


class ClaimRejection(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"reason": "Not the organisation."}]})

    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=2000)]
