"""The rows an export reads: one query, filtered like the search, read with Core, and flattened to columns."""

from typing import Any

from sqlalchemy import func, select

from api.db import AnySelect
from api.enterprises.filters import EnterpriseFilters, apply_filters
from api.enterprises.models import Organisation
from api.imports.columns import COLUMNS, LANGUAGES
from api.imports.models import OrganisationExternalId

PRIVATE = ("email", "contact_person")
HEADER = [column.name for column in COLUMNS]
_DB_COLUMNS = ("id", "slug", "kind", "status", "name", "country", "registration_code", "legal_form", "region_code",
               "locality", "address", "email", "phone", "website", "contact_person", "languages", "description",
               "founded_year", "employees_total", "employees_vulnerable", "annual_turnover_eur", "impact_areas",
               "beneficiary_groups", "sectors", "certifications", "service_radius_km", "service_countries",
               "reserved_contract_eligible", "verified")


def export_query(filters: EnterpriseFilters, *, staff: bool) -> AnySelect:
    org = Organisation
    query = (select(*(getattr(org, name) for name in _DB_COLUMNS),
                    func.ST_Y(org.location).label("lat"), func.ST_X(org.location).label("lon"),
                    OrganisationExternalId.external_id)
             .outerjoin(OrganisationExternalId, OrganisationExternalId.organisation_id == org.id))
    return apply_filters(query, filters, staff=staff).order_by(org.id)


def public_view(row: Any, *, staff: bool) -> dict[str, Any]:
    """The row as a dict, with the personal fields hidden from non-staff."""
    out = dict(row)
    if not staff:
        for name in PRIVATE:
            out[name] = None
    return out


def flat(row: dict[str, Any]) -> dict[str, Any]:
    """Column name -> value, as the import reads it back (descriptions split by language)."""
    values = {name: row.get(name) for name in HEADER}
    values["region"] = row.get("region_code")
    description = row.get("description") or {}
    for lang in LANGUAGES:
        values[f"description_{lang}"] = description.get(lang)
    return values
