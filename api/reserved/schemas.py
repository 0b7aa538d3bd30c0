"""Reserved-contract rules and evidence as the API shows and takes them."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, computed_field, model_validator

from api.reserved.rules import BASES

LegalBasisCode = Literal["ro_protected_unit", "ro_social_insertion"]
assert set(LegalBasisCode.__args__) == set(BASES)  # type: ignore[attr-defined]
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=200, pattern=r"^[^\r\n]*$")]


class LegalBasisOut(BaseModel):
    code: str
    law: str
    supplier_countries: list[str] = Field(description="Where the authorisation or attestation can come from.")
    min_share_pct: Decimal = Field(description="Minimum share of disabled or disadvantaged employees.")
    title: dict[str, str] = Field(description="Title in ro, en, uk and ru.")


class CountryRuleOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "country": "MD", "status": "unconfirmed", "law": "Law 131/2015 on public procurement",
        "note": "We could not confirm a reserved-contracts rule in the law in force; none is applied.", "bases": []}]})

    country: str = Field(description="The BUYER's country: its law decides who may bid for its reserved contracts.")
    status: Literal["modelled", "unconfirmed", "none_found"]
    law: str
    note: str
    bases: list[LegalBasisOut]


EXAMPLE_EVIDENCE: dict[str, Any] = {"legal_basis": "ro_social_insertion", "share_disadvantaged_pct": "42.5",
                    "attestation_number": "MS-219/1234", "issuer": "Agenția Județeană pentru Ocuparea Forței de "
                    "Muncă Iași", "issued_on": "2024-06-30", "expires_on": "2029-06-30"}


class EvidenceCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [EXAMPLE_EVIDENCE]})

    legal_basis: LegalBasisCode
    share_disadvantaged_pct: Annotated[Decimal, Field(ge=0, le=100, decimal_places=2)] = Field(
        description="Disabled or disadvantaged employees, % of all employees.")
    attestation_number: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
    issuer: Line
    issued_on: date | None = None
    expires_on: date

    @model_validator(mode="after")
    def expires_after_issue(self) -> "EvidenceCreate":
        if self.issued_on is not None and self.expires_on <= self.issued_on:
            raise ValueError("expires_on must be after issued_on")
        return self


class EvidenceDecision(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"status": "verified", "note": "Checked against the register of social enterprises."}]})

    status: Literal["verified", "rejected"]
    note: Annotated[str, StringConstraints(strip_whitespace=True, max_length=1000)] | None = None


class EvidenceOut(BaseModel):
    model_config = ConfigDict(from_attributes=True, json_schema_extra={"examples": [
        {**EXAMPLE_EVIDENCE, "id": 3, "organisation_id": 42, "status": "verified", "decision_note": None,
         "verified_at": "2026-11-30T10:00:00Z", "in_force": True, "version": 2}]})

    id: int
    organisation_id: int
    legal_basis: str
    share_disadvantaged_pct: Decimal
    attestation_number: str
    issuer: str
    issued_on: date | None
    expires_on: date
    status: str = Field(description="proposed (by the organisation), verified or rejected (by an admin).")
    decision_note: str | None
    verified_at: datetime | None
    in_force: bool = Field(description="Verified and not expired today: the match counts it.")
    version: int

    @computed_field(description="The evidence's ETag: a row of a list has no header of its own, and a decision "
                                "sends this as If-Match.")
    def etag(self) -> str:
        return f'"{self.id}.{self.version}"'


class EvidenceEnterprise(BaseModel):
    id: int
    name: str
    country: str


class EvidenceQueueItem(EvidenceOut):
    model_config = ConfigDict(json_schema_extra={"examples": [
        {**EXAMPLE_EVIDENCE, "id": 3, "organisation_id": 42, "status": "proposed", "decision_note": None,
         "verified_at": None, "in_force": False, "version": 1,
         "enterprise": {"id": 42, "name": "Bucătăria Solidară Iași", "country": "RO"}}]})

    enterprise: EvidenceEnterprise
