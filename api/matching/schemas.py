"""A buyer's need and the ranked, explained answer."""

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from api.enterprises.schemas import BeneficiaryGroups, Certifications, Country, CpvCodes, ImpactAreas, QuantityUnit
from api.geo.geojson import WGS84Point
from api.money.money import Money

FACTORS = ("category", "distance", "impact", "capacity", "profile")
DEFAULT_WEIGHTS = {"category": 3.5, "distance": 2.5, "impact": 1.5, "capacity": 1.5, "profile": 1.0}
MAX_WEIGHT = 10.0
MAX_LIMIT = 100

Keyword = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=60)]
RegionCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}-[A-Z0-9]{1,3}$")]
Weight = Annotated[float, Field(ge=0, le=MAX_WEIGHT)]

EXAMPLE_NEED: dict[str, Any] = {
    "cpv_codes": ["55520000-1", "55523100"], "keywords": ["catering"], "town": {"name": "Iași", "country": "RO"},
    "max_distance_km": 150, "countries": ["RO"], "certifications": [],
    "impacts": ["work_integration"], "beneficiaries": ["youth_neet"], "budget": "25 000 RON",
    "quantity": 200, "quantity_unit": "meals", "deadline": "2026-12-20", "reserved_only": True, "limit": 10,
    "weights": {"category": 4, "distance": 3},
}


class TownRef(BaseModel):
    """A town of the bundled list (GeoNames); country or region settles a name several towns share."""

    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=100)]
    country: Country | None = None
    region: RegionCode | None = Field(None, description="ISO 3166-2 unit, e.g. RO-IS.")


class Weights(BaseModel):
    """Relative weights of the factors, each 0–10; missing ones keep their defaults; normalised to sum 1."""

    model_config = ConfigDict(extra="forbid")

    category: Weight = DEFAULT_WEIGHTS["category"]
    distance: Weight = DEFAULT_WEIGHTS["distance"]
    impact: Weight = DEFAULT_WEIGHTS["impact"]
    capacity: Weight = DEFAULT_WEIGHTS["capacity"]
    profile: Weight = DEFAULT_WEIGHTS["profile"]


class MatchOptions(BaseModel):
    """What a need says besides what and where: the constraints and preferences of the buyer."""

    model_config = ConfigDict(extra="forbid")

    max_distance_km: Annotated[float, Field(gt=0, le=3000)] | None = Field(
        None, description="Hard limit on the distance from the buyer; none = any distance.")
    countries: list[Country] = Field(default_factory=list, description="Only enterprises of these countries.")
    certifications: Certifications = Field(default_factory=list,
                                           description="Required: an enterprise must hold all of them.")
    impacts: ImpactAreas = Field(default_factory=list, description="Preferred impact areas (scored).")
    beneficiaries: BeneficiaryGroups = Field(default_factory=list, description="Preferred beneficiary groups.")
    budget: Money | None = Field(None, description="The budget in EUR, RON, MDL or UAH, converted to EUR with the "
                                                   "bundled rate table (its date is in the capacity reasons).")
    budget_eur: Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)] | None = Field(
        None, description="The budget in EUR (the same as budget with currency EUR).")
    quantity: Annotated[int, Field(ge=1, le=100_000_000)] | None = None
    quantity_unit: QuantityUnit | None = Field(None, description="The quantity's unit; an offering in another unit "
                                                                 "is not compared on quantity.")
    deadline: date | None = Field(None, description="Delivery wanted by this date.")
    reserved_only: bool = Field(False, description="Only organisations eligible for reserved contracts under the "
                                                   "law of the buyer's country (the delivery point's country), "
                                                   "on verified, unexpired evidence; see GET "
                                                   "/api/v1/reserved-contracts/rules.")
    limit: Annotated[int, Field(ge=1, le=MAX_LIMIT)] = 20
    weights: Weights = Field(default_factory=Weights)

    @model_validator(mode="after")
    def one_budget(self) -> "MatchOptions":
        if self.budget is not None and self.budget_eur is not None:
            raise ValueError("give budget or budget_eur, not both")
        return self


class MatchNeed(MatchOptions):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [EXAMPLE_NEED]})

    cpv_codes: CpvCodes = Field(default_factory=list, max_length=20,
                                description="CPV 2008 codes (GET /api/v1/taxonomies/cpv), with or without "
                                            "the check digit: 55520000-1, 55523100.")
    keywords: list[Keyword] = Field(default_factory=list, max_length=10,
                                    description="Words looked for in names, descriptions and offerings.")
    location: WGS84Point | None = Field(None, description="The delivery point (GeoJSON, longitude first).")
    town: TownRef | None = Field(None, description="Or a town name, resolved through the bundled towns.")

    @model_validator(mode="after")
    def says_what_and_where(self) -> "MatchNeed":
        if not self.cpv_codes and not self.keywords:
            raise ValueError("give cpv_codes, keywords or both")
        if (self.location is None) == (self.town is None):
            raise ValueError("give exactly one of location (a GeoJSON point) and town")
        return self


class ReasonFact(BaseModel):
    """One fact behind a factor, for a client to word in its own language."""

    code: str = Field(description="E.g. distance.km_limit, category.offers_exact, capacity.budget_below; "
                                  "see the README for the list and their params.")
    params: dict[str, str | int | float | list[str] | None] = Field(
        description="The fact's values: numbers as numbers, codes (impact areas, CPV, NACE) as codes.")


class Reason(BaseModel):
    factor: Literal["category", "distance", "impact", "capacity", "profile"]
    weight: float = Field(description="Normalised weight; the weights of a match sum to 1.")
    value: float = Field(description="The factor's value for this enterprise, 0–1.")
    contribution: float = Field(description="weight × value; the contributions sum to the score.")
    facts: list[ReasonFact] = Field(default_factory=list, description="What the sentence says, as codes and values "
                                    "(empty in matches stored before facts were added).")
    sentence: str = Field(description="The facts in English.")


class MatchedEnterprise(BaseModel):
    id: int
    slug: str
    name: str
    country: str
    region_code: str | None
    locality: str | None
    location: dict[str, Any] = Field(description="GeoJSON point.")
    verified: bool
    certifications: list[str]
    reserved_contract_eligible: bool = Field(description="Eligible for reserved contracts under the law of the "
                                                         "buyer's country, on verified, unexpired evidence.")
    reserved_legal_basis: str | None = Field(None, description="The legal basis it is eligible under, e.g. "
                                                               "ro_social_insertion.")
    url: str


class MatchedOffering(BaseModel):
    id: int
    title: str
    cpv_codes: list[str]


class MatchResult(BaseModel):
    rank: int
    score: float = Field(description="0–1: the sum of the reasons' contributions.")
    distance_km: float
    enterprise: MatchedEnterprise
    offering: MatchedOffering | None = Field(description="The offering that fits the need best, if any.")
    reasons: list[Reason]


EXAMPLE_RESULT: dict[str, Any] = {
    "rank": 1, "score": 0.8425, "distance_km": 2.31,
    "enterprise": {"id": 42, "slug": "bucataria-solidara-iasi", "name": "Bucătăria Solidară Iași", "country": "RO",
                   "region_code": "RO-IS", "locality": "Iași",
                   "location": {"type": "Point", "coordinates": [27.59, 47.17]}, "verified": True,
                   "certifications": ["ro_social_enterprise_attestation"], "reserved_contract_eligible": True,
                   "reserved_legal_basis": "ro_social_insertion", "url": "/api/v1/enterprises/42"},
    "offering": {"id": 77, "title": "Catering pentru evenimente", "cpv_codes": ["55520000", "55500000"]},
    "reasons": [
        {"factor": "category", "weight": 0.35, "value": 1.0, "contribution": 0.35,
         "facts": [{"code": "category.offers_exact", "params": {"title": "Catering pentru evenimente",
                                                                "code": "55520000", "buyer": "55520000"}}],
         "sentence": "Offers 'Catering pentru evenimente' under CPV 55520000, within CPV 55520000, "
                     "which you asked for."},
        {"factor": "distance", "weight": 0.25, "value": 0.9117, "contribution": 0.2279,
         "facts": [{"code": "distance.km_limit", "params": {"km": 2.3, "limit_km": 50}}],
         "sentence": "2.3 km from your location (your limit: 50 km)."},
        {"factor": "impact", "weight": 0.15, "value": 0.5, "contribution": 0.075,
         "facts": [{"code": "impact.shared", "params": {"count": 1, "total": 2, "shared": ["work_integration"]}}],
         "sentence": "Shares 1 of your 2 preferred impact areas and beneficiary groups: work_integration."},
        {"factor": "capacity", "weight": 0.15, "value": 1.0, "contribution": 0.15,
         "facts": [{"code": "capacity.quantity_fits",
                    "params": {"quantity": 200, "min": 20, "max": 300, "unit": "meals"}},
                   {"code": "capacity.lead_fits", "params": {"lead_days": 7, "days_left": 25}}],
         "sentence": "Your quantity of 200 fits its orders (20–300 meals). Lead time 7 days; your deadline is in "
                     "25 days."},
        {"factor": "profile", "weight": 0.1, "value": 0.3958, "contribution": 0.0396,
         "facts": [{"code": "profile.unverified", "params": {"completeness": 0.7916}},
                   {"code": "profile.reserved", "params": {"basis": "ro_social_insertion",
                                                           "law": "Law 98/2016, art. 56; Law 219/2015",
                                                           "until": "2027-06-30"}}],
         "sentence": "Not verified by the cluster; profile 79% complete. Eligible for reserved contracts under "
                     "Law 98/2016, art. 56; Law 219/2015 (ro_social_insertion), on evidence valid until 2027-06-30."},
    ],
}


class ResolvedLocation(BaseModel):
    point: dict[str, Any] = Field(description="GeoJSON point the distances are measured from.")
    town: str | None
    country: str | None = Field(description="Country of the point; enterprises delivering by country use it.")
    region_code: str | None


class MatchOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "id": "6f1c8f8e-2b1a-4b7e-9c0e-3d8a4c1b2a10", "created_at": "2026-11-25T14:00:00Z", "source": "api",
        "need": EXAMPLE_NEED,
        "location": {"point": {"type": "Point", "coordinates": [27.6, 47.16667]}, "town": "Iași",
                     "country": "RO", "region_code": "RO-IS"},
        "weights": {"category": 0.35, "distance": 0.25, "impact": 0.15, "capacity": 0.15, "profile": 0.1},
        "candidates_considered": 37, "results": [EXAMPLE_RESULT],
    }]})

    id: uuid.UUID = Field(description="Unguessable: the link to a match is the right to read it.")
    created_at: datetime
    source: Literal["api", "ocds"]
    need: dict[str, Any] = Field(description="The need as received (or as derived from an OCDS tender).")
    location: ResolvedLocation
    weights: dict[str, float] = Field(description="The normalised weights used (0 for a factor the need "
                                                  "says nothing about).")
    candidates_considered: int = Field(description="Eligible enterprises that were scored.")
    results: list[MatchResult]
