"""Why an enterprise ranks where it does: each factor's weight, value, contribution and a sentence."""

from datetime import date
from typing import Any

from api.matching.scoring import CAPACITY_UNKNOWN, FIT_DIVISION, FIT_EXACT, FIT_GROUP, Query, cpv_fit, nace_divisions

VALUE_DIGITS = 4
CONTRIBUTION_DIGITS = 6


def _category(row: dict[str, Any], q: Query) -> str:
    parts = []
    if row["cpv_fit"] > 0 and row["offering_id"] is not None:
        fit, buyer, code = max(((*cpv_fit(c, q.cpv_codes), c) for c in row["cpv_codes"]), key=lambda t: t[0])
        how = {FIT_EXACT: f"within CPV {buyer}, which you asked for", FIT_GROUP: f"in the same CPV group as {buyer}",
               FIT_DIVISION: f"in the same CPV division as {buyer}"}[fit]
        parts.append(f"Offers '{row['title']}' under CPV {code}, {how}.")
    if row["nace_fit"] > 0 and row["cpv_fit"] < row["nace_fit"]:
        divisions = set(nace_divisions(q.cpv_codes))
        sectors = [s for s in row["sectors"] if s[:2] in divisions]
        parts.append(f"Works in NACE {', '.join(sectors)}, a sector that supplies the CPV divisions you asked for.")
    if q.keywords:
        matched = row["matched"] or []
        parts.append(f"Matches {len(matched)} of your {len(q.keywords)} keywords"
                     + (f": {', '.join(matched)}." if matched else "."))
    return " ".join(parts) or "Fits the need only loosely."


def _distance(row: dict[str, Any], q: Query) -> str:
    sentence = f"{row['distance_m'] / 1000:.1f} km from your location"
    if q.max_distance_km:
        sentence += f" (your limit: {q.max_distance_km:g} km)"
    return sentence + "."


def _impact(row: dict[str, Any], q: Query) -> str:
    if not q.impacts and not q.beneficiaries:
        return "You named no preferred impact areas or beneficiary groups, so this is not scored."
    shared = [x for x in row["impact_areas"] if x in q.impacts] + [
        x for x in row["beneficiary_groups"] if x in q.beneficiaries]
    total = len(q.impacts) + len(q.beneficiaries)
    return (f"Shares {len(shared)} of your {total} preferred impact areas and beneficiary groups"
            + (f": {', '.join(shared)}." if shared else "."))


def _capacity(row: dict[str, Any], q: Query) -> str:
    if q.quantity is None and q.budget_eur is None and q.days_left is None:
        return "You gave no quantity, budget or deadline, so this is not scored."
    if row["offering_id"] is None:
        return f"No offering states its capacity; counted as {CAPACITY_UNKNOWN:g}."
    parts = []
    if q.quantity is not None:
        low, high, unit = row["min_order_quantity"], row["max_order_quantity"], row["quantity_unit"] or "units"
        if high is not None and q.quantity > high:
            parts.append(f"Takes at most {high} {unit}; you need {q.quantity}.")
        elif low is not None and q.quantity < low:
            parts.append(f"Takes at least {low} {unit}; you need {q.quantity}.")
        else:
            parts.append(f"Your quantity of {q.quantity} fits its orders ({low or 0}–{high or 'any'} {unit}).")
    if q.budget_eur is not None:
        minimum = row["min_order_value_eur"]
        if minimum is not None and q.budget_eur < minimum:
            parts.append(f"Minimum order EUR {minimum}; your budget is EUR {q.budget_eur}.")
        else:
            parts.append(f"Your budget of EUR {q.budget_eur} meets its minimum order.")
    if q.days_left is not None:
        lead = row["lead_time_days"]
        if lead is not None and lead > q.days_left:
            parts.append(f"Needs {lead} days; your deadline is in {q.days_left}.")
        else:
            parts.append(f"Lead time {lead if lead is not None else 'not stated'}; your deadline is in "
                         f"{q.days_left} days.")
    return " ".join(parts)


def _profile(row: dict[str, Any], _: Query) -> str:
    completeness = (row["profile"] - 0.5 * row["verified"]) * 2
    verified = "Verified by the cluster" if row["verified"] else "Not verified by the cluster"
    return f"{verified}; profile {completeness:.0%} complete."


SENTENCES = {"category": _category, "distance": _distance, "impact": _impact, "capacity": _capacity,
             "profile": _profile}


def reasons(row: dict[str, Any], q: Query) -> tuple[float, list[dict[str, Any]]]:
    """(score, reasons): contributions are weight × value as shown, and the score is exactly their sum."""
    listed = []
    for factor, sentence in SENTENCES.items():
        weight = round(q.weights[factor], VALUE_DIGITS)
        value = round(min(max(float(row[factor]), 0.0), 1.0), VALUE_DIGITS)
        listed.append({"factor": factor, "weight": weight, "value": value,
                       "contribution": round(weight * value, CONTRIBUTION_DIGITS), "sentence": sentence(row, q)})
    return round(sum(r["contribution"] for r in listed), CONTRIBUTION_DIGITS), listed


def days_until(deadline: date | None, today: date) -> int | None:
    return (deadline - today).days if deadline is not None else None
