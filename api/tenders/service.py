"""The tender radar: store what an OCDS package says, match each open lot, and list tenders (no HTTP here)."""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from pydantic import ValidationError
from sqlalchemy import DateTime, Select, and_, delete, func, or_, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit import service as audit
from api.errors import InvalidInput, NotFound
from api.geo import towns
from api.geo.geojson import point_json
from api.matching import service as matching
from api.matching.schemas import MatchNeed
from api.money import rates
from api.pagination import DeadlineKeyset, Page, PageParams, deadline_page
from api.taxonomies import catalog
from api.tenders.models import Tender, TenderLot
from api.tenders.ocds import ParsedLot, ParsedTender, parse_package
from api.tenders.schemas import Buyer, LotOut, Money, TenderOut, TenderPage

MATCHES_PER_LOT = 5
OPEN_STATUSES = ("active", "planned", "planning")
# Soonest deadline first; a tender without a deadline sorts as "infinity", after every dated one.
ORDER = DeadlineKeyset(Tender.deadline, Tender.id, DateTime(timezone=True), far_future="infinity")


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    lots: int = 0
    lots_matched: int = 0
    tender_ids: list[int] = field(default_factory=list)

    def __str__(self) -> str:
        return (f"tenders: {self.created} new, {self.updated} updated, {self.unchanged} unchanged; "
                f"lots: {self.lots}, of which matched: {self.lots_matched}")


def is_open(tender: Tender, now: datetime) -> bool:
    return tender.status in OPEN_STATUSES and (tender.deadline is None or tender.deadline > now)


def open_clause(now: datetime) -> Any:
    return and_(Tender.status.in_(OPEN_STATUSES), or_(Tender.deadline.is_(None), Tender.deadline > now))


async def _place(session: AsyncSession, lot: ParsedLot, country: str | None) -> tuple[Any, str | None]:
    """(point as WKT or None, region code): the delivery point, else the delivery town of the bundled list."""
    point = lot.point
    if point is None and lot.locality:
        found = towns.find(lot.locality, country) or [
            t for t in towns.all_towns() if (country is None or t.country == country)
            and lot.locality.casefold() in (n.casefold() for n in t.alt_names)]
        if found:
            point = (found[0].lon, found[0].lat)
    if point is None:
        return None, None
    region = await session.scalar(text(
        "SELECT code FROM regions WHERE ST_Intersects(geom, ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)) LIMIT 1"),
        {"lon": point[0], "lat": point[1]})
    return f"SRID=4326;POINT({point[0]} {point[1]})", region


def _tender_fields(parsed: ParsedTender, source: str) -> dict[str, Any]:
    return {"ocid": parsed.ocid, "release_id": parsed.release_id, "release_date": parsed.release_date,
            "source": source, "title": parsed.title, "description": parsed.description,
            "buyer_name": parsed.buyer_name, "buyer_identifier": parsed.buyer_identifier, "country": parsed.country,
            "status": parsed.status, "procurement_method": parsed.procurement_method,
            "value_amount": parsed.value_amount, "currency": parsed.currency, "deadline": parsed.deadline,
            "notice_url": parsed.notice_url}


async def _store(session: AsyncSession, parsed: ParsedTender, source: str, summary: ImportSummary) -> Tender | None:
    """Insert or update the tender and replace its lots; None when the stored release is as new or newer."""
    tender = await session.scalar(select(Tender).where(Tender.ocid == parsed.ocid).with_for_update())
    if tender is not None and tender.release_date >= parsed.release_date:
        summary.unchanged += 1
        return None
    if tender is None:
        tender = Tender(**_tender_fields(parsed, source))
        session.add(tender)
        summary.created += 1
    else:
        for name, value in _tender_fields(parsed, source).items():
            setattr(tender, name, value)
        await session.execute(delete(TenderLot).where(TenderLot.tender_id == tender.id))
        summary.updated += 1
    await session.flush()
    for lot in parsed.lots:
        location, region = await _place(session, lot, parsed.country)
        session.add(TenderLot(tender_id=tender.id, lot_key=lot.key, title=lot.title or parsed.title,
                              status=lot.status, cpv_codes=lot.cpv_codes, value_amount=lot.value_amount,
                              currency=lot.currency, quantity=lot.quantity, unit=lot.unit,
                              reserved=bool(lot.reserved_for), reserved_for=lot.reserved_for,
                              locality=lot.locality, region_code=region, location=location))
        summary.lots += 1
    await session.flush()
    return tender


def _listed_cpv(code: str) -> str | None:
    """The code's 8 digits when CPV 2008 lists it (a tender may carry a code from another vocabulary)."""
    try:
        return catalog.parse_cpv(code)
    except catalog.CpvError:
        return None


def cpv_filter(values: list[str]) -> list[str]:
    """The list's CPV filter as the directory reads it: 2 to 8 digits, or one code in the check-digit form,
    whose check digit must be CPV 2008's (55520000-1; 55520000-2 is a 422 that names the right one)."""
    digits = []
    for value in values:
        if "-" in value:
            try:
                value = catalog.parse_cpv(value)
            except catalog.CpvError as exc:
                raise InvalidInput(str(exc), pointer="/query/cpv") from exc
        digits.append(value)
    return digits


def lot_need(lot: TenderLot, lon: float, lat: float) -> MatchNeed | None:
    """The buyer-match's need for a lot, or None when the lot says too little to be matched."""
    codes = list(dict.fromkeys(c for c in map(_listed_cpv, lot.cpv_codes) if c))[:20]
    keywords = [] if codes else [w for w in lot.title.split() if len(w) >= 4][:10]
    # The match converts RON, MDL and UAH with the dated rate table; another currency is left out.
    budget = ({"amount": f"{lot.value_amount:.2f}", "currency": lot.currency}
              if lot.value_amount is not None and lot.currency in rates.CURRENCIES else None)
    try:
        return MatchNeed.model_validate({
            "cpv_codes": codes, "keywords": keywords, "location": {"type": "Point", "coordinates": [lon, lat]},
            "reserved_only": lot.reserved, "quantity": lot.quantity or None, "budget": budget,
            "limit": MATCHES_PER_LOT})
    except ValidationError:
        return None


async def match_lot(session: AsyncSession, lot: TenderLot, *, now: datetime) -> bool:
    """Rank enterprises for the lot with the buyer-match's own scoring; True when it could be matched."""
    # When each enterprise first appeared among the lot's matches: the weekly digest names only newcomers.
    first_seen = {m["enterprise_id"]: m.get("since") for m in lot.matches or []}
    lot.matched_at = now
    lot.matches = []
    if lot.location is None:
        return False
    lon, lat = (await session.execute(text("SELECT ST_X(location), ST_Y(location) FROM tender_lots WHERE id = :id"),
                                      {"id": lot.id})).one()
    need = lot_need(lot, lon, lat)
    if need is None:
        return False
    location = await matching.resolve_location(session, need)
    try:
        query = matching.build_query(need, location, matching.normalised_weights(need), now.date())
    except InvalidInput:
        return False  # a reserved lot where no reserved-contract rule is modelled: nobody can be shown eligible
    results, _ = await matching.rank(session, query)
    lot.matches = [{"enterprise_id": r.enterprise.id, "slug": r.enterprise.slug, "name": r.enterprise.name,
                    "country": r.enterprise.country, "locality": r.enterprise.locality, "score": r.score,
                    "rank": r.rank, "since": first_seen.get(r.enterprise.id) or now.isoformat()}
                   for r in results]
    return True


async def match_open_lots(session: AsyncSession, tender_ids: list[int], *, now: datetime) -> int:
    """Match every lot of these tenders that is still open; closed ones keep no matches."""
    lots = (await session.scalars(
        select(TenderLot).join(Tender, Tender.id == TenderLot.tender_id)
        .where(TenderLot.tender_id.in_(tender_ids)).order_by(TenderLot.id))).all()
    tenders = {t.id: t for t in (await session.scalars(select(Tender).where(Tender.id.in_(tender_ids)))).all()}
    matched = 0
    for lot in lots:
        if is_open(tenders[lot.tender_id], now) and lot.status in (None, "active", "planned", "planning"):
            matched += await match_lot(session, lot, now=now)
        else:
            lot.matches, lot.matched_at = [], now
    await session.flush()
    return matched


async def import_package(session: AsyncSession, raw: bytes, *, source: str, now: datetime | None = None,
                         actor: Any = None) -> ImportSummary:
    """Store the package's tenders and match their open lots, in the caller's transaction.

    A package that cannot be read raises InvalidPackage before anything is written; the caller's single
    transaction means a failure part-way (a database error) leaves nothing either.
    """
    now = now or datetime.now(UTC)
    parsed = parse_package(raw)
    summary = ImportSummary()
    for tender in parsed:
        stored = await _store(session, tender, source, summary)
        if stored is not None:
            summary.tender_ids.append(stored.id)
    summary.lots_matched = await match_open_lots(session, summary.tender_ids, now=now)
    audit.record(session, actor=actor, entity="tender_import", entity_id=0, action="import",
                 changes={"source": {"before": None, "after": source},
                          "tenders": {"before": None, "after": str(summary)}})
    return summary


@dataclass
class TenderFilters:
    cpv: list[str] = field(default_factory=list)
    region: list[str] = field(default_factory=list)
    country: list[str] = field(default_factory=list)
    reserved: bool | None = None
    deadline_after: datetime | None = None
    deadline_before: datetime | None = None
    open: bool | None = None
    for_enterprise: int | None = None


def _lot_conditions(filters: TenderFilters) -> list[Any]:
    conditions: list[Any] = []
    if filters.cpv:
        # CPV is a prefix hierarchy: 55500000 finds lots under 555…; the code's significant digits decide.
        prefixes = [code.rstrip("0").ljust(2, "0") for code in filters.cpv]
        conditions.append(text("EXISTS (SELECT 1 FROM unnest(tender_lots.cpv_codes) c "
                               "WHERE c LIKE ANY(CAST(:cpv_like AS text[])))").bindparams(
            cpv_like=[p + "%" for p in prefixes]))
    if filters.region:
        conditions.append(TenderLot.region_code.in_(filters.region))
    if filters.reserved is not None:
        conditions.append(TenderLot.reserved.is_(filters.reserved))
    if filters.for_enterprise is not None:
        conditions.append(TenderLot.matches.contains([{"enterprise_id": filters.for_enterprise}]))
    return conditions


def _filtered(filters: TenderFilters, now: datetime) -> Select[Any]:
    query = select(Tender)
    if filters.country:
        query = query.where(Tender.country.in_(filters.country))
    if filters.deadline_after is not None:
        query = query.where(Tender.deadline >= filters.deadline_after)
    if filters.deadline_before is not None:
        query = query.where(Tender.deadline <= filters.deadline_before)
    if filters.open is True:
        query = query.where(open_clause(now))
    elif filters.open is False:
        query = query.where(~open_clause(now))
    lot_conditions = _lot_conditions(filters)
    if lot_conditions:
        query = query.where(select(TenderLot.id).where(TenderLot.tender_id == Tender.id, *lot_conditions).exists())
    return query


async def _lots_of(session: AsyncSession, tender_ids: list[int]) -> dict[int, list[LotOut]]:
    rows = (await session.execute(
        select(TenderLot, func.ST_X(TenderLot.location), func.ST_Y(TenderLot.location))
        .where(TenderLot.tender_id.in_(tender_ids)).order_by(TenderLot.tender_id, TenderLot.id))).all()
    lots: dict[int, list[LotOut]] = {i: [] for i in tender_ids}
    for lot, lon, lat in rows:
        lots[lot.tender_id].append(LotOut.model_validate({
            "id": lot.id, "lot_key": lot.lot_key, "title": lot.title, "status": lot.status,
            "cpv_codes": list(lot.cpv_codes), "value": _money(lot.value_amount, lot.currency),
            "quantity": lot.quantity, "unit": lot.unit, "reserved": lot.reserved,
            "reserved_for": list(lot.reserved_for),
            "locality": lot.locality, "region_code": lot.region_code,
            "location": point_json(lon, lat) if lon is not None else None,
            "matches": lot.matches, "matched_at": lot.matched_at}))
    return lots


def _money(amount: Decimal | None, currency: str | None) -> Money | None:
    return Money(amount=amount, currency=currency) if amount is not None else None


def to_out(tender: Tender, lots: list[LotOut], now: datetime) -> TenderOut:
    return TenderOut(
        id=tender.id, ocid=tender.ocid, title=tender.title, description=tender.description,
        buyer=Buyer(name=tender.buyer_name, identifier=tender.buyer_identifier),
        country=tender.country, status=tender.status, open=is_open(tender, now),
        procurement_method=tender.procurement_method,
        value=_money(tender.value_amount, tender.currency), deadline=tender.deadline,
        notice_url=tender.notice_url, release_date=tender.release_date, imported_at=tender.created_at,
        url=f"/api/v1/tenders/{tender.id}", page=f"/tenders/{tender.id}", lots=lots)


async def list_tenders(session: AsyncSession, filters: TenderFilters, *, limit: int, cursor: str | None,
                       now: datetime | None = None) -> TenderPage:
    """Soonest deadline first (undated last), then by id; keyset pages."""
    now = now or datetime.now(UTC)
    page: Page[Tender] = await deadline_page(session, _filtered(filters, now), PageParams(limit, cursor), ORDER)
    lots = await _lots_of(session, [t.id for t in page.items])
    return TenderPage(items=[to_out(t, lots[t.id], now) for t in page.items], limit=limit,
                      next_cursor=page.next_cursor)


async def get_tender(session: AsyncSession, tender_id: int, *, now: datetime | None = None) -> TenderOut:
    tender = await session.get(Tender, tender_id)
    if tender is None:
        raise NotFound(f"No tender {tender_id}.")
    return to_out(tender, (await _lots_of(session, [tender.id]))[tender.id], now or datetime.now(UTC))
