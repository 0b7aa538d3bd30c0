"""A need sent as an OCDS tender fragment (Open Contracting Data Standard 1.1), turned into a MatchNeed.

Only what a match uses is read: items' CPV classifications (`classification` and
`additionalClassifications` with scheme CPV), their quantities and delivery locations (a GeoJSON
point, or an address's locality), the tender's value (EUR, RON, MDL or UAH, converted to EUR with the
bundled rate table) and dates. Other OCDS fields are allowed
and ignored, so a tool can send its tender as it has it; they are dropped on reading, so the stored match
(readable by anyone with its link) never keeps what it did not use, such as the buyer's contact point.
"""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from api.errors import InvalidInput
from api.matching.schemas import MatchNeed, MatchOptions
from api.money.rates import CURRENCIES
from api.taxonomies import catalog

EXAMPLE_OCDS: dict[str, Any] = {
    "tender": {
        "title": "Catering for a conference", "items": [{
            "id": "1", "description": "Lunch for 200 participants",
            "classification": {"scheme": "CPV", "id": "55520000-1", "description": "Catering services"},
            "quantity": 200, "unit": {"name": "meals"},
            "deliveryLocation": {"geometry": {"type": "Point", "coordinates": [27.6, 47.16]}},
        }],
        "value": {"amount": 25000, "currency": "RON"},
        "tenderPeriod": {"endDate": "2026-12-15T12:00:00Z"},
    },
    "options": {"max_distance_km": 150, "limit": 10},
}


class OcdsModel(BaseModel):
    # "ignore", not "allow": unread fields (contact points, e-mails, phones…) must not reach the stored match.
    model_config = ConfigDict(extra="ignore", populate_by_name=True)


class OcdsClassification(OcdsModel):
    scheme: str
    id: str


class OcdsGeometry(OcdsModel):
    type: str
    coordinates: list[float]


class OcdsLocation(OcdsModel):
    geometry: OcdsGeometry | None = None


class OcdsAddress(OcdsModel):
    locality: str | None = None
    countryName: str | None = None


class OcdsItem(OcdsModel):
    classification: OcdsClassification | None = None
    additionalClassifications: list[OcdsClassification] = Field(default_factory=list)
    quantity: Annotated[float, Field(ge=0)] | None = None
    deliveryLocation: OcdsLocation | None = None
    deliveryAddress: OcdsAddress | None = None


class OcdsValue(OcdsModel):
    amount: Annotated[Decimal, Field(ge=0)]
    currency: str


class OcdsPeriod(OcdsModel):
    startDate: datetime | date | None = None
    endDate: datetime | date | None = None


class OcdsTender(OcdsModel):
    title: str | None = None
    items: list[OcdsItem] = Field(min_length=1, max_length=100)
    value: OcdsValue | None = None
    tenderPeriod: OcdsPeriod | None = None
    contractPeriod: OcdsPeriod | None = None


class OcdsNeed(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [EXAMPLE_OCDS]})

    tender: OcdsTender
    options: MatchOptions = Field(default_factory=MatchOptions,
                                  description="What OCDS does not say: maximum distance, countries, limit, weights…")


COUNTRY_NAMES = {"romania": "RO", "românia": "RO", "moldova": "MD", "republic of moldova": "MD",
                 "republica moldova": "MD", "ukraine": "UA", "україна": "UA"}


def _cpv_codes(tender: OcdsTender) -> list[str]:
    codes: list[str] = []
    for index, item in enumerate(tender.items):
        for classification in [c for c in [item.classification, *item.additionalClassifications] if c]:
            if classification.scheme.upper() != "CPV":
                continue
            try:
                codes.append(catalog.parse_cpv(classification.id))
            except ValueError as exc:
                raise InvalidInput(f"CPV code {classification.id!r}: {exc}.",
                                   pointer=f"/tender/items/{index}/classification/id") from exc
    return list(dict.fromkeys(codes))


def _where(tender: OcdsTender) -> dict[str, Any]:
    for item in tender.items:
        geometry = item.deliveryLocation.geometry if item.deliveryLocation else None
        if geometry is not None and geometry.type == "Point":
            return {"location": {"type": "Point", "coordinates": geometry.coordinates[:2]}}
    for item in tender.items:
        address = item.deliveryAddress
        if address is not None and address.locality:
            country = COUNTRY_NAMES.get((address.countryName or "").strip().casefold())
            return {"town": {"name": address.locality, "country": country}}
    raise InvalidInput("No item has a deliveryLocation point or a deliveryAddress locality.",
                       pointer="/tender/items")


def _deadline(tender: OcdsTender) -> date | None:
    for period, name in ((tender.contractPeriod, "startDate"), (tender.tenderPeriod, "endDate")):
        value = getattr(period, name, None) if period is not None else None
        if value is not None:
            return value.date() if isinstance(value, datetime) else value
    return None


def to_need(body: OcdsNeed) -> MatchNeed:
    """The MatchNeed the tender describes; what cannot be read is a 422 naming the OCDS field."""
    tender = body.tender
    budget = None
    if tender.value is not None:
        currency = tender.value.currency.strip().upper()
        if currency not in CURRENCIES:
            raise InvalidInput(f"The tender's value is in {tender.value.currency!r}; the match converts "
                               f"{', '.join(CURRENCIES)}.", pointer="/tender/value/currency",
                               reason="money.unknown_currency", params={"currency": tender.value.currency})
        budget = {"amount": tender.value.amount, "currency": currency}
    cpv_codes = _cpv_codes(tender)
    keywords = [] if cpv_codes else [w for w in (tender.title or "").split() if len(w) >= 4][:10]
    quantities = [item.quantity for item in tender.items if item.quantity]
    stated = {"quantity": int(max(quantities)) if quantities else None,
              "budget": budget, "deadline": _deadline(tender)}
    fields = (body.options.model_dump(exclude_unset=True) | _where(tender)
              | {"cpv_codes": cpv_codes, "keywords": keywords}
              | {name: value for name, value in stated.items() if value is not None})
    try:
        return MatchNeed.model_validate(fields)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise InvalidInput(f"The tender does not describe a need: {first['msg']}", pointer="/tender") from exc
