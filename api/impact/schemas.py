"""Yearly impact reports and their series, at the API's edge."""

from datetime import UTC, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, computed_field, model_validator
from pydantic.config import JsonDict

from api.entity import etag_of
from api.impact.models import ReportStatus
from api.taxonomies import catalog

Count = Annotated[int, Field(ge=0, le=10_000_000)]
Money = Annotated[Decimal, Field(ge=0, le=Decimal("999999999999.99"), decimal_places=2)]
Tonnes = Annotated[Decimal, Field(ge=0, le=Decimal("10000000"), decimal_places=2)]
EXAMPLE_FIGURES: JsonDict = {
    "employees_total": 12, "employees_vulnerable": 7,
    "vulnerable_by_group": {"people_with_disabilities": 4, "long_term_unemployed": 3},
    "beneficiaries": 140, "turnover_eur": "182000.00", "public_contracts_won": 3,
    "public_contracts_eur": "41000.00", "environment": {"waste_diverted_t": "12.50"},
}


class Environment(BaseModel):
    """Optional environmental figures of the year."""

    model_config = ConfigDict(extra="forbid")

    waste_diverted_t: Tonnes | None = Field(None, description="Waste kept from landfill (reused, recycled), tonnes.")
    co2_avoided_t: Tonnes | None = Field(None, description="CO2-equivalent emissions avoided, tonnes.")
    energy_renewable_mwh: Tonnes | None = Field(None, description="Renewable energy produced or bought, MWh.")


class ImpactFigures(BaseModel):
    """One year's figures; leave out what does not apply (no turnover for a town hall)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [EXAMPLE_FIGURES]})

    employees_total: Count | None = None
    employees_vulnerable: Count | None = Field(None, description="Employees from vulnerable groups.")
    vulnerable_by_group: dict[str, Count] = Field(default_factory=dict, description=(
        "Employees per group (codes of GET /api/v1/taxonomies/beneficiaries); one person may be in several."))
    beneficiaries: Count | None = Field(None, description="People served or supported in the year.")
    turnover_eur: Money | None = None
    public_contracts_won: Count | None = None
    public_contracts_eur: Money | None = Field(None, description="The value of the public contracts won.")
    environment: Environment = Field(default_factory=Environment)

    @model_validator(mode="after")
    def consistent(self) -> "ImpactFigures":
        unknown = sorted(set(self.vulnerable_by_group) - set(catalog.codes("beneficiaries")))
        if unknown:
            raise ValueError(f"vulnerable_by_group: unknown group(s) {', '.join(unknown)}")
        if self.employees_total is not None and self.employees_vulnerable is not None \
                and self.employees_vulnerable > self.employees_total:
            raise ValueError("employees_vulnerable cannot exceed employees_total")
        ceiling = self.employees_vulnerable if self.employees_vulnerable is not None else self.employees_total
        if ceiling is not None and any(n > ceiling for n in self.vulnerable_by_group.values()):
            raise ValueError("a group in vulnerable_by_group cannot have more employees than the vulnerable total")
        if self.public_contracts_eur and not self.public_contracts_won:
            raise ValueError("public_contracts_eur needs public_contracts_won")
        return self


def current_year() -> int:
    return datetime.now(UTC).year


class ImpactReportOut(ImpactFigures):
    model_config = ConfigDict(from_attributes=True, extra="ignore")

    id: int
    organisation_id: int
    year: int
    status: ReportStatus = Field(description="submitted (by the organisation) or verified (by staff).")
    verified_at: datetime | None
    updated_at: datetime
    version: int

    @computed_field(description="The report's ETag, as its PUT and verify answers send it in the header: a row "
                                "of a list has no header of its own, and clients send this as If-Match.")
    def etag(self) -> str:
        return etag_of(self)


class EnterpriseRef(BaseModel):
    """An organisation's public identity."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    slug: str
    name: str


class EnterpriseImpact(BaseModel):
    enterprise: EnterpriseRef
    reports: list[ImpactReportOut] = Field(description="Oldest year first. The public sees verified reports; "
                                                       "the organisation and staff see submitted ones too.")


class YearTotals(BaseModel):
    """A year's sums over the members whose membership covered the year and whose report is verified."""

    year: int
    organisations: int = Field(description="Member organisations with a verified report for the year.")
    employees_total: int
    employees_vulnerable: int
    vulnerable_by_group: dict[str, int]
    beneficiaries: int
    turnover_eur: Decimal
    public_contracts_won: int
    public_contracts_eur: Decimal
    waste_diverted_t: Decimal
    co2_avoided_t: Decimal


class ClusterImpact(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"cluster": "accelerator-of-social-enterprises",
        "years": [{"year": 2024, "organisations": 42, "employees_total": 300, "employees_vulnerable": 160,
                   "vulnerable_by_group": {"roma": 30}, "beneficiaries": 5200, "turnover_eur": "2800000.00",
                   "public_contracts_won": 18, "public_contracts_eur": "410000.00",
                   "waste_diverted_t": "40.00", "co2_avoided_t": "12.00"}]}]})

    cluster: str
    years: list[YearTotals] = Field(description="One entry per year with reports, oldest first.")


class ImpactQueueItem(ImpactReportOut):
    enterprise: EnterpriseRef


class ImpactQueue(BaseModel):
    items: list[ImpactQueueItem]
