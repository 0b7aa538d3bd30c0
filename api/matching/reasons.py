"""Why an enterprise ranks where it does: each factor's weight, value, contribution, facts and a sentence.

A fact is a code and its values (`{"code": "distance.km_limit", "params": {"km": 2.3, "limit_km": 50}}`),
so that a client words it in its own language; `sentence` is the facts in English, for the API's readers.
"""

from datetime import date
from decimal import Decimal
from typing import Any

from api.matching.scoring import CAPACITY_UNKNOWN, FIT_DIVISION, FIT_EXACT, FIT_GROUP, Query, cpv_fit, nace_divisions
from api.reserved.rules import BASES

VALUE_DIGITS = 4
CONTRIBUTION_DIGITS = 6

Fact = dict[str, Any]

ENGLISH = {
    "category.offers_exact": "Offers '{title}' under CPV {code}, within CPV {buyer}, which you asked for.",
    "category.offers_group": "Offers '{title}' under CPV {code}, in the same CPV group as {buyer}.",
    "category.offers_division": "Offers '{title}' under CPV {code}, in the same CPV division as {buyer}.",
    "category.sectors": "Works in NACE {sectors}, a sector that supplies the CPV divisions you asked for.",
    "category.keywords": "Matches {count} of your {total} keywords{matched_list}.",
    "category.loose": "Fits the need only loosely.",
    "distance.km": "{km:.1f} km from your location.",
    "distance.km_limit": "{km:.1f} km from your location (your limit: {limit_km:g} km).",
    "impact.not_asked": "You named no preferred impact areas or beneficiary groups, so this is not scored.",
    "impact.shared": "Shares {count} of your {total} preferred impact areas and beneficiary groups{shared_list}.",
    "capacity.not_asked": "You gave no quantity, budget or deadline, so this is not scored.",
    "capacity.unknown": "No offering states its capacity; counted as {counted:g}.",
    "capacity.quantity_over": "Takes at most {max} {unit}; you need {quantity}.",
    "capacity.quantity_under": "Takes at least {min} {unit}; you need {quantity}.",
    "capacity.quantity_fits": "Your quantity of {quantity} fits its orders ({min}–{max} {unit}).",
    "capacity.unit_differs": "Its quantities are in {unit}, yours in {asked_unit}: not compared.",
    "capacity.budget_below": "Minimum order EUR {minimum}; your budget is EUR {budget}.",
    "capacity.budget_fits": "Your budget of EUR {budget} meets its minimum order.",
    "capacity.budget_converted": "Your budget of {amount} {currency} is EUR {budget} at the rates of {rates_on}.",
    "capacity.lead_too_long": "Needs {lead_days} days; your deadline is in {days_left}.",
    "capacity.lead_fits": "Lead time {lead_days} days; your deadline is in {days_left} days.",
    "capacity.lead_unknown": "Lead time not stated; your deadline is in {days_left} days.",
    "profile.verified": "Verified by the cluster; profile {completeness:.0%} complete.",
    "profile.unverified": "Not verified by the cluster; profile {completeness:.0%} complete.",
    "profile.reserved": "Eligible for reserved contracts under {law} ({basis}), on evidence valid until {until}.",
}


def fact(fact_code: str, **params: Any) -> Fact:
    """JSON-ready values: Decimals as numbers."""
    return {"code": fact_code, "params": {k: float(v) if isinstance(v, Decimal) else v for k, v in params.items()}}


def english(facts: list[Fact]) -> str:
    return " ".join(_english(f) for f in facts)


def _english(f: Fact) -> str:
    p = dict(f["params"])
    for name in ("matched", "shared"):
        if name in p:
            p[f"{name}_list"] = f": {', '.join(p[name])}" if p[name] else ""
    if "sectors" in p:
        p["sectors"] = ", ".join(p["sectors"])
    for name, missing in (("unit", "units"), ("min", 0), ("max", "any")):
        if name in p and p[name] is None:
            p[name] = missing
    for name in ("minimum", "budget", "amount"):
        if name in p:
            p[name] = f"{p[name]:.0f}" if float(p[name]).is_integer() else f"{p[name]:.2f}"
    return ENGLISH[f["code"]].format(**p)


def _category(row: dict[str, Any], q: Query) -> list[Fact]:
    facts = []
    if row["cpv_fit"] > 0 and row["offering_id"] is not None:
        fit, buyer, code = max(((*cpv_fit(c, q.cpv_codes), c) for c in row["cpv_codes"]), key=lambda t: t[0])
        how = {FIT_EXACT: "exact", FIT_GROUP: "group", FIT_DIVISION: "division"}[fit]
        facts.append(fact(f"category.offers_{how}", title=row["title"], code=code, buyer=buyer))
    if row["nace_fit"] > 0 and row["cpv_fit"] < row["nace_fit"]:
        divisions = set(nace_divisions(q.cpv_codes))
        facts.append(fact("category.sectors", sectors=[s for s in row["sectors"] if s[:2] in divisions]))
    if q.keywords:
        matched = list(row["matched"] or [])
        facts.append(fact("category.keywords", count=len(matched), total=len(q.keywords), matched=matched))
    return facts or [fact("category.loose")]


def _distance(row: dict[str, Any], q: Query) -> list[Fact]:
    km = round(row["distance_m"] / 1000, 1)
    if q.max_distance_km:
        return [fact("distance.km_limit", km=km, limit_km=q.max_distance_km)]
    return [fact("distance.km", km=km)]


def _impact(row: dict[str, Any], q: Query) -> list[Fact]:
    if not q.impacts and not q.beneficiaries:
        return [fact("impact.not_asked")]
    shared = [x for x in row["impact_areas"] if x in q.impacts] + [
        x for x in row["beneficiary_groups"] if x in q.beneficiaries]
    return [fact("impact.shared", count=len(shared), total=len(q.impacts) + len(q.beneficiaries), shared=shared)]


def _quantity(row: dict[str, Any], quantity: int, asked_unit: str | None) -> Fact:
    low, high, unit = row["min_order_quantity"], row["max_order_quantity"], row["quantity_unit"] or None
    if asked_unit is not None and unit is not None and unit != asked_unit:
        return fact("capacity.unit_differs", unit=unit, asked_unit=asked_unit)
    if high is not None and quantity > high:
        return fact("capacity.quantity_over", max=high, unit=unit, quantity=quantity)
    if low is not None and quantity < low:
        return fact("capacity.quantity_under", min=low, unit=unit, quantity=quantity)
    return fact("capacity.quantity_fits", quantity=quantity, min=low, max=high, unit=unit)


def _capacity(row: dict[str, Any], q: Query) -> list[Fact]:
    if q.quantity is None and q.budget_eur is None and q.days_left is None:
        return [fact("capacity.not_asked")]
    if row["offering_id"] is None:
        return [fact("capacity.unknown", counted=CAPACITY_UNKNOWN)]
    facts = []
    if q.quantity is not None:
        facts.append(_quantity(row, q.quantity, q.quantity_unit))
    if q.budget_eur is not None:
        if q.budget_given is not None:
            amount, currency, rates_on = q.budget_given
            facts.append(fact("capacity.budget_converted", amount=amount, currency=currency, budget=q.budget_eur,
                              rates_on=rates_on))
        facts.append(_budget(row["min_order_value_eur"], q.budget_eur))
    if q.days_left is not None:
        facts.append(_lead_time(row["lead_time_days"], q.days_left))
    return facts


def _budget(minimum: Decimal | None, budget: Decimal) -> Fact:
    if minimum is not None and budget < minimum:
        return fact("capacity.budget_below", minimum=minimum, budget=budget)
    return fact("capacity.budget_fits", budget=budget)


def _lead_time(lead: int | None, days_left: int) -> Fact:
    if lead is None:
        return fact("capacity.lead_unknown", days_left=days_left)
    return fact("capacity.lead_too_long" if lead > days_left else "capacity.lead_fits", lead_days=lead,
                days_left=days_left)


def _profile(row: dict[str, Any], _: Query) -> list[Fact]:
    completeness = round((row["profile"] - 0.5 * row["verified"]) * 2, 4)
    facts = [fact("profile.verified" if row["verified"] else "profile.unverified", completeness=completeness)]
    if row["reserved_basis"] is not None:
        facts.append(fact("profile.reserved", basis=row["reserved_basis"], law=BASES[row["reserved_basis"]].law,
                          until=row["reserved_until"].isoformat()))
    return facts


FACTS = {"category": _category, "distance": _distance, "impact": _impact, "capacity": _capacity,
         "profile": _profile}


def reasons(row: dict[str, Any], q: Query) -> tuple[float, list[dict[str, Any]]]:
    """(score, reasons): contributions are weight × value as shown, and the score is exactly their sum."""
    listed: list[dict[str, Any]] = []
    for factor, facts_of in FACTS.items():
        weight = round(q.weights[factor], VALUE_DIGITS)
        value = round(min(max(float(row[factor]), 0.0), 1.0), VALUE_DIGITS)
        facts = facts_of(row, q)
        listed.append({"factor": factor, "weight": weight, "value": value,
                       "contribution": round(weight * value, CONTRIBUTION_DIGITS), "facts": facts,
                       "sentence": english(facts)})
    return round(sum(float(r["contribution"]) for r in listed), CONTRIBUTION_DIGITS), listed


def days_until(deadline: date | None, today: date) -> int | None:
    return (deadline - today).days if deadline is not None else None
