"""Reading OCDS 1.1 release packages and record packages (as Prozorro, MTender and others publish them).

Only what the radar stores is read: the release's ocid, id and date; the buyer (`buyer`, or the party with
the role "buyer"); the tender's title, status, method, value, submission deadline and notice (a document of
type "tenderNotice"); its lots (the lots extension) and items (CPV classification, quantity and unit,
delivery address or point, related lot); reserved participation (`otherRequirements.reservedParticipation`,
on the tender or a lot). Anything else is allowed and ignored. A record package gives its `compiledRelease`,
else its latest embedded release. Several releases of one ocid: the latest (by date) wins.

A package that cannot be read is refused whole: every problem is listed with its JSON pointer, so the
publisher (or whoever configured the feed) sees what to fix, and nothing of it is stored.
"""

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from api.errors import ProblemError
from api.taxonomies.catalog import CpvError, parse_cpv

COUNTRY_NAMES = {"ro": "RO", "romania": "RO", "românia": "RO", "md": "MD", "moldova": "MD",
                 "republic of moldova": "MD", "republica moldova": "MD", "молдова": "MD", "ua": "UA",
                 "ukraine": "UA", "україна": "UA", "украина": "UA"}
MAX_PROBLEMS = 50
WHOLE_TENDER = "tender"  # the lot key of a tender that has no lots


class InvalidPackage(ProblemError):
    """The package is not OCDS the radar can read; `errors` names each problem by its pointer."""

    status, code, title = 422, "validation", "Invalid request"

    def __init__(self, problems: list[dict[str, str]]) -> None:
        listed = "; ".join(f"{p['pointer'] or '/'}: {p['message']}" for p in problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        super().__init__(f"The OCDS package was not imported: {listed}{more}", errors=problems[:MAX_PROBLEMS])
        self.problems = problems


@dataclass
class ParsedLot:
    key: str
    title: str
    status: str | None = None
    cpv_codes: list[str] = field(default_factory=list)
    value_amount: Decimal | None = None
    currency: str | None = None
    quantity: int | None = None
    unit: str | None = None
    reserved_for: list[str] = field(default_factory=list)
    locality: str | None = None
    point: tuple[float, float] | None = None


@dataclass
class ParsedTender:
    ocid: str
    release_id: str
    release_date: datetime
    title: str
    description: str | None
    buyer_name: str
    buyer_identifier: str | None
    country: str | None
    status: str
    procurement_method: str | None
    value_amount: Decimal | None
    currency: str | None
    deadline: datetime | None
    notice_url: str | None
    lots: list[ParsedLot]


class _Reader:
    """Collects problems instead of stopping at the first, so one report lists them all."""

    def __init__(self) -> None:
        self.problems: list[dict[str, str]] = []

    def problem(self, pointer: str, message: str) -> None:
        self.problems.append({"pointer": pointer, "message": message})

    def obj(self, value: Any, pointer: str, *, required: bool = False) -> dict[str, Any]:
        if isinstance(value, dict):
            return value
        if value is not None or required:
            self.problem(pointer, "must be an object" if value is not None else "is required")
        return {}

    def array(self, value: Any, pointer: str) -> list[Any]:
        if isinstance(value, list):
            return value
        if value is not None:
            self.problem(pointer, "must be an array")
        return []

    def text(self, value: Any, pointer: str, *, required: bool = False) -> str | None:
        if isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip():
            return str(value).strip()
        if value is not None or required:
            self.problem(pointer, "must be a non-empty string" if value is not None else "is required")
        return None

    def date(self, value: Any, pointer: str, *, required: bool = False) -> datetime | None:
        raw = self.text(value, pointer, required=required)
        if raw is None:
            return None
        try:
            parsed = datetime.fromisoformat(raw.replace("Z", "+00:00"))
        except ValueError:
            self.problem(pointer, f"{raw!r} is not an ISO 8601 date-time")
            return None
        if parsed.tzinfo is None:
            self.problem(pointer, f"{raw!r} has no time zone")
            return None
        return parsed

    def value(self, node: Any, pointer: str) -> tuple[Decimal | None, str | None]:
        value = self.obj(node, pointer)
        if not value:
            return None, None
        amount, currency = value.get("amount"), value.get("currency")
        try:
            number = Decimal(str(amount)) if amount is not None and not isinstance(amount, bool) else None
        except InvalidOperation:
            number = None
        if amount is not None and (number is None or not number.is_finite() or number < 0):
            self.problem(f"{pointer}/amount", "must be a number of at least 0")
            number = None
        if currency is not None and not (isinstance(currency, str) and re.fullmatch(r"[A-Z]{3}", currency)):
            self.problem(f"{pointer}/currency", "must be an ISO 4217 code such as EUR, RON, MDL or UAH")
            currency = None
        return number, currency


def _country(reader: _Reader, release: dict[str, Any], buyer_id: str | None) -> str | None:
    for index, party in enumerate(reader.array(release.get("parties"), "/parties")):
        party = reader.obj(party, f"/parties/{index}")
        roles: list[Any] = party["roles"] if isinstance(party.get("roles"), list) else []
        if "buyer" in roles or (buyer_id is not None and party.get("id") == buyer_id):
            name = reader.obj(party.get("address"), f"/parties/{index}/address").get("countryName")
            if isinstance(name, str):
                return COUNTRY_NAMES.get(name.strip().casefold())
    return None


def _buyer(reader: _Reader, release: dict[str, Any], at: str) -> tuple[str | None, str | None, str | None]:
    """(name, identifier, party id) of the buyer."""
    buyer = reader.obj(release.get("buyer"), f"{at}/buyer")
    parties = [p for p in reader.array(release.get("parties"), f"{at}/parties") if isinstance(p, dict)]
    if not buyer:
        buyer = next((p for p in parties if "buyer" in (p.get("roles") or [])), {})
    party = next((p for p in parties if buyer.get("id") is not None and p.get("id") == buyer.get("id")), buyer)
    identifier = reader.obj(party.get("identifier"), f"{at}/buyer/identifier")
    scheme, uid = identifier.get("scheme"), identifier.get("id")
    name = buyer.get("name") or party.get("name")
    if not isinstance(name, str) or not name.strip():
        reader.problem(f"{at}/buyer/name", "is required: the buyer's name (buyer, or a party with the role buyer)")
        return None, None, None
    return name.strip(), f"{scheme}-{uid}" if scheme and uid else None, buyer.get("id")


def _reserved(reader: _Reader, node: dict[str, Any], at: str) -> list[str]:
    other = reader.obj(node.get("otherRequirements"), f"{at}/otherRequirements")
    codes = reader.array(other.get("reservedParticipation"), f"{at}/otherRequirements/reservedParticipation")
    return [c for c in codes if isinstance(c, str)][:5]


def _item_into(reader: _Reader, item: dict[str, Any], at: str, lot: ParsedLot) -> None:
    for key, node in (("classification", item.get("classification")),
                      *((f"additionalClassifications/{i}", c) for i, c in
                        enumerate(reader.array(item.get("additionalClassifications"),
                                               f"{at}/additionalClassifications")))):
        classification = reader.obj(node, f"{at}/{key}")
        if str(classification.get("scheme", "")).upper() != "CPV":
            continue
        raw = reader.text(classification.get("id"), f"{at}/{key}/id", required=True)
        code = None
        if raw:
            try:  # the same reading of a CPV code as the match's and the members' area: CPV 2008, check digit
                code = parse_cpv(raw)
            except CpvError as wrong:
                reader.problem(f"{at}/{key}/id", str(wrong))
        if code and code not in lot.cpv_codes:
            lot.cpv_codes.append(code)
    quantity = item.get("quantity")
    if quantity is not None:
        if isinstance(quantity, int | float) and not isinstance(quantity, bool) and quantity >= 0:
            lot.quantity = max(lot.quantity or 0, int(quantity)) or None
        else:
            reader.problem(f"{at}/quantity", "must be a number of at least 0")
    unit = reader.obj(item.get("unit"), f"{at}/unit")
    lot.unit = lot.unit or (unit.get("name") if isinstance(unit.get("name"), str) else None)
    address = reader.obj(item.get("deliveryAddress"), f"{at}/deliveryAddress")
    lot.locality = lot.locality or (address.get("locality") if isinstance(address.get("locality"), str) else None)
    geometry = reader.obj(reader.obj(item.get("deliveryLocation"), f"{at}/deliveryLocation").get("geometry"),
                          f"{at}/deliveryLocation/geometry")
    coordinates = geometry.get("coordinates")
    if geometry.get("type") == "Point" and lot.point is None:
        if (isinstance(coordinates, list) and len(coordinates) >= 2
                and all(isinstance(c, int | float) and not isinstance(c, bool) for c in coordinates[:2])
                and -180 <= coordinates[0] <= 180 and -90 <= coordinates[1] <= 90):
            lot.point = (float(coordinates[0]), float(coordinates[1]))
        else:
            reader.problem(f"{at}/deliveryLocation/geometry/coordinates", "must be [longitude, latitude] in range")


def _lots(reader: _Reader, tender: dict[str, Any], at: str) -> list[ParsedLot]:
    lots: dict[str, ParsedLot] = {}
    tender_reserved = _reserved(reader, tender, at)
    for index, node in enumerate(reader.array(tender.get("lots"), f"{at}/lots")):
        lot = reader.obj(node, f"{at}/lots/{index}")
        key = reader.text(lot.get("id"), f"{at}/lots/{index}/id", required=True)
        if key is None:
            continue
        amount, currency = reader.value(lot.get("value"), f"{at}/lots/{index}/value")
        lots[key] = ParsedLot(key=key, title=str(lot.get("title") or tender.get("title") or key),
                              status=lot.get("status") if isinstance(lot.get("status"), str) else None,
                              value_amount=amount, currency=currency,
                              reserved_for=_reserved(reader, lot, f"{at}/lots/{index}") or tender_reserved)
    whole = None
    items = reader.array(tender.get("items"), f"{at}/items")
    for index, node in enumerate(items):
        item = reader.obj(node, f"{at}/items/{index}")
        related = item.get("relatedLot")
        if related is not None and str(related) not in lots:
            reader.problem(f"{at}/items/{index}/relatedLot", f"names no lot of this tender ({related!r})")
            continue
        if related is None:
            whole = whole or ParsedLot(key=WHOLE_TENDER, title=str(tender.get("title") or ""),
                                       reserved_for=tender_reserved)
        target = lots[str(related)] if related is not None else whole
        assert target is not None, "a lot was found or the whole tender made one"
        _item_into(reader, item, f"{at}/items/{index}", target)
    if whole is not None and not lots:
        whole.value_amount, whole.currency = reader.value(tender.get("value"), f"{at}/value")
        return [whole]
    if not lots and not items:
        reader.problem(f"{at}/items", "the tender has neither lots nor items: nothing could be matched")
    return list(lots.values()) + ([whole] if whole else [])


def _notice(tender: dict[str, Any]) -> str | None:
    for document in tender.get("documents") or []:
        if isinstance(document, dict) and document.get("documentType") == "tenderNotice" \
                and isinstance(document.get("url"), str) and document["url"].startswith(("https://", "http://")):
            return str(document["url"])
    return None


def _release(reader: _Reader, release: dict[str, Any], at: str) -> ParsedTender | None:
    before = len(reader.problems)
    ocid = reader.text(release.get("ocid"), f"{at}/ocid", required=True)
    release_id = reader.text(release.get("id"), f"{at}/id", required=True)
    date = reader.date(release.get("date"), f"{at}/date", required=True)
    tender = reader.obj(release.get("tender"), f"{at}/tender", required=True)
    buyer_name, buyer_identifier, buyer_id = _buyer(reader, release, at)
    title = reader.text(tender.get("title"), f"{at}/tender/title", required=True)
    amount, currency = reader.value(tender.get("value"), f"{at}/tender/value")
    period = reader.obj(tender.get("tenderPeriod"), f"{at}/tender/tenderPeriod")
    deadline = reader.date(period.get("endDate"), f"{at}/tender/tenderPeriod/endDate")
    lots = _lots(reader, tender, f"{at}/tender") if tender else []
    if len(reader.problems) > before:
        return None
    assert ocid and release_id and date and title and buyer_name
    return ParsedTender(
        ocid=ocid, release_id=release_id, release_date=date, title=title,
        description=tender.get("description") if isinstance(tender.get("description"), str) else None,
        buyer_name=buyer_name, buyer_identifier=buyer_identifier, country=_country(reader, release, buyer_id),
        status=str(tender["status"]) if isinstance(tender.get("status"), str) else "active",
        procurement_method=tender.get("procurementMethod") if isinstance(tender.get("procurementMethod"), str)
        else None, value_amount=amount, currency=currency, deadline=deadline, notice_url=_notice(tender), lots=lots)


def _releases_of(reader: _Reader, package: dict[str, Any]) -> list[tuple[str, Any]]:
    """(pointer, release) pairs of a release package or a record package."""
    if "releases" in package:
        return [(f"/releases/{i}", r) for i, r in enumerate(reader.array(package["releases"], "/releases"))]
    if "records" not in package:
        reader.problem("", "is neither a release package (releases) nor a record package (records)")
        return []
    found = []
    for index, node in enumerate(reader.array(package["records"], "/records")):
        record = reader.obj(node, f"/records/{index}")
        if "compiledRelease" in record:
            found.append((f"/records/{index}/compiledRelease", record["compiledRelease"]))
            continue
        embedded = [(f"/records/{index}/releases/{i}", r) for i, r in
                    enumerate(reader.array(record.get("releases"), f"/records/{index}/releases"))
                    if isinstance(r, dict) and "tender" in r]
        if not embedded:
            reader.problem(f"/records/{index}", "has no compiledRelease and no embedded release with a tender")
            continue
        found.append(max(embedded, key=lambda pair: str(pair[1].get("date", ""))))
    return found


def parse_package(raw: bytes) -> list[ParsedTender]:
    """The tenders a package describes (latest release per ocid), or InvalidPackage listing every problem."""
    reader = _Reader()
    try:
        package = json.loads(raw)
    except (ValueError, RecursionError) as exc:
        raise InvalidPackage([{"pointer": "", "message": f"is not JSON: {exc}"}]) from exc
    if not isinstance(package, dict):
        raise InvalidPackage([{"pointer": "", "message": "must be a JSON object (an OCDS package)"}])
    version = package.get("version")
    if version is not None and version not in ("1.0", "1.1"):
        reader.problem("/version", f"OCDS {version!r} is not read here; 1.1 (or 1.0) is")
    latest: dict[str, ParsedTender] = {}
    pairs = _releases_of(reader, package)
    if not pairs and not reader.problems:
        reader.problem("/releases", "the package holds no release")
    for pointer, node in pairs:
        parsed = _release(reader, reader.obj(node, pointer, required=True), pointer)
        known = latest.get(parsed.ocid) if parsed is not None else None
        if parsed is not None and (known is None or parsed.release_date >= known.release_date):
            latest[parsed.ocid] = parsed
    if reader.problems:
        raise InvalidPackage(reader.problems)
    return list(latest.values())
