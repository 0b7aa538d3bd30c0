"""Demo evidence for reserved contracts, consistent with the law as modelled (api/reserved/rules.py).

Only Romanian enterprises can qualify (Romania is the only country with a modelled rule), and only
with at least 30% disabled or disadvantaged employees and the authorisation the basis needs: the
social insertion mark (Law 219/2015) or, for workshops employing disabled people, an authorised
protected unit (Law 448/2006). A few attestations have expired, so the demo shows evidence lapsing;
`reserved_contract_eligible` is true exactly when verified evidence is in force on the day of seeding.
"""

import random
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from api.reserved.rules import BASES, qualifies

# Its own generator, so that the evidence does not shift the rest of the demo data.
EVIDENCE_SEED = 2027
INSERTION_MARK = "ro_social_insertion_mark"
ATTESTATION = "ro_social_enterprise_attestation"
PROTECTED_UNIT_GROUP = "people_with_disabilities"


def _basis(organisation: dict[str, Any], rng: random.Random) -> str | None:
    if organisation["country"] != "RO" or organisation["kind"] != "social_enterprise":
        return None
    if INSERTION_MARK in organisation.get("certifications", []):
        return "ro_social_insertion"
    # Demo protected units are also attested social enterprises, so every flagged entry shows a certificate.
    if (PROTECTED_UNIT_GROUP in organisation.get("beneficiary_groups", []) and ATTESTATION in organisation.get(
            "certifications", []) and rng.random() < 0.5):
        return "ro_protected_unit"
    return None


def _share(organisation: dict[str, Any]) -> Decimal:
    total = organisation.get("employees_total") or 0
    return (Decimal(organisation.get("employees_vulnerable") or 0) * 100 / total).quantize(Decimal("0.01")) \
        if total else Decimal(0)


def evidence_for(organisations: list[dict[str, Any]], today: date) -> list[dict[str, Any] | None]:
    """Per organisation, its verified evidence (or None), and its `reserved_contract_eligible` set to match."""
    rng = random.Random(EVIDENCE_SEED)
    out: list[dict[str, Any] | None] = []
    for organisation in organisations:
        basis_code = _basis(organisation, rng)
        share = _share(organisation)
        if basis_code is None or not qualifies(BASES[basis_code], supplier_country="RO", share_pct=share):
            organisation["reserved_contract_eligible"] = False
            out.append(None)
            continue
        issued = today - timedelta(days=rng.randint(30, 4 * 365))
        expires = issued + timedelta(days=3 * 365)
        issuer = ("Agenția Județeană pentru Plăți și Inspecție Socială" if basis_code == "ro_protected_unit"
                  else "Agenția Județeană pentru Ocuparea Forței de Muncă")
        out.append({"legal_basis": basis_code, "share_disadvantaged_pct": share,
                    "attestation_number": f"DEMO-{rng.randint(1000, 9999)}/{issued.year}", "issuer": issuer,
                    "issued_on": issued, "expires_on": expires, "status": "verified",
                    "verified_at": datetime(issued.year, issued.month, issued.day, tzinfo=UTC) + timedelta(days=14),
                    "decision_note": "Demo data."})
        organisation["reserved_contract_eligible"] = expires >= today
    return out
