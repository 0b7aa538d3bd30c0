"""Claims: an organisation proves it manages an entry and gets a member token (no HTTP here).

With an e-mail on file, the one-time link goes to that address only: whoever reads that mailbox manages
the entry. The claimant never learns the address, and the entry's owner never sees the claimant's e-mail.
Without one, an admin verifies by other means and approves or rejects.
"""

import dataclasses
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit import service as audit
from api.auth import service as auth
from api.auth.models import ApiToken, Role
from api.claims.models import Claim, ClaimRoute, ClaimStatus
from api.claims.schemas import ClaimOut
from api.enterprises import service as enterprises
from api.enterprises.models import Organisation
from api.errors import Conflict, NotFound
from api.links import service as links
from api.links.models import LinkPurpose
from api.mail.language import of_organisation
from api.outbox import service as outbox
from api.pagination import Page, PageParams, keyset_page
from api.writes.changes import record_change

CLAIM_LINK_VALID_FOR = timedelta(days=3)


class AlreadyClaimed(Conflict):
    """A claim on a managed entry: refused, clients branch on its code; an admin may transfer the entry."""

    status, code, title = 409, "already_claimed", "Already claimed"


async def grant_member_access(session: AsyncSession, org: Organisation, *, name: str, actor: ApiToken | None,
                              now: datetime, action: str) -> tuple[ApiToken, str]:
    """A member token for the organisation (plaintext returned once) and the entry marked claimed.

    A claimed entry gets no second token this way (409 already_claimed), whatever the path (a claim, a
    reminder's "update" answer): only an admin's transfer, which revokes the tokens first, hands it on."""
    if action != "transfer":
        refuse_if_claimed(org)
    token, plaintext = await auth.create_token(session, name=name[:200], role=Role.member, organisation_id=org.id)
    before = enterprises.snapshot(org)
    org.claimed_at = org.claimed_at or now
    await session.flush()
    await session.refresh(org)
    record_change(session, actor=actor, entity="organisation", entity_id=org.id, action=action, before=before,
                  after=enterprises.snapshot(org), organisation_id=org.id)
    audit.record(session, actor=actor, entity="api_token", entity_id=token.id, action="create",
                 changes={"role": {"before": None, "after": Role.member.value},
                          "organisation_id": {"before": None, "after": org.id}, "via": action,
                          "expires_at": {"before": None, "after": token.expires_at.isoformat()
                                         if token.expires_at else None}})
    return token, plaintext


def refuse_if_claimed(org: Organisation) -> None:
    """An entry that is managed already is not claimed again: only an admin transfers it (409)."""
    if org.claimed_at is not None:
        raise AlreadyClaimed(f"{org.name} is already managed by its organisation; if that is wrong, ask the "
                             "cluster's administrators to transfer it.")



async def file_claim(session: AsyncSession, key: str, *, claimant_name: str, claimant_email: str,
                     message: str | None, base_url: str, language: str | None = None,
                     now: datetime | None = None) -> Claim:
    """Store the claim; e-mail a one-time link to the entry's own address, or queue it for the admins.

    The e-mail is in the entry's language, else in the language of the page the claim came from.
    """
    now = now or datetime.now(UTC)
    org = await enterprises.get_organisation(session, key, staff=False)
    refuse_if_claimed(org)
    route = ClaimRoute.email if org.email else ClaimRoute.review
    claim = Claim(organisation_id=org.id, claimant_name=claimant_name, claimant_email=claimant_email,
                  message=message, route=route.value, created_at=now)
    session.add(claim)
    await session.flush()
    if org.email:
        token = await links.issue(session, LinkPurpose.claim, claim.id, now=now, valid_for=CLAIM_LINK_VALID_FOR)
        await outbox.enqueue(session, to=org.email, template="claim_link",
                             language=of_organisation(org.languages, org.country, language),
                             context={"enterprise_name": org.name, "claimant_name": claim.claimant_name,
                                      "message": claim.message, "days": CLAIM_LINK_VALID_FOR.days,
                                      "link": links.url(base_url, "/claims/confirm", token)},
                             dedupe_key=f"claim:{claim.id}:link")
    audit.record(session, actor=None, public=True, entity="claim", entity_id=claim.id, action="file",
                 changes={"organisation_id": {"before": None, "after": org.id},
                          "route": {"before": None, "after": route.value}})
    return claim


async def _pending_claim(session: AsyncSession, claim_id: int) -> Claim:
    claim = await session.scalar(select(Claim).where(Claim.id == claim_id).with_for_update())
    if claim is None:
        raise NotFound(f"No claim {claim_id}.")
    if claim.status != ClaimStatus.pending.value:
        raise Conflict(f"Claim {claim_id} is already {claim.status}.")
    return claim


@dataclass(frozen=True)
class GrantedAccess:
    """A member token just issued for an organisation: its plaintext exists only here, to be shown once."""

    organisation_id: int
    slug: str
    token: str
    token_id: int
    claim_id: int | None = None
    revoked_token_ids: list[int] = field(default_factory=list)


async def _grant(session: AsyncSession, claim: Claim, actor: ApiToken | None, now: datetime) -> GrantedAccess:
    # Two claims filed before either was confirmed: the first confirmed wins, the other needs a transfer.
    org = await enterprises.get_organisation(session, str(claim.organisation_id), staff=True, for_update=True)
    token, plaintext = await grant_member_access(session, org, name=f"claim {claim.id}: {claim.claimant_name}",
                                                 actor=actor, now=now, action="claim")
    claim.status, claim.decided_at, claim.member_token_id = ClaimStatus.confirmed.value, now, token.id
    claim.decided_by_token_id = actor.id if actor else None
    await session.flush()
    return GrantedAccess(claim_id=claim.id, organisation_id=org.id, slug=org.slug, token=plaintext,
                         token_id=token.id)


async def confirm_by_link(session: AsyncSession, token: str, *, now: datetime | None = None) -> GrantedAccess:
    """Redeem the e-mailed link: a member token for the organisation, shown once."""
    now = now or datetime.now(UTC)
    claim = await _pending_claim(session, await links.redeem(session, LinkPurpose.claim, token, now=now))
    return await _grant(session, claim, None, now)


async def approve(session: AsyncSession, claim_id: int, *, actor: ApiToken) -> GrantedAccess:
    return await _grant(session, await _pending_claim(session, claim_id), actor, datetime.now(UTC))


async def transfer(session: AsyncSession, key: str, *, holder_name: str, reason: str, actor: ApiToken,
                   now: datetime | None = None) -> GrantedAccess:
    """An admin hands a claimed (or unclaimed) entry to a new holder: the organisation's live member tokens
    are revoked and one new token is issued, shown once."""
    now = now or datetime.now(UTC)
    org = await enterprises.get_organisation(session, key, staff=True, for_update=True)
    revoked = (await session.scalars(
        update(ApiToken).where(ApiToken.organisation_id == org.id, ApiToken.role == Role.member.value,
                               ApiToken.revoked_at.is_(None))
        .values(revoked_at=now).returning(ApiToken.id).execution_options(synchronize_session=False))).all()
    for token_id in revoked:
        audit.record(session, actor=actor, entity="api_token", entity_id=token_id, action="revoke",
                     changes={"via": "transfer", "reason": reason})
    token, plaintext = await grant_member_access(session, org, name=f"transfer: {holder_name}", actor=actor,
                                                 now=now, action="transfer")
    return GrantedAccess(organisation_id=org.id, slug=org.slug, token=plaintext, token_id=token.id,
                         revoked_token_ids=list(revoked))


async def reject(session: AsyncSession, claim_id: int, reason: str, *, actor: ApiToken) -> Claim:
    claim = await _pending_claim(session, claim_id)
    claim.status, claim.decided_at = ClaimStatus.rejected.value, datetime.now(UTC)
    claim.decided_by_token_id, claim.decision_reason = actor.id, reason
    await session.flush()
    audit.record(session, actor=actor, entity="claim", entity_id=claim.id, action="reject",
                 changes={"status": {"before": ClaimStatus.pending.value, "after": claim.status}})
    return claim


async def list_claims(session: AsyncSession, *, status: list[str], page: PageParams) -> Page[ClaimOut]:
    """Oldest first; pending only unless other statuses are asked for. Each with the organisation's name and
    slug, so that a reviewer sees what is claimed without another request."""
    query = (select(Claim, Organisation.name, Organisation.slug)
             .join(Organisation, Organisation.id == Claim.organisation_id)
             .where(Claim.status.in_(status or [ClaimStatus.pending.value])))
    found = await keyset_page(session, query, page, key=Claim.id, rows="tuples")
    return dataclasses.replace(found, items=[
        ClaimOut.model_validate(claim).model_copy(update={"organisation_name": name, "organisation_slug": slug})
        for claim, name, slug in found.items])
