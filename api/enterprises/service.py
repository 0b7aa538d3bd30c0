"""The enterprise directory's rules and queries (no HTTP here)."""

from typing import Any

from geoalchemy2.shape import to_shape
from slugify import slugify
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from api.audit import service as audit
from api.auth.models import ApiToken
from api.db import one_or_404
from api.duplicates.service import find_candidates
from api.enterprises.models import Offering, Organisation, OrganisationStatus
from api.enterprises.schemas import (
    EnterpriseCreate,
    EnterprisePatch,
    OfferingCreate,
    OfferingPatch,
)
from api.enterprises.search import LIST_COLUMNS, PRIVATE_FIELDS
from api.errors import Conflict, InvalidInput, NotFound, PreconditionFailed
from api.geo.geojson import point_json, point_wkt
from api.history.service import record_revision
from api.webhooks import service as webhooks


def etag(entity: Organisation | Offering) -> str:
    return f'"{entity.id}.{entity.version}"'


def row_to_out(row: dict[str, Any], *, private: bool) -> dict[str, Any]:
    """A list row (columns, lon, lat) as the API shows it; personal data (`private`) for admins only."""
    out = dict(row)
    out.pop("sort_key", None)
    out["location"] = point_json(out.pop("lon"), out.pop("lat"))
    if not private:
        for name in PRIVATE_FIELDS:
            out[name] = None
    if "claimed_at" in out:
        out["claimed"] = out["claimed_at"] is not None
    return out


def organisation_to_out(org: Organisation, *, private: bool) -> dict[str, Any]:
    point = to_shape(org.location)
    row = {c.name: getattr(org, c.key) for c in LIST_COLUMNS}
    return row_to_out({**row, "lon": point.x, "lat": point.y}, private=private)


async def get_organisation(session: AsyncSession, key: str, *, staff: bool,
                           with_offerings: bool = False, for_update: bool = False) -> Organisation:
    """The organisation by id or slug; unpublished ones exist only for staff."""
    query = select(Organisation)
    query = query.where(Organisation.id == int(key)) if key.isdigit() else query.where(Organisation.slug == key)
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
    out = organisation_to_out(org, private=True)
    return {k: (str(v) if not isinstance(v, (str, int, float, bool, list, dict, type(None))) else v)
            for k, v in out.items() if k not in ("created_at", "updated_at", "version")}


def snapshot(org: Organisation) -> dict[str, Any]:
    """Every field of the organisation as revisions keep it (personal data included: admins only)."""
    return _audit_view(org)


async def possible_duplicates(session: AsyncSession, org: Organisation) -> list[dict[str, Any]]:
    """Other organisations this one may duplicate (near with a similar name, or the same code)."""
    point = to_shape(org.location)
    return await find_candidates(session, name=org.name, lon=point.x, lat=point.y, country=org.country,
                                 registration_code=org.registration_code, exclude_id=org.id)


async def create(session: AsyncSession, data: EnterpriseCreate, *, actor: ApiToken | None) -> Organisation:
    values = _column_values(data.model_dump(exclude={"location"}) | {"location": data.location})
    values["slug"] = values["slug"] or await _unique_slug(session, data.name)
    org = Organisation(**values)
    session.add(org)
    await _flush_checked(session, org)
    after = _audit_view(org)
    audit.record(session, actor=actor, entity="organisation", entity_id=org.id, action="create",
                 changes=audit.diff({}, after))
    record_revision(session, org.id, actor, entity="organisation", entity_id=org.id, action="create",
                    before={}, after=after)
    await webhooks.enterprise_changed(session, org, before_status=None)
    return org


async def update(session: AsyncSession, key: str, patch: EnterprisePatch, *, expected_etag: str,
                 actor: ApiToken | None, action: str = "update") -> Organisation:
    org = await get_organisation(session, key, staff=True, for_update=True)
    if etag(org) != expected_etag:
        raise PreconditionFailed("The enterprise changed since you read it; GET it again and retry.",
                                 current_etag=etag(org))
    before = _audit_view(org)
    changes = patch.model_dump(exclude_unset=True)
    if "location" in changes:
        changes["location"] = patch.location
    for name, value in _column_values(changes).items():
        setattr(org, name, value)
    total = org.employees_total
    if org.employees_vulnerable > total:
        raise InvalidInput("employees_vulnerable cannot exceed employees_total.",
                           pointer="/employees_vulnerable")
    await _flush_checked(session, org)
    after = _audit_view(org)
    audit.record(session, actor=actor, entity="organisation", entity_id=org.id, action=action,
                 changes=audit.diff(before, after))
    record_revision(session, org.id, actor, entity="organisation", entity_id=org.id, action=action,
                    before=before, after=after)
    await webhooks.enterprise_changed(session, org, before_status=before.get("status"))
    return org


async def archive(session: AsyncSession, key: str, *, expected_etag: str | None,
                  actor: ApiToken | None) -> None:
    """Archive the organisation: it leaves the public directory, the row stays."""
    org = await get_organisation(session, key, staff=True, for_update=True)
    if expected_etag is not None and etag(org) != expected_etag:
        raise PreconditionFailed("The enterprise changed since you read it.", current_etag=etag(org))
    if org.status == OrganisationStatus.archived.value:
        return
    before, view = org.status, _audit_view(org)
    org.status = OrganisationStatus.archived.value
    await session.flush()
    audit.record(session, actor=actor, entity="organisation", entity_id=org.id, action="archive",
                 changes={"status": {"before": before, "after": org.status}})
    record_revision(session, org.id, actor, entity="organisation", entity_id=org.id, action="archive",
                    before=view, after={**view, "status": org.status})
    await webhooks.enterprise_changed(session, org, before_status=before)


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
    audit.record(session, actor=actor, entity="offering", entity_id=offering.id, action="create",
                 changes=audit.diff({}, _offering_view(offering)))
    record_revision(session, org.id, actor, entity="offering", entity_id=offering.id, action="create",
                    before={}, after=_offering_view(offering))
    return offering


async def update_offering(session: AsyncSession, key: str, offering_id: int, patch: OfferingPatch, *,
                          expected_etag: str, actor: ApiToken | None) -> Offering:
    offering = await get_offering(session, key, offering_id, staff=True, for_update=True)
    if etag(offering) != expected_etag:
        raise PreconditionFailed("The offering changed since you read it; GET it again and retry.",
                                 current_etag=etag(offering))
    before = _offering_view(offering)
    for name, value in patch.model_dump(exclude_unset=True).items():
        setattr(offering, name, value)
    low, high = offering.min_order_quantity, offering.max_order_quantity
    if low is not None and high is not None and high < low:
        raise InvalidInput("max_order_quantity must be at least min_order_quantity.",
                           pointer="/max_order_quantity")
    await session.flush()
    await session.refresh(offering)
    audit.record(session, actor=actor, entity="offering", entity_id=offering.id, action="update",
                 changes=audit.diff(before, _offering_view(offering)))
    record_revision(session, offering.organisation_id, actor, entity="offering", entity_id=offering.id,
                    action="update", before=before, after=_offering_view(offering))
    return offering


async def delete_offering(session: AsyncSession, key: str, offering_id: int, *,
                          expected_etag: str | None, actor: ApiToken | None) -> None:
    offering = await get_offering(session, key, offering_id, staff=True, for_update=True)
    if expected_etag is not None and etag(offering) != expected_etag:
        raise PreconditionFailed("The offering changed since you read it.", current_etag=etag(offering))
    audit.record(session, actor=actor, entity="offering", entity_id=offering.id, action="delete",
                 changes=audit.diff(_offering_view(offering), {}))
    record_revision(session, offering.organisation_id, actor, entity="offering", entity_id=offering.id,
                    action="delete", before=_offering_view(offering), after={})
    await session.delete(offering)
    await session.flush()
