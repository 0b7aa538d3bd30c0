"""The enterprise directory's rules and queries (no HTTP here)."""

from dataclasses import dataclass, field
from typing import Any

from geoalchemy2.shape import to_shape
from slugify import slugify
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from api.auth.models import ApiToken
from api.db import one_or_404
from api.duplicates.schemas import DuplicateCandidate
from api.duplicates.service import find_candidates
from api.enterprises.filters import member_clusters as clusters_of_row
from api.enterprises.models import Offering, Organisation, OrganisationStatus
from api.enterprises.schemas import (
    EnterpriseCreate,
    EnterpriseOut,
    EnterprisePatch,
    OfferingCreate,
    OfferingPatch,
    shaped_row,
)
from api.enterprises.search import LIST_COLUMNS
from api.entity import check_version
from api.errors import Conflict, Forbidden, InvalidInput, NotFound
from api.geo.geojson import point_wkt
from api.inputs import parse_key
from api.outbox import service as outbox
from api.submissions import proposals
from api.submissions.models import Submission
from api.webhooks import service as webhooks
from api.writes import policy
from api.writes.changes import record_change


def organisation_row(org: Organisation) -> dict[str, Any]:
    """The organisation as a list row: its list columns, and its point as lon and lat."""
    point = to_shape(org.location)
    return {**{c.name: getattr(org, c.key) for c in LIST_COLUMNS}, "lon": point.x, "lat": point.y}


def organisation_to_out(org: Organisation, *, private: bool) -> EnterpriseOut:
    """The organisation as the API shows it; personal data (`private`) for staff and its own members only."""
    return EnterpriseOut.of_row(organisation_row(org), private=private)


async def member_clusters(session: AsyncSession, org: Organisation) -> list[str]:
    """The slugs of the clusters the organisation is an active member of."""
    query = select(clusters_of_row()).where(Organisation.id == org.id)
    return list(await session.scalar(query) or [])


async def get_organisation(session: AsyncSession, key: str, *, staff: bool,
                           with_offerings: bool = False, for_update: bool = False) -> Organisation:
    """The organisation by id or slug; unpublished ones exist only for staff."""
    query = select(Organisation)
    parsed = parse_key(key)
    query = query.where(Organisation.id == parsed if isinstance(parsed, int) else Organisation.slug == parsed)
    if with_offerings:
        query = query.options(selectinload(Organisation.offerings))
    if for_update:
        query = query.with_for_update()
    org = await session.scalar(query)
    if org is None or (not staff and org.status != OrganisationStatus.published.value):
        raise NotFound(f"No enterprise {key!r}.")
    return org


async def _unique_slug(session: AsyncSession, name: str) -> str:
    stem = slugify(name, max_length=100, word_boundary=True) or "organisation"
    taken = set((await session.scalars(
        select(Organisation.slug).where(Organisation.slug.startswith(stem))
    )).all())
    slug, n = stem, 2
    while slug in taken:
        slug, n = f"{stem}-{n}", n + 1
    return slug


async def _flush_checked(session: AsyncSession, org: Organisation) -> None:
    """Flush, turning the database's uniqueness and region rules into 4xx problems."""
    try:
        await session.flush()
    except IntegrityError as exc:
        message = str(exc.orig)
        if "uq_organisations_slug" in message:
            raise Conflict("Another organisation already has this slug.", pointer="/slug") from exc
        if "uq_organisations_country_registration_code" in message:
            raise Conflict("Another organisation in this country has this registration code.",
                           pointer="/registration_code") from exc
        raise
    # The region and timestamps are set by the database: read them back before checking.
    await session.refresh(org)
    if org.region_code is None:
        raise InvalidInput(f"The location lies outside {org.country}; check the coordinates "
                           "(GeoJSON puts longitude first).", pointer="/location")


def _column_values(data: dict[str, Any]) -> dict[str, Any]:
    values = dict(data)
    if "location" in values:
        values["location"] = point_wkt(values["location"])
    for name in ("website",):
        if values.get(name) is not None:
            values[name] = str(values[name])
    return values


def _audit_view(org: Organisation) -> dict[str, Any]:
    out = shaped_row(organisation_row(org), private=True)
    return {k: (str(v) if not isinstance(v, (str, int, float, bool, list, dict, type(None))) else v)
            for k, v in out.items() if k not in ("created_at", "updated_at", "version")}


def snapshot(org: Organisation) -> dict[str, Any]:
    """Every field of the organisation as revisions keep it (personal data included: admins only)."""
    return _audit_view(org)


async def possible_duplicates(session: AsyncSession, org: Organisation) -> list[DuplicateCandidate]:
    """Other organisations this one may duplicate (near with a similar name, or the same code)."""
    point = to_shape(org.location)
    return await find_candidates(session, name=org.name, lon=point.x, lat=point.y, country=org.country,
                                 registration_code=org.registration_code, exclude_id=org.id)


async def create(session: AsyncSession, data: EnterpriseCreate, *, actor: ApiToken | None) -> Organisation:
    """A new organisation, every field as the write policy allows its creator (staff and imports: all)."""
    writer = policy.Writer.admin if actor is None else policy.writer_of(actor)
    held = policy.sort_changes(writer, data.model_dump(mode="json", exclude_unset=True), None)
    _refuse_derived(held.refused)
    if held.refused or held.proposed:
        raise Forbidden(f"A {writer.value} token cannot create an organisation.")
    values = _column_values(data.model_dump(exclude={"location"}) | {"location": data.location})
    values["slug"] = values["slug"] or await _unique_slug(session, data.name)
    org = Organisation(**values)
    session.add(org)
    await _flush_checked(session, org)
    record_change(session, actor=actor, entity="organisation", entity_id=org.id, action="create",
                  before={}, after=_audit_view(org), organisation_id=org.id)
    await webhooks.enterprise_changed(session, org, before_status=None)
    return org


def _refuse_derived(refused: list[str]) -> None:
    """A derived field is refused to everyone, with a pointer to what sets it."""
    derived = sorted(policy.DERIVED_FIELDS.intersection(refused))
    if derived:
        raise Forbidden(f"{', '.join(derived)} follows the reserved-contract evidence that staff verified and that "
                        "is in force: propose evidence (POST /api/v1/enterprises/{key}/reserved-eligibilities) "
                        "instead of writing it.", fields=derived)


@dataclass
class Updated:
    """An update's outcome: the organisation as written, and the proposal holding back what the writer may
    only propose (None when everything was written)."""

    organisation: Organisation
    proposal: Submission | None = None
    proposed_fields: list[str] = field(default_factory=list)


async def update(session: AsyncSession, key: str, patch: EnterprisePatch, *, expected_etag: str | None,
                 actor: ApiToken | None, action: str = "update", approving: bool = False) -> Updated:
    """Write what the write policy lets the actor write directly; queue what it may only propose.

    `approving` is a moderator applying a proposal: nothing may be proposed again, so a field the
    moderator may not write directly refuses the whole approval (403) and nothing changes."""
    org = await get_organisation(session, key, staff=True, for_update=True)
    check_version(org, expected_etag)
    writer = policy.Writer.admin if actor is None else policy.writer_of(actor)
    before = _audit_view(org)
    held = policy.sort_changes(writer, patch.model_dump(mode="json", exclude_unset=True), before)
    _refuse_derived(held.refused)
    if held.refused:
        raise Forbidden(f"A {writer.value} token may not change {', '.join(sorted(held.refused))}.",
                        fields=sorted(held.refused))
    if held.proposed and approving:
        raise Forbidden(f"Changing {', '.join(sorted(held.proposed))} of an existing organisation needs an admin; "
                        "an editor cannot approve it.", fields=sorted(held.proposed))
    proposal = None
    if held.proposed:
        assert actor is not None  # the system writes as an admin: it never proposes
        proposal = await proposals.propose(session, org.id, held.proposed, actor=actor)
    changes = {name: value for name, value in patch.model_dump(exclude_unset=True).items() if name in held.direct}
    if "location" in changes:
        changes["location"] = patch.location
    for name, value in _column_values(changes).items():
        setattr(org, name, value)
    if org.employees_vulnerable > org.employees_total:
        raise InvalidInput("employees_vulnerable cannot exceed employees_total.",
                           pointer="/employees_vulnerable")
    if changes:
        await _flush_checked(session, org)
        after = _audit_view(org)
        record_change(session, actor=actor, entity="organisation", entity_id=org.id, action=action,
                      before=before, after=after, organisation_id=org.id)
        await tell_previous_contact(session, organisation_id=org.id, name=org.name, version=org.version,
                                    previous=before.get("email"), current=after.get("email"))
        await webhooks.enterprise_changed(session, org, before_status=before.get("status"))
    return Updated(org, proposal, sorted(held.proposed))


async def tell_previous_contact(session: AsyncSession, *, organisation_id: int, name: str, version: int,
                                previous: str | None, current: str | None) -> None:
    """The entry's contact e-mail receives claim links: its previous holder hears of a change (queued in the
    change's own transaction), so that a takeover cannot pass unnoticed. The new address is not named."""
    if not previous or previous == current:
        return
    body = (f"Hello,\n\nthe contact e-mail address of {name} on the Social Enterprise Map was changed: "
            "messages and links for this entry no longer come to this address.\n\nIf your organisation did "
            "not ask for this, reply to the cluster's administrators at once, so that they can restore it.\n")
    await outbox.enqueue(session, to=previous, subject=f"The contact e-mail of {name} was changed",
                         body_text=body, dedupe_key=f"contact-email-changed:{organisation_id}:{version}")


async def archive(session: AsyncSession, key: str, *, expected_etag: str | None,
                  actor: ApiToken | None) -> None:
    """Archive the organisation: it leaves the public directory, the row stays."""
    org = await get_organisation(session, key, staff=True, for_update=True)
    check_version(org, expected_etag)
    if org.status == OrganisationStatus.archived.value:
        return
    before = _audit_view(org)
    org.status = OrganisationStatus.archived.value
    await session.flush()
    record_change(session, actor=actor, entity="organisation", entity_id=org.id, action="archive",
                  before=before, after={**before, "status": org.status}, organisation_id=org.id)
    await webhooks.enterprise_changed(session, org, before_status=before["status"])


async def list_offerings(session: AsyncSession, key: str, *, staff: bool) -> list[Offering]:
    org = await get_organisation(session, key, staff=staff, with_offerings=True)
    return list(org.offerings)


async def get_offering(session: AsyncSession, key: str, offering_id: int, *, staff: bool,
                       for_update: bool = False) -> Offering:
    org = await get_organisation(session, key, staff=staff)
    query = select(Offering).where(Offering.id == offering_id, Offering.organisation_id == org.id)
    return await one_or_404(session, query, f"No offering {offering_id} of enterprise {key!r}.", for_update=for_update)


def _offering_view(offering: Offering) -> dict[str, Any]:
    return {c.key: (str(v) if v is not None and not isinstance(v, (str, int, list)) else v)
            for c in Offering.__table__.c
            if c.key not in ("created_at", "updated_at", "version") and (v := getattr(offering, c.key)) is not None}


async def create_offering(session: AsyncSession, key: str, data: OfferingCreate, *,
                          actor: ApiToken | None) -> Offering:
    org = await get_organisation(session, key, staff=True)
    offering = Offering(organisation_id=org.id, **data.model_dump())
    session.add(offering)
    await session.flush()
    await session.refresh(offering)
    record_change(session, actor=actor, entity="offering", entity_id=offering.id, action="create",
                  before={}, after=_offering_view(offering), organisation_id=org.id)
    return offering


async def update_offering(session: AsyncSession, key: str, offering_id: int, patch: OfferingPatch, *,
                          expected_etag: str, actor: ApiToken | None) -> Offering:
    offering = await get_offering(session, key, offering_id, staff=True, for_update=True)
    check_version(offering, expected_etag)
    before = _offering_view(offering)
    for name, value in patch.model_dump(exclude_unset=True).items():
        setattr(offering, name, value)
    low, high = offering.min_order_quantity, offering.max_order_quantity
    if low is not None and high is not None and high < low:
        raise InvalidInput("max_order_quantity must be at least min_order_quantity.",
                           pointer="/max_order_quantity")
    await session.flush()
    await session.refresh(offering)
    record_change(session, actor=actor, entity="offering", entity_id=offering.id, action="update",
                  before=before, after=_offering_view(offering), organisation_id=offering.organisation_id)
    return offering


async def delete_offering(session: AsyncSession, key: str, offering_id: int, *,
                          expected_etag: str | None, actor: ApiToken | None) -> None:
    offering = await get_offering(session, key, offering_id, staff=True, for_update=True)
    check_version(offering, expected_etag)
    record_change(session, actor=actor, entity="offering", entity_id=offering.id, action="delete",
                  before=_offering_view(offering), after={}, organisation_id=offering.organisation_id)
    await session.delete(offering)
    await session.flush()
