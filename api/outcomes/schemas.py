"""Inquiry outcomes and the social spend at the API's edge."""

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from api.outcomes.models import Outcome

Currency = Literal["EUR", "RON", "MDL", "UAH"]


class OutcomeIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"outcome": "won", "value": "12500.00", "currency": "RON", "note": "Catering for 6 months"},
        {"outcome": "quoted"}, {"outcome": "declined", "note": "Fully booked in December"}]})

    outcome: Outcome = Field(description="quoted (an offer was sent), won (a contract), declined (by either side).")
    value: Annotated[Decimal, Field(gt=0, max_digits=14, decimal_places=2)] | None = Field(
        None, description="Won only: the contract's value.")
    currency: Currency | None = Field(None, description="Won only: the value's currency.")
    note: Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)] | None = None

    @model_validator(mode="after")
    def value_only_when_won(self) -> "OutcomeIn":
        won = self.outcome is Outcome.won
        if won and (self.value is None or self.currency is None):
            raise ValueError("a won inquiry needs the contract's value and currency")
        if not won and (self.value is not None or self.currency is not None):
            raise ValueError("only a won inquiry has a value and currency")
        return self


class OutcomeOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "inquiry_id": 7, "outcome": "won", "value": "12500.00", "currency": "RON", "note": "Catering for 6 months",
        "recorded_at": "2026-12-01T10:00:00Z"}]})

    inquiry_id: int
    outcome: Outcome
    value: Decimal | None
    currency: Currency | None
    note: str | None
    recorded_at: datetime


class SpendByCurrency(BaseModel):
    currency: Currency
    value: Decimal = Field(description="Sum of won contracts in this currency (not converted).")
    contracts: int


class SocialSpend(BaseModel):
    """What inquiries through the platform came to, as the enterprises recorded it."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "quoted": 4, "won": 2, "declined": 1,
        "by_currency": [{"currency": "RON", "value": "18500.00", "contracts": 2}]}]})

    quoted: int
    won: int
    declined: int
    by_currency: list[SpendByCurrency]
