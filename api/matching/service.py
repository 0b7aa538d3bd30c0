"""Buyer-match: resolve the buyer's location, rank the enterprises, store and read matches."""

import uuid
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from api import places
from api.audit import service as audit
from api.auth.models import ApiToken
from api.errors import InvalidInput, NotFound
from api.geo import towns
from api.geo.geojson import point_json
from api.geo.models import Region
from api.matching import reasons as explain
from api.matching import scoring
from api.matching.models import Match
from api.matching.schemas import (
    FACTORS,
    MatchedEnterprise,
    MatchedOffering,
    MatchNeed,
    MatchOut,
    MatchResult,
    ResolvedLocation,
)
from api.money import rates
from api.reserved import rules

WEIGHT_DIGITS = 4


def normalised_weights(need: MatchNeed) -> dict[str, float]:
    """The request's weights scaled to sum 1; a factor the need says nothing about gets 0."""
    given = need.weights.model_dump()
    if not need.impacts and not need.beneficiaries:
        given["impact"] = 0.0
    if need.quantity is None and need.budget_eur is None and need.budget is None and need.deadline is None:
        given["capacity"] = 0.0
    total = sum(given.values())
    if total <= 0:
        raise InvalidInput("At least one factor that applies to this need must have a weight above 0.",
                           pointer="/weights")
    weights = {name: round(given[name] / total, WEIGHT_DIGITS) for name in FACTORS}
    # Rounding must not break "the weights sum to 1": the largest weight absorbs the remainder.
    largest = max(weights, key=lambda name: weights[name])
    weights[largest] = round(weights[largest] + 1 - sum(weights.values()), WEIGHT_DIGITS)
    return weights


@cache
def towns_by_id() -> dict[int, towns.Town]:
    return {t.geonameid: t for t in towns.all_towns()}


def _resolve_town(need: MatchNeed) -> towns.Town:
    assert need.town is not None
    ref = need.town
    # Any spelling people use (Kishinev, Кишинёв, Chisinau), through the gazetteer; most populous first.
    found = [towns_by_id()[int(p.id)] for p in places.towns_named(ref.name, ref.country)]
    found = [t for t in found if ref.region is None or t.admin1 == ref.region]
    if not found:
        where = f" in {ref.region or ref.country}" if ref.region or ref.country else ""
        raise InvalidInput(f"No town named {ref.name!r}{where} in the bundled towns of RO, MD and UA.",
                           pointer="/town/name", error_type="town_unknown", ctx={"name": ref.name})
    regions = {t.admin1 for t in found}
    if len(regions) > 1:
        candidates = [{"name": t.name, "country": t.country, "region": t.admin1, "population": t.population,
                       "location": point_json(t.lon, t.lat)} for t in found[:20]]
        listed = ", ".join(f"{c['name']} ({c['region']})" for c in candidates)
        raise InvalidInput(f"Several towns are named {ref.name!r}: {listed}; add town.country or town.region.",
                           pointer="/town", candidates=candidates)
    # Same name twice in one region: the most populous (find() lists them first) is meant.
    return found[0]


async def resolve_location(session: AsyncSession, need: MatchNeed) -> ResolvedLocation:
    """The point distances are measured from, with the town, country and region it lies in."""
    if need.town is not None:
        town = _resolve_town(need)
        return ResolvedLocation(point=point_json(town.lon, town.lat), town=town.name, country=town.country,
                                region_code=town.admin1 or None)
    assert need.location is not None
    lon, lat = need.location.coordinates[0], need.location.coordinates[1]
    point = text("ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)").bindparams(lon=lon, lat=lat)
    region = (await session.execute(
        select(Region.code, Region.country).where(Region.geom.ST_Intersects(point)).limit(1))).first()
    return ResolvedLocation(point=point_json(lon, lat), town=None, country=region.country if region else None,
                            region_code=region.code if region else None)


def reserved_bases(need: MatchNeed, buyer_country: str | None) -> tuple[rules.LegalBasis, ...]:
    """The buyer's country's legal bases; "reserved only" where none is modelled is a 422 that says why."""
    bases = rules.bases_for_buyer(buyer_country)
    if need.reserved_only and not bases:
        rule = rules.RULES.get(buyer_country or "")
        why = f"{rule.law}: {rule.note}" if rule else "the delivery point is not in RO, MD or UA"
        raise InvalidInput(f"No reserved-contract rule applies to a buyer in {buyer_country or 'this place'} ({why}).",
                           pointer="/reserved_only", reason="reserved.no_rule",
                           params={"country": buyer_country, "status": rule.status.value if rule else None})
    return bases


def budget_in_eur(need: MatchNeed) -> tuple[Any, tuple[Any, str, str] | None]:
    """(EUR amount, (amount, currency, rates' date) when converted), with the committed rate table."""
    if need.budget is None:
        return need.budget_eur, None
    table = rates.default_table()
    given = (need.budget.amount, need.budget.currency, table.on.isoformat())
    return table.to_eur(need.budget.amount, need.budget.currency), (None if need.budget.currency == "EUR" else given)


def build_query(need: MatchNeed, location: ResolvedLocation, weights: dict[str, float],
                today: date) -> scoring.Query:
    lon, lat = location.point["coordinates"]
    days_left = explain.days_until(need.deadline, today)
    if days_left is not None and days_left < 0:
        raise InvalidInput("The deadline has passed.", pointer="/deadline")
    budget_eur, budget_given = budget_in_eur(need)
    return scoring.Query(
        lon=lon, lat=lat, buyer_country=location.country, weights=weights, limit=need.limit,
        max_distance_km=need.max_distance_km, countries=list(need.countries),
        certifications=need.certifications, reserved_only=need.reserved_only, cpv_codes=need.cpv_codes,
        keywords=need.keywords, impacts=need.impacts, beneficiaries=need.beneficiaries, quantity=need.quantity,
        quantity_unit=need.quantity_unit, budget_eur=budget_eur, budget_given=budget_given, days_left=days_left,
        today=today, reserved_bases=reserved_bases(need, location.country))


def _result(row: dict[str, Any], q: scoring.Query) -> MatchResult:
    """One ranked enterprise, unranked yet (`rank` is set once the list is sorted)."""
    score, listed = explain.reasons(row, q)
    offering = None
    if row["offering_id"] is not None:
        offering = MatchedOffering(id=row["offering_id"], title=row["title"], cpv_codes=list(row["cpv_codes"]))
    return MatchResult.model_validate({
        "rank": 0, "score": score, "distance_km": round(row["distance_m"] / 1000, 3),
        "enterprise": MatchedEnterprise(
            id=row["id"], slug=row["slug"], name=row["name"], country=row["country"],
            region_code=row["region_code"], locality=row["locality"], location=point_json(row["lon"], row["lat"]),
            verified=row["verified"], certifications=list(row["certifications"]),
            reserved_contract_eligible=row["reserved_basis"] is not None,
            reserved_legal_basis=row["reserved_basis"], url=f"/api/v1/enterprises/{row['id']}"),
        "offering": offering, "reasons": listed,
    })


async def rank(session: AsyncSession, q: scoring.Query) -> tuple[list[MatchResult], int]:
    """The ranked results and how many eligible candidates were scored."""
    sql, params = scoring.statement(q)
    rows = (await session.execute(text(sql), params)).mappings().all()
    results = [_result(dict(row), q) for row in rows]
    # The shown (rounded) scores decide the order too, so a list never looks out of order.
    results.sort(key=lambda r: (-r.score, r.distance_km, r.enterprise.id))
    for position, result in enumerate(results, start=1):
        result.rank = position
    return results, (rows[0]["candidates_considered"] if rows else 0)


async def create_match(session: AsyncSession, need: MatchNeed, *, actor: ApiToken | None, source: str = "api",
                       received: dict[str, Any] | None = None) -> MatchOut:
    """Rank enterprises for the need and store the match; returns the stored match."""
    location = await resolve_location(session, need)
    weights = normalised_weights(need)
    now = datetime.now(UTC)
    q = build_query(need, location, weights, now.date())
    results, considered = await rank(session, q)
    match = Match(id=uuid.uuid4(), created_at=now, token_id=actor.id if actor else None, source=source,
                  need=received if received is not None else need.model_dump(mode="json", exclude_none=True),
                  location=location.model_dump(), weights=weights,
                  results=[r.model_dump(mode="json") for r in results], result_count=len(results),
                  candidates_considered=considered)
    # A stored match is a convenience copy of an answer already sent: a crash may lose the last
    # few hundred milliseconds of them (never corrupt anything), so the commit need not wait for fsync.
    await session.execute(text("SET LOCAL synchronous_commit = off"))
    session.add(match)
    audit.record(session, actor=actor, public=True, entity="match", entity_id=match.id, action="create",
                 changes={"results": {"before": None, "after": len(results)}, "source": {"before": None,
                                                                                          "after": source}})
    return MatchOut.model_validate(match, from_attributes=True)


async def get_match(session: AsyncSession, match_id: uuid.UUID) -> MatchOut:
    match = await session.get(Match, match_id)
    if match is None:
        raise NotFound(f"No match {match_id}.")
    return MatchOut.model_validate(match, from_attributes=True)


async def enterprise_ids_of(session: AsyncSession, match_id: uuid.UUID) -> set[int] | None:
    """The enterprises a stored match listed, or None when there is no such match."""
    results = await session.scalar(select(Match.results).where(Match.id == match_id))
    if results is None:
        return None
    return {int(r["enterprise"]["id"]) for r in results}
