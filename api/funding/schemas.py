"""Funding calls at the API's edge."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from api.enterprises.models import OrganisationKind
from api.enterprises.schemas import Country, ImpactAreas
from api.funding.models import FundingKind, FundingStatus

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=300)]
Summary = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=4000)]
SectorPrefix = Annotated[str, StringConstraints(pattern=r"^\d{2}(\.\d{1,2})?$")]
Amount = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)]
Headcount = Annotated[int, Field(ge=0, le=1_000_000)]
Currency = Literal["EUR", "RON", "MDL", "UAH"]

EXAMPLE_CALL: dict[str, Any] = {
    "title": "Microcredite pentru întreprinderi sociale", "funder": "AFIN IFN", "kind": "loan",
    "summary": "Loans of up to EUR 25,000 for social enterprises with at least one year of activity.",
    "url": "https://example.org/afin-microcredit", "opens_on": "2026-11-01", "deadline": "2027-03-31",
    "amount_min": "2000.00", "amount_max": "25000.00", "currency": "EUR", "countries": ["RO"],
    "kinds": ["social_enterprise"], "sectors": [], "impact_areas": ["work_integration"],
    "min_employees": 1, "max_employees": 249, "status": "published"}


class FundingCallFields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Text | None = None
    funder: Text | None = None
    kind: FundingKind | None = None
    summary: Summary | None = None
    url: AnyHttpUrl | None = Field(None, description="The funder's own page about the call.")
    opens_on: date | None = None
    deadline: date | None = Field(None, description="Last day to apply; none = rolling.")
    amount_min: Amount | None = None
    amount_max: Amount | None = None
    currency: Currency | None = None
    countries: list[Country] | None = Field(None, description="Eligible countries; empty = any.")
    kinds: list[OrganisationKind] | None = Field(None, description="Eligible kinds of organisation; empty = any.")
    sectors: list[SectorPrefix] | None = Field(None, max_length=50, description="NACE divisions or classes "
                                               "(\"88\", \"88.10\"); empty = any.")
    impact_areas: ImpactAreas | None = Field(None, description="The organisation needs one of them; empty = any.")
    min_employees: Headcount | None = None
    max_employees: Headcount | None = None
    status: FundingStatus | None = Field(None, description="draft (staff only), published, archived.")

    @model_validator(mode="after")
    def ranges_ordered(self) -> "FundingCallFields":
        if self.amount_min is not None and self.amount_max is not None and self.amount_max < self.amount_min:
            raise ValueError("amount_max must not be below amount_min")
        if self.min_employees is not None and self.max_employees is not None \
                and self.max_employees < self.min_employees:
            raise ValueError("max_employees must not be below min_employees")
        if self.opens_on is not None and self.deadline is not None and self.deadline < self.opens_on:
            raise ValueError("deadline must not be before opens_on")
        return self


class FundingCallCreate(FundingCallFields):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [EXAMPLE_CALL]})

    title: Text
    funder: Text
    kind: FundingKind
    summary: Summary


class FundingCallPatch(FundingCallFields):
    """Any field of the call; send If-Match with the ETag of your last read."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"deadline": "2027-04-30"},
                                                                              {"status": "archived"}]})


EXAMPLE_CALL_OUT = {"id": 3, **EXAMPLE_CALL, "open": True, "created_at": "2026-11-01T09:00:00Z",
                    "updated_at": "2026-11-01T09:00:00Z", "version": 1}


class FundingCallOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [EXAMPLE_CALL_OUT]})

    id: int
    title: str
    funder: str
    kind: FundingKind
    summary: str
    url: str | None
    opens_on: date | None
    deadline: date | None
    amount_min: Decimal | None
    amount_max: Decimal | None
    currency: str | None
    countries: list[str]
    kinds: list[str]
    sectors: list[str]
    impact_areas: list[str]
    min_employees: int | None
    max_employees: int | None
    status: FundingStatus
    open: bool = Field(description="Published and its deadline not passed.")
    created_at: datetime
    updated_at: datetime
    version: int


class FundingCallPage(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [
        {"items": [EXAMPLE_CALL_OUT], "limit": 50, "next_cursor": None}]})

    items: list[FundingCallOut]
    limit: int
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null on the last.")
