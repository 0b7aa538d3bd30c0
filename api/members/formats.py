"""Members as GeoJSON (built by the database) and CSV (api.spreadsheets)."""

import json
from typing import Any

from sqlalchemy import JSON, Text, cast, func, literal_column, select
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.ext.asyncio import AsyncSession

from api.enterprises.models import Organisation
from api.members import service
from api.members.models import Cluster, Membership
from api.members.schemas import MemberPage
from api.pagination import Keyset, PageParams, total_of
from api.spreadsheets import csv_text

# Public fields only: a map layer never carries e-mails or contact persons.
GEOJSON_PROPERTIES = {
    "organisation_id": Organisation.id, "slug": Organisation.slug, "name": Organisation.name,
    "kind": Organisation.kind, "country": Organisation.country, "region_code": Organisation.region_code,
    "locality": Organisation.locality, "website": Organisation.website, "verified": Organisation.verified,
    "employees_total": Organisation.employees_total, "cluster": Cluster.slug, "role": Membership.role,
    "membership_status": Membership.status, "joined_on": Membership.joined_on, "left_on": Membership.left_on,
}
CSV_COLUMNS = [
    "id", "slug", "name", "kind", "legal_form", "registration_code", "country", "region_code", "locality",
    "address", "lon", "lat", "phone", "website", "email", "contact_person", "languages", "founded_year",
    "employees_total", "employees_vulnerable", "annual_turnover_eur", "impact_areas", "beneficiary_groups",
    "sectors", "certifications", "verified", "status", "membership_id", "cluster", "role", "membership_status",
    "joined_on", "left_on",
]
PRIVATE_COLUMNS = {"email", "contact_person"}


def _constant(name: str) -> Any:
    # Property names are this module's own identifiers, never client input.
    return literal_column(f"'{name}'")


async def members_geojson(session: AsyncSession, filters: service.MemberFilters, page: PageParams, *,
                          staff: bool) -> bytes:
    """An RFC 7946 FeatureCollection of one page, built in one statement; total and next_cursor ride along."""
    cluster_id = await service.cluster_id_of(session, filters.cluster)
    rows = service.filtered_members(
        select(Membership.id.label("membership_id"), Organisation.location,
               *[column.label(name) for name, column in GEOJSON_PROPERTIES.items()],
               func.row_number().over(order_by=Membership.id).label("n")),
        filters, cluster_id=cluster_id, staff=staff)
    keyset, limit = Keyset(Membership.id), page.limit
    page_rows = keyset.apply(rows, page).subquery()
    properties = func.json_build_object(*[part for name in GEOJSON_PROPERTIES
                                          for part in (_constant(name), page_rows.c[name])])
    feature = func.json_build_object(
        _constant("type"), _constant("Feature"), _constant("id"), page_rows.c.membership_id,
        _constant("geometry"), cast(func.ST_AsGeoJSON(page_rows.c.location, 7), JSON),
        _constant("properties"), properties)
    in_page = page_rows.c.n <= limit
    statement = select(
        cast(func.coalesce(func.json_agg(aggregate_order_by(feature, page_rows.c.n)).filter(in_page),
                           literal_column("'[]'::json")), Text),
        func.count(), func.max(page_rows.c.membership_id).filter(in_page))
    features, fetched, last_id = (await session.execute(statement)).one()
    total, exact = await total_of(session, service.filtered_members(select(Membership.id), filters,
                                                                    cluster_id=cluster_id, staff=staff))
    next_cursor = keyset.cursor_after(last_id) if fetched > limit else None
    tail = json.dumps({"total": total, "total_exact": exact, "next_cursor": next_cursor})[1:]
    return f'{{"type":"FeatureCollection","features":{features},{tail}'.encode()


def members_csv(page: MemberPage, *, private: bool) -> str:
    """One page of members as CSV with a header row; arrays joined with `;`; formulas neutralised."""
    columns = [c for c in CSV_COLUMNS if private or c not in PRIVATE_COLUMNS]
    rows = []
    for item in page.items:
        membership = item.membership
        lon, lat = item.location.coordinates
        row = {**dict(item), "lon": lon, "lat": lat, "membership_id": membership.id,
               "cluster": membership.cluster, "role": membership.role,
               "membership_status": membership.status, "joined_on": membership.joined_on,
               "left_on": membership.left_on}
        rows.append([row.get(column) for column in columns])
    return csv_text(columns, rows)
