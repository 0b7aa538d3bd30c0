"""Saved needs at the API's edge."""

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints

from api.matching.schemas import EXAMPLE_NEED, MatchNeed


class SavedNeedCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"email": "achizitii@example.org", "label": "Catering for our Iași office", "language": "ro",
         "need": EXAMPLE_NEED}]})

    email: EmailStr = Field(description="Private: used only for the confirmation and the notices.")
    label: Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=120)] = Field(
        description="How the e-mails name the need.")
    language: Literal["ro", "en", "uk", "ru"] = "en"
    need: MatchNeed = Field(description="The need as POST /api/v1/matches takes it; matched again daily.")


class SavedNeedReceipt(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "status": "pending", "detail": "A confirmation link has been sent; nothing more is sent until it is used."}]})

    status: Literal["pending"] = "pending"
    detail: str = "A confirmation link has been sent; nothing more is sent until it is used."


class SavedNeedConfirm(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"token": "x" * 43}]})

    token: Annotated[str, StringConstraints(min_length=20, max_length=100)] = Field(
        description="The token from the e-mailed link.")


class SavedNeedState(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "status": "active", "label": "Catering for our Iași office", "known_enterprises": 7,
        "detail": "Saved: you will be told when a new enterprise matches it."}]})

    status: Literal["active", "unsubscribed"]
    label: str | None
    known_enterprises: int = Field(description="Enterprises matching now; only new ones are notified.")
    detail: str
