"""The enterprise directory's request and response bodies."""

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    HttpUrl,
    StringConstraints,
    model_validator,
)
from pydantic_core import PydanticCustomError

from api.duplicates.schemas import DuplicateCandidate
from api.enterprises import opening_hours
from api.enterprises.models import COUNTRIES, DeliveryMode, OperatingStatus, OrganisationKind, OrganisationStatus
from api.geo.geojson import LandPoint, point_json
from api.mail.headers import SINGLE_LINE_PATTERN
from api.taxonomies import catalog

# Personal data: shown to staff and to the organisation's own members only (others see null).
PRIVATE_FIELDS = ("email", "contact_person")

Country = Literal["RO", "MD", "UA"]
assert set(Country.__args__) == set(COUNTRIES)  # type: ignore[attr-defined]

LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=120)]
# Names go into e-mail subjects (claims, reminders): one line only (a CR/LF is a 422).
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=200,
                                        pattern=SINGLE_LINE_PATTERN)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)]
NaceCode = Annotated[str, StringConstraints(pattern=r"^\d{2}(\.\d{1,2})?$")]
def _cpv(value: str) -> str:
    try:
        return catalog.parse_cpv(value)
    except catalog.CpvError as exc:  # a stable type and values, so that a client words it in its language
        raise PydanticCustomError(exc.kind, str(exc), exc.ctx) from exc


CpvCode = Annotated[str, AfterValidator(_cpv),
                    Field(description="A CPV 2008 code: 8 digits, optionally with its check digit (55520000-1); "
                                      "answered as 8 digits.", examples=["55520000-1", "15810000"])]

# Field types shared by the create and patch bodies, so their limits cannot drift apart.
RegistrationCode = Annotated[str, StringConstraints(strip_whitespace=True, max_length=40)]
Phone = Annotated[str, StringConstraints(pattern=r"^\+?[0-9 ()./-]{6,30}$")]
FoundedYear = Annotated[int, Field(ge=1800, le=2100)]
Headcount = Annotated[int, Field(ge=0, le=1_000_000)]
TurnoverEur = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)]
ServiceRadiusKm = Annotated[Decimal, Field(gt=0, le=5000, decimal_places=1)]
LongText = Annotated[str, StringConstraints(max_length=5000)]
LeadTimeDays = Annotated[int, Field(ge=0, le=3650)]
Quantity = Annotated[int, Field(ge=0, le=2_147_483_647)]  # an integer column
def _known_unit(unit: str) -> str:
    if unit not in catalog.codes("units"):
        raise PydanticCustomError("unit_unknown", "unknown unit '{unit}'; see GET /api/v1/taxonomies/units",
                                  {"unit": unit})
    return unit


QuantityUnit = Annotated[str, AfterValidator(_known_unit),
                         Field(description="A unit of GET /api/v1/taxonomies/units.", examples=["meals"])]
DeliveryRadiusKm = Annotated[Decimal, Field(gt=0, le=5000, decimal_places=1)]
PriceEur = Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2)]

def _known(list_name: str) -> AfterValidator:
    def check(values: list[str]) -> list[str]:
        unknown = catalog.unknown(list_name, values)
        if unknown:
            raise ValueError(f"unknown {list_name} code(s): {', '.join(unknown)}; "
                             f"see GET /api/v1/taxonomies/{list_name}")
        return list(dict.fromkeys(values))  # de-duplicated, order kept

    return AfterValidator(check)


ImpactAreas = Annotated[list[str], _known("impacts")]
BeneficiaryGroups = Annotated[list[str], _known("beneficiaries")]
Certifications = Annotated[list[str], _known("certifications")]
Sectors = Annotated[list[NaceCode], _known("nace")]
CpvCodes = Annotated[list[CpvCode], AfterValidator(lambda codes: list(dict.fromkeys(codes)))]
OpeningHours = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500),
                         AfterValidator(opening_hours.validate),
                         Field(description="OpenStreetMap opening_hours syntax.",
                               examples=["Mo-Fr 09:00-17:00; PH off"])]
Descriptions = Annotated[dict[LanguageCode, LongText],
                         Field(description="Description per language (ISO 639-1 code → text).")]

EXAMPLE_ENTERPRISE: dict[str, Any] = {
    "kind": "social_enterprise", "name": "Brutăria Bunătății", "country": "RO",
    "locality": "Cluj-Napoca", "location": {"type": "Point", "coordinates": [23.6236, 46.7712]},
    "legal_form": "SRL", "registration_code": "RO12345678", "languages": ["ro", "en"],
    "description": {"ro": "Brutărie care angajează tineri care părăsesc sistemul de protecție.",
                    "en": "A bakery that employs young care leavers."},
    "founded_year": 2016, "employees_total": 9, "employees_vulnerable": 5,
    "annual_turnover_eur": "120000.00", "impact_areas": ["work_integration"],
    "sectors": ["10.71"], "certifications": ["ro_social_insertion_mark"], "service_radius_km": 40,
    "opening_hours": "Mo-Fr 08:00-18:00; Sa 09:00-13:00; PH off",
}


OPERATING_STATUS_DESCRIPTION = ("active: works where the entry places it; relocated: moved elsewhere (war, "
                                "occupation) while the entry keeps the place it left; suspended: stopped for now.")
RESERVED_DESCRIPTION = ("Eligible for reserved public contracts: true while reserved-contract evidence that staff "
                        "verified is in force (see /api/v1/enterprises/{key}/reserved-eligibilities). Read-only: "
                        "a write that changes it is refused with 403.")


class EnterpriseFields(BaseModel):
    """Fields that a create sets and a patch may change."""

    model_config = ConfigDict(extra="forbid")

    legal_form: ShortText | None = None
    registration_code: RegistrationCode | None = None
    locality: ShortText | None = None
    address: ShortText | None = None
    email: EmailStr | None = None
    phone: Phone | None = None
    website: HttpUrl | None = None
    contact_person: ShortText | None = Field(None, description="Personal data: shown to admins only.")
    languages: list[LanguageCode] = Field(default_factory=list, max_length=10)
    description: Descriptions = Field(default_factory=dict)
    founded_year: FoundedYear | None = None
    employees_total: Headcount = 0
    employees_vulnerable: Headcount = 0
    annual_turnover_eur: TurnoverEur | None = None
    impact_areas: ImpactAreas = Field(default_factory=list)
    beneficiary_groups: BeneficiaryGroups = Field(default_factory=list)
    sectors: Sectors = Field(default_factory=list, description="NACE Rev.2 codes, e.g. 56.21.")
    certifications: Certifications = Field(default_factory=list)
    service_radius_km: ServiceRadiusKm | None = None
    service_countries: list[Country] = Field(default_factory=list)
    reserved_contract_eligible: bool = Field(False, description=RESERVED_DESCRIPTION)
    verified: bool = False
    opening_hours: OpeningHours | None = None
    operating_status: OperatingStatus = Field(OperatingStatus.active, description=OPERATING_STATUS_DESCRIPTION)


class EnterpriseCreate(EnterpriseFields):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [EXAMPLE_ENTERPRISE]})

    kind: OrganisationKind = OrganisationKind.social_enterprise
    name: Name
    slug: Slug | None = Field(None, description="Generated from the name when omitted.")
    country: Country
    location: LandPoint
    status: OrganisationStatus = OrganisationStatus.published

    @model_validator(mode="after")
    def vulnerable_within_total(self) -> "EnterpriseCreate":
        if self.employees_vulnerable > self.employees_total:
            raise ValueError("employees_vulnerable cannot exceed employees_total")
        return self


class EnterprisePatch(BaseModel):
    """Only the fields sent change; `null` clears an optional field."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={
        "examples": [{"employees_total": 12, "location": {"type": "Point", "coordinates": [23.6, 46.77]}}]
    })

    kind: OrganisationKind | None = None
    name: Name | None = None
    slug: Slug | None = None
    country: Country | None = None
    location: LandPoint | None = None
    status: OrganisationStatus | None = None
    legal_form: ShortText | None = None
    registration_code: RegistrationCode | None = None
    locality: ShortText | None = None
    address: ShortText | None = None
    email: EmailStr | None = None
    phone: Phone | None = None
    website: HttpUrl | None = None
    contact_person: ShortText | None = None
    languages: list[LanguageCode] | None = None
    description: Descriptions | None = None
    founded_year: FoundedYear | None = None
    employees_total: Headcount | None = None
    employees_vulnerable: Headcount | None = None
    annual_turnover_eur: TurnoverEur | None = None
    impact_areas: ImpactAreas | None = None
    beneficiary_groups: BeneficiaryGroups | None = None
    sectors: Sectors | None = None
    certifications: Certifications | None = None
    service_radius_km: ServiceRadiusKm | None = None
    service_countries: list[Country] | None = None
    reserved_contract_eligible: bool | None = Field(None, description=RESERVED_DESCRIPTION)
    verified: bool | None = None
    opening_hours: OpeningHours | None = None
    operating_status: OperatingStatus | None = Field(None, description=OPERATING_STATUS_DESCRIPTION)

    @model_validator(mode="after")
    def required_stay_set(self) -> "EnterprisePatch":
        for name in ("kind", "name", "slug", "country", "location", "status", "languages", "description",
                     "employees_total", "employees_vulnerable", "impact_areas", "beneficiary_groups",
                     "sectors", "certifications", "service_countries", "reserved_contract_eligible",
                     "verified", "operating_status"):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} cannot be null")
        return self


class PointOut(BaseModel):
    type: Literal["Point"] = "Point"
    coordinates: tuple[float, float] = Field(description="[longitude, latitude] in WGS 84.")


class OfferingFields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    description: LongText | None = None
    cpv_codes: CpvCodes = Field(default_factory=list, max_length=20,
                                description="CPV 2008 codes, e.g. 55520000 or 55520000-1.")
    delivery_mode: DeliveryMode = DeliveryMode.delivery
    lead_time_days: LeadTimeDays | None = None
    min_order_quantity: Quantity | None = None
    max_order_quantity: Quantity | None = None
    quantity_unit: QuantityUnit | None = None
    min_order_value_eur: PriceEur | None = None
    price_from_eur: PriceEur | None = None
    delivery_radius_km: DeliveryRadiusKm | None = Field(
        None, description="Delivers within this distance of the organisation (narrower than its service area).")
    delivery_countries: list[Country] = Field(default_factory=list, description="Delivers anywhere in these countries.")

    @model_validator(mode="after")
    def quantities_ordered(self) -> "OfferingFields":
        low, high = self.min_order_quantity, self.max_order_quantity
        if low is not None and high is not None and high < low:
            raise ValueError("max_order_quantity must be at least min_order_quantity")
        return self


class OfferingCreate(OfferingFields):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "title": "Catering for events", "cpv_codes": ["55520000-1", "55523100"], "delivery_mode": "delivery",
        "lead_time_days": 7, "min_order_quantity": 20, "max_order_quantity": 300, "quantity_unit": "meals",
        "delivery_radius_km": 60, "delivery_countries": [],
    }]})

    title: Name


class OfferingPatch(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"lead_time_days": 3}, {"cpv_codes": ["15810000-9"], "max_order_quantity": 120, "quantity_unit": "kg"}]})

    title: Name | None = None
    description: LongText | None = None
    cpv_codes: CpvCodes | None = None
    delivery_mode: DeliveryMode | None = None
    lead_time_days: LeadTimeDays | None = None
    min_order_quantity: Quantity | None = None
    max_order_quantity: Quantity | None = None
    quantity_unit: QuantityUnit | None = None
    min_order_value_eur: PriceEur | None = None
    price_from_eur: PriceEur | None = None
    delivery_radius_km: DeliveryRadiusKm | None = None
    delivery_countries: list[Country] | None = None

    @model_validator(mode="after")
    def required_stay_set(self) -> "OfferingPatch":
        for name in ("title", "cpv_codes", "delivery_mode", "delivery_countries"):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} cannot be null")
        return self


class OfferingOut(BaseModel):
    # CPV codes are answered in their eight digits, however they were sent (55520000-1 -> 55520000).
    model_config = ConfigDict(from_attributes=True, json_schema_extra={"examples": [{
        "id": 41, "organisation_id": 1203, "title": "Catering for events", "description": None,
        "cpv_codes": ["55520000", "55523100"], "delivery_mode": "delivery", "lead_time_days": 7,
        "min_order_quantity": 20, "max_order_quantity": 300, "quantity_unit": "meals", "min_order_value_eur": None,
        "price_from_eur": "6.50", "delivery_radius_km": "60", "delivery_countries": [], "version": 1,
        "updated_at": "2026-11-20T10:15:00Z"}]})

    id: int
    organisation_id: int
    title: str
    description: str | None
    cpv_codes: list[str]
    delivery_mode: str
    lead_time_days: int | None
    min_order_quantity: int | None
    max_order_quantity: int | None
    quantity_unit: str | None
    min_order_value_eur: Decimal | None
    price_from_eur: Decimal | None
    delivery_radius_km: Decimal | None
    delivery_countries: list[str]
    version: int
    updated_at: datetime


class EnterpriseOut(BaseModel):
    """An organisation as the public sees it; `email` and `contact_person` only for staff."""

    id: int
    slug: str
    kind: str
    name: str
    legal_form: str | None
    registration_code: str | None
    country: str
    region_code: str | None = Field(description="ISO 3166-2 unit, derived from the location.")
    locality: str | None
    address: str | None
    location: PointOut
    email: str | None = None
    phone: str | None
    website: str | None
    contact_person: str | None = None
    languages: list[str]
    description: dict[str, str]
    founded_year: int | None
    employees_total: int
    employees_vulnerable: int
    annual_turnover_eur: Decimal | None
    impact_areas: list[str]
    beneficiary_groups: list[str]
    sectors: list[str]
    certifications: list[str]
    service_radius_km: Decimal | None
    service_countries: list[str]
    reserved_contract_eligible: bool = Field(description=RESERVED_DESCRIPTION)
    status: str
    verified: bool
    is_demo: bool
    operating_status: OperatingStatus = Field(OperatingStatus.active, description=OPERATING_STATUS_DESCRIPTION)
    opening_hours: str | None = Field(None, description="OpenStreetMap opening_hours, e.g. Mo-Fr 09:00-17:00.")
    claimed: bool = Field(False, description="The organisation has claimed (verified ownership of) this entry.")
    claimed_at: datetime | None = None
    last_confirmed_at: datetime | None = Field(None, description="When the owner last confirmed it current.")
    clusters: list[str] = Field(default_factory=list, description="Slugs of the clusters it is an active member "
                                "of (its \"cluster member\" badge).")
    created_at: datetime
    updated_at: datetime
    version: int
    distance_km: float | None = Field(None, description="Geodesic distance from the query point.")

    @classmethod
    def of_row(cls, row: Mapping[str, Any], *, private: bool) -> Self:
        """A list row (the organisation's columns, lon and lat, and any fields of a subclass) as the API
        shows it; the personal data (PRIVATE_FIELDS) only when `private`."""
        return cls.model_validate(shaped_row(row, private=private))


def shaped_row(row: Mapping[str, Any], *, private: bool) -> dict[str, Any]:
    """The row with the point as GeoJSON and `claimed`, PRIVATE_FIELDS nulled unless `private`: the document
    EnterpriseOut validates, and that revisions keep (every column, those the API does not show too)."""
    out = dict(row)
    out.pop("sort_key", None)
    out["location"] = point_json(out.pop("lon"), out.pop("lat"))
    if not private:
        for name in PRIVATE_FIELDS:
            out[name] = None
    if "claimed_at" in out:
        out["claimed"] = out["claimed_at"] is not None
    return out


class EnterpriseCreated(EnterpriseOut):
    possible_duplicates: list[DuplicateCandidate] = Field(
        default_factory=list, description="Existing organisations within 100 m with a similar name, or with the "
        "same registration code: the entry is created, check these and merge if needed.")


class ProposalReceipt(BaseModel):
    submission_id: int = Field(description="The pending correction in the moderation queue.")
    fields: list[str] = Field(description="The fields held for review, unchanged until a moderator approves.")


class EnterpriseUpdated(EnterpriseOut):
    proposal: ProposalReceipt | None = Field(
        None, description="Set when the write policy held fields back for review (a member's or an editor's "
        "change of contact or trust fields); the other fields are written already.")


class EnterpriseDetail(EnterpriseOut):
    offerings: list[OfferingOut]


class EnterprisePage(BaseModel):
    items: list[EnterpriseOut]
    total: int = Field(description="Matching enterprises; exact when total_exact, else an estimate.")
    total_exact: bool
    limit: int
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null on the last.")
