"""The columns of an import or export file: one list, so the template, the export and the docs agree."""

from dataclasses import dataclass
from typing import Literal

Kind = Literal["text", "list", "number", "bool"]


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    help: str
    imported: bool = True  # False: written by exports for reference, ignored by imports


LANGUAGES = ("ro", "en", "uk", "ru")

COLUMNS: tuple[Column, ...] = (
    Column("id", "number", "The map's id (exports only; imports match by registration code or external id).",
           imported=False),
    Column("external_id", "text", "Your own id for the row; a re-import with the same id updates it."),
    Column("name", "text", "Name, 2–200 characters. Required."),
    Column("kind", "text", "social_enterprise (default), public_authority, educational_institution, ngo, company, "
                           "financial_institution."),
    Column("status", "text", "draft, pending, published (default), suspended, archived."),
    Column("country", "text", "RO, MD or UA. Required."),
    Column("registration_code", "text", "Registration code (CUI/IDNO/EDRPOU), unique per country."),
    Column("legal_form", "text", "Legal form, e.g. SRL, Asociație, ТОВ."),
    Column("region", "text", "ISO 3166-2 unit (e.g. RO-CJ): helps place a row by its locality; "
                             "the stored region always follows the coordinates."),
    Column("locality", "text", "Town; places the row when lat/lon are empty."),
    Column("address", "text", "Street address."),
    Column("lat", "number", "Latitude, WGS 84 (decimal degrees)."),
    Column("lon", "number", "Longitude, WGS 84 (decimal degrees)."),
    Column("email", "text", "Contact e-mail (shown to staff only)."),
    Column("phone", "text", "Phone number."),
    Column("website", "text", "Website, http(s)://…"),
    Column("contact_person", "text", "Contact person (personal data: shown to staff only)."),
    Column("languages", "list", "ISO 639-1 codes, e.g. ro;en."),
    *(Column(f"description_{lang}", "text", f"Description in {lang}.") for lang in LANGUAGES),
    Column("founded_year", "number", "Year founded, 1800–2100."),
    Column("employees_total", "number", "Employees in total."),
    Column("employees_vulnerable", "number", "Employees from vulnerable groups (at most employees_total)."),
    Column("annual_turnover_eur", "number", "Annual turnover in EUR."),
    Column("impact_areas", "list", "Codes of GET /api/v1/taxonomies/impacts, e.g. work_integration;education."),
    Column("beneficiary_groups", "list", "Codes of GET /api/v1/taxonomies/beneficiaries."),
    Column("sectors", "list", "NACE Rev.2 codes, e.g. 10.71;56.21."),
    Column("certifications", "list", "Codes of GET /api/v1/taxonomies/certifications."),
    Column("service_radius_km", "number", "Delivers within this many km."),
    Column("service_countries", "list", "Or delivers to these countries, e.g. RO;MD."),
    Column("reserved_contract_eligible", "bool", "true/false: eligible for reserved public contracts, from verified "
           "evidence (exports only).", imported=False),
    Column("verified", "bool", "true/false: checked by the cluster."),
    Column("slug", "text", "The map's URL name (exports only).", imported=False),
)

BY_NAME = {column.name: column for column in COLUMNS}
LIST_COLUMNS = frozenset(c.name for c in COLUMNS if c.kind == "list")
IMPORT_ONLY_HELPERS = frozenset({"region", "lat", "lon"})
