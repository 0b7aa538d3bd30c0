"""The tender radar's answers: tenders with their lots and each open lot's best matches."""

from datetime import datetime
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field

EXAMPLE_TENDER: dict[str, Any] = {
    "id": 12, "ocid": "ocds-semap0-RO-CN1071234",
    "title": "Servicii de catering și materiale tipărite pentru centrele de zi",
    "description": "Masa de prânz pentru beneficiarii a trei centre de zi și broșuri informative.",
    "buyer": {"name": "Primăria Municipiului Cluj-Napoca", "identifier": "RO-CUI-4305857"},
    "country": "RO", "status": "active", "open": True, "procurement_method": "open",
    "value": {"amount": "410000.00", "currency": "RON"}, "deadline": "2027-01-12T13:00:00Z",
    "notice_url": "https://www.e-licitatie.ro/pub/notices/contract-notices/list/2/1",
    "release_date": "2026-11-28T06:30:00Z", "imported_at": "2026-11-28T07:00:00Z",
    "url": "/api/v1/tenders/12", "page": "/tenders/12",
    "lots": [{
        "id": 31, "lot_key": "1", "title": "Lotul 1: Servicii de catering (rezervat unităților protejate)",
        "status": "active", "cpv_codes": ["55520000"], "value": {"amount": "360000.00", "currency": "RON"},
        "quantity": 30000, "unit": "porții", "reserved": True, "reserved_for": ["shelteredWorkshop"],
        "locality": "Cluj-Napoca", "region_code": "RO-CJ",
        "location": {"type": "Point", "coordinates": [23.6, 46.76667]},
        "matches": [{"enterprise_id": 42, "slug": "bucataria-solidara-cluj", "name": "Bucătăria Solidară Cluj",
                     "country": "RO", "locality": "Cluj-Napoca", "score": 0.81, "rank": 1}],
        "matched_at": "2026-11-28T07:00:00Z"}],
}


class Money(BaseModel):
    amount: Decimal
    currency: str | None = Field(description="ISO 4217, as the notice gives it (RON, MDL, UAH, EUR…).")


class Buyer(BaseModel):
    name: str
    identifier: str | None = Field(description="Scheme and id, e.g. RO-CUI-4305857, UA-EDR-04055896.")


class LotMatch(BaseModel):
    enterprise_id: int
    slug: str
    name: str
    country: str
    locality: str | None
    score: float = Field(description="The buyer-match's score, 0–1.")
    rank: int


class LotOut(BaseModel):
    id: int
    lot_key: str = Field(description="The lot's OCDS id; `tender` for a tender without lots.")
    title: str
    status: str | None
    cpv_codes: list[str]
    value: Money | None
    quantity: int | None
    unit: str | None
    reserved: bool = Field(description="Participation reserved (sheltered workshops, social integration).")
    reserved_for: list[str] = Field(description="OCDS reservedParticipation codes, e.g. shelteredWorkshop.")
    locality: str | None
    region_code: str | None
    location: dict[str, Any] | None = Field(description="GeoJSON point of delivery, if known.")
    matches: list[LotMatch] = Field(description="The best-matching enterprises (empty once the tender closes).")
    matched_at: datetime | None


class TenderOut(BaseModel):
    model_config = {"json_schema_extra": {"examples": [EXAMPLE_TENDER]}}

    id: int
    ocid: str = Field(description="The contracting process's Open Contracting ID.")
    title: str
    description: str | None
    buyer: Buyer
    country: str | None
    status: str = Field(description="OCDS tender status: active, complete, cancelled…")
    open: bool = Field(description="Active and its deadline not passed.")
    procurement_method: str | None
    value: Money | None
    deadline: datetime | None = Field(description="End of the tender period: offers by then.")
    notice_url: str | None = Field(description="The buyer's original notice; apply there.")
    release_date: datetime
    imported_at: datetime
    url: str
    page: str = Field(description="The public page in the SPA.")
    lots: list[LotOut]


class TenderPage(BaseModel):
    model_config = {"json_schema_extra": {"examples": [{"items": [EXAMPLE_TENDER], "limit": 50,
                                                        "next_cursor": None}]}}

    items: list[TenderOut]
    limit: int
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null on the last.")
