"""Evidence for reserved contracts: members propose it, admins verify or reject it; it lapses by date."""

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.models import ApiToken
from api.enterprises import service as enterprises
from api.enterprises.models import Organisation
from api.entity import check_version
from api.errors import InvalidInput, NotFound
from api.reserved import rules
from api.reserved.models import EvidenceStatus, ReservedEligibility
from api.reserved.schemas import (
    CountryRuleOut,
    EvidenceCreate,
    EvidenceDecision,
    EvidenceEnterprise,
    EvidenceOut,
    EvidenceQueueItem,
    LegalBasisOut,
)
from api.writes.changes import record_change

ENTITY = "eligibility"  # revisions.entity is 16 characters at most


def view(evidence: ReservedEligibility, today: date) -> EvidenceOut:
    shown = {name: getattr(evidence, name) for name in EvidenceOut.model_fields if name != "in_force"}
    return EvidenceOut.model_validate(
        shown | {"in_force": evidence.status == EvidenceStatus.verified and evidence.expires_on >= today})


def _audit_view(evidence: ReservedEligibility) -> dict[str, Any]:
    """The evidence as text, for the audit log (a document: before and after as they were)."""
    fields = view(evidence, date.today()).model_dump(exclude={"id", "version", "in_force", "etag"})
    return {name: str(value) if value is not None else None for name, value in fields.items()}


async def list_for(session: AsyncSession, key: str, *, staff: bool) -> list[ReservedEligibility]:
    organisation = await enterprises.get_organisation(session, key, staff=staff)
    return list(await session.scalars(select(ReservedEligibility).where(
        ReservedEligibility.organisation_id == organisation.id).order_by(ReservedEligibility.id)))


async def propose(session: AsyncSession, key: str, body: EvidenceCreate, *, actor: ApiToken) -> ReservedEligibility:
    """A claim to check: always `proposed`, whoever sends it (verification is a separate, admin-only step)."""
    organisation = await enterprises.get_organisation(session, key, staff=True)
    basis = rules.BASES[body.legal_basis]
    if organisation.country not in basis.supplier_countries:
        raise InvalidInput(f"{basis.law} authorises organisations in {', '.join(basis.supplier_countries)}; "
                           f"this organisation is in {organisation.country}.", pointer="/legal_basis",
                           reason="reserved.wrong_country", params={"basis": basis.code,
                                                                    "country": organisation.country})
    evidence = ReservedEligibility(organisation_id=organisation.id, status=EvidenceStatus.proposed.value,
                                   **body.model_dump())
    session.add(evidence)
    await session.flush()
    await session.refresh(evidence)
    record_change(session, actor=actor, entity=ENTITY, entity_id=evidence.id, action="propose", before={},
                  after=_audit_view(evidence), organisation_id=organisation.id)
    return evidence


async def decide(session: AsyncSession, evidence_id: int, body: EvidenceDecision, *, expected_etag: str,
                 actor: ApiToken, now: datetime | None = None) -> ReservedEligibility:
    """An admin's verification or rejection, on the version the admin read (If-Match)."""
    evidence = await session.get(ReservedEligibility, evidence_id, with_for_update=True)
    if evidence is None:
        raise NotFound(f"No reserved-contract evidence {evidence_id}.")
    check_version(evidence, expected_etag)
    before = _audit_view(evidence)
    evidence.status = body.status
    evidence.decision_note = body.note
    evidence.verified_by = actor.id if body.status == EvidenceStatus.verified else None
    evidence.verified_at = (now or datetime.now(UTC)) if body.status == EvidenceStatus.verified else None
    await session.flush()
    await session.refresh(evidence)
    record_change(session, actor=actor, entity=ENTITY, entity_id=evidence.id, action=body.status, before=before,
                  after=_audit_view(evidence), organisation_id=evidence.organisation_id)
    await sync_eligibility(session, today=(now or datetime.now(UTC)).date(), organisation_id=evidence.organisation_id)
    return evidence


# The organisation's flag follows its evidence; the version moves with it, so that ETags and caches see it.
SYNC_SQL = text("""
UPDATE organisations o SET reserved_contract_eligible = f.in_force, version = o.version + 1, updated_at = now()
FROM (
  SELECT o2.id, EXISTS (SELECT 1 FROM reserved_eligibilities e WHERE e.organisation_id = o2.id
                        AND e.status = 'verified' AND e.expires_on >= CAST(:today AS date)) AS in_force
  FROM organisations o2 WHERE CAST(:organisation_id AS bigint) IS NULL OR o2.id = CAST(:organisation_id AS bigint)
) f
WHERE o.id = f.id AND o.reserved_contract_eligible IS DISTINCT FROM f.in_force
""")


async def sync_eligibility(session: AsyncSession, *, today: date, organisation_id: int | None = None) -> int:
    """Set `reserved_contract_eligible` to whether verified evidence is in force on `today`, for one
    organisation or all; the number of organisations whose flag changed."""
    result = await session.execute(SYNC_SQL, {"today": today, "organisation_id": organisation_id})
    return int(result.rowcount)  # type: ignore[attr-defined]


QUEUE_LIMIT = 200


async def proposed_queue(session: AsyncSession, today: date) -> list[EvidenceQueueItem]:
    """Evidence waiting for an admin, oldest first, with the organisation it is for."""
    rows = (await session.execute(
        select(ReservedEligibility, Organisation.name, Organisation.country)
        .join(Organisation, Organisation.id == ReservedEligibility.organisation_id)
        .where(ReservedEligibility.status == EvidenceStatus.proposed.value)
        .order_by(ReservedEligibility.created_at, ReservedEligibility.id).limit(QUEUE_LIMIT))).all()
    return [EvidenceQueueItem.model_validate(view(evidence, today).model_dump(exclude={"etag"}) | {
        "enterprise": EvidenceEnterprise(id=evidence.organisation_id, name=name, country=country)})
        for evidence, name, country in rows]


def country_rules() -> list[CountryRuleOut]:
    return [CountryRuleOut(country=rule.country, status=rule.status.value, law=rule.law, note=rule.note,
                           bases=[LegalBasisOut(code=b.code, law=b.law, supplier_countries=list(b.supplier_countries),
                                                min_share_pct=b.min_share_pct, title=b.title) for b in rule.bases])
            for rule in rules.RULES.values()]
