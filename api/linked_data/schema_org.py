"""schema.org `Organization` JSON-LD for a public profile (search engines, linked-data clients)."""

from typing import Any

from api.enterprises.schemas import EnterpriseOut
from api.linked_data.links import ClusterLink
from api.taxonomies import catalog

SCHEMA_ORG = "https://schema.org"


def _nace_term(code: str) -> dict[str, Any]:
    labels = {item["code"]: item.get("label_en") for item in catalog.load("nace")["items"]}
    return {"@type": "DefinedTerm", "termCode": code, "name": labels.get(code),
            "inDefinedTermSet": "https://ec.europa.eu/eurostat/web/nace"}


def organisation(out: EnterpriseOut, *, base_url: str, clusters: list[ClusterLink]) -> dict[str, Any]:
    """The organisation as schema.org sees it; `out` is the API's own view (private fields already hidden)."""
    lon, lat = out.location.coordinates
    node: dict[str, Any] = {
        "@context": SCHEMA_ORG,
        "@type": "Organization",
        "@id": f"{base_url}/api/v1/enterprises/{out.id}",
        "identifier": [{"@type": "PropertyValue", "propertyID": "slug", "value": out.slug}],
        "name": out.name,
        "url": out.website or f"{base_url}/e/{out.slug}",
        "email": out.email,
        "telephone": out.phone,
        "address": {"@type": "PostalAddress", "streetAddress": out.address,
                    "addressLocality": out.locality, "addressRegion": out.region_code,
                    "addressCountry": out.country},
        "geo": {"@type": "GeoCoordinates", "latitude": lat, "longitude": lon},
        "description": [{"@value": text, "@language": lang} for lang, text in out.description.items()],
        "foundingDate": str(out.founded_year) if out.founded_year else None,
        "numberOfEmployees": {"@type": "QuantitativeValue", "value": out.employees_total},
        "knowsAbout": [_nace_term(code) for code in out.sectors],
        "keywords": ", ".join([*out.impact_areas, *out.certifications]) or None,
        "areaServed": out.service_countries or None,
        "memberOf": [{"@type": "Organization", "name": c.name, "url": c.url} for c in clusters] or None,
    }
    if out.registration_code:
        node["identifier"].append({"@type": "PropertyValue", "propertyID": "registration_code",
                                   "value": out.registration_code})
    if out.legal_form:
        node["additionalType"] = out.legal_form
    return {key: value for key, value in node.items() if value not in (None, [], "")}
