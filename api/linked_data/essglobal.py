"""The ESSGlobal (RIPESS) vocabulary for solidarity-economy initiatives, as JSON-LD.

ESSGlobal's activities standard has 21 concepts, a01–a21, one per NACE Rev.2 section A–U (its
`altLabel` carries the section letter), so an enterprise's activities follow from its NACE codes.
The concepts and the vocabulary's terms come from the published vocabulary (data/vocabularies.json,
derived by scripts/derive_linked_data_terms.py).
"""

import json
from functools import cache
from pathlib import Path
from typing import Any

from api.taxonomies import catalog

VOCABULARIES = json.loads((Path(__file__).parent / "data" / "vocabularies.json").read_text(encoding="utf-8"))

ESSGLOBAL = "http://purl.org/essglobal/vocab/"
ACTIVITIES = "http://purl.org/essglobal/standard/activities/"

CONTEXT: dict[str, Any] = {
    "essglobal": ESSGLOBAL,
    "activities": ACTIVITIES,
    "gr": "http://purl.org/goodrelations/v1#",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "geo": "http://www.w3.org/2003/01/geo/wgs84_pos#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
# Section letter -> ESSGlobal activity concept: A -> a01, …, U -> a21.
ACTIVITY_OF_SECTION = {section: concept for concept, section in
                       VOCABULARIES["essglobal"]["activity_sections"].items()}


@cache
def _section_of_code() -> dict[str, str]:
    return {item["code"]: item["section"] for item in catalog.load("nace")["items"] if item.get("section")}


def activities(sectors: list[str]) -> list[str]:
    """The ESSGlobal activity IRIs of NACE codes, once each, in the order of the codes."""
    sections = _section_of_code()
    concepts = [ACTIVITY_OF_SECTION[sections[code]] for code in sectors if sections.get(code) in ACTIVITY_OF_SECTION]
    return [f"{ACTIVITIES}{concept}" for concept in dict.fromkeys(concepts)]


def initiative(row: dict[str, Any], *, base_url: str) -> dict[str, Any]:
    """One organisation as an essglobal:SSEInitiative node (without @context, for a @graph)."""
    node: dict[str, Any] = {
        "@id": f"{base_url}/api/v1/enterprises/{row['id']}",
        "@type": "essglobal:SSEInitiative",
        "gr:name": row["name"],
        "dcterms:identifier": row["slug"],
        "essglobal:hasAddress": {
            "@type": "essglobal:Address",
            "vcard:street-address": row.get("address"),
            "vcard:locality": row.get("locality"),
            "vcard:region": row.get("region_code"),
            "vcard:country-name": row["country"],
        },
        "geo:lat": {"@value": row["lat"], "@type": "xsd:double"},
        "geo:long": {"@value": row["lon"], "@type": "xsd:double"},
        "essglobal:economicSector": [{"@id": iri} for iri in activities(row.get("sectors") or [])],
    }
    if row.get("legal_form"):
        node["essglobal:legalForm"] = {"@type": "skos:Concept", "skos:prefLabel": row["legal_form"]}
    if row.get("website"):
        node["foaf:homepage"] = {"@id": row["website"]}
    if row.get("registration_code"):
        node["gr:legalName"] = row["name"]
        node["dcterms:identifier"] = [row["slug"], row["registration_code"]]
    descriptions = [{"@value": text, "@language": lang} for lang, text in (row.get("description") or {}).items()]
    if descriptions:
        node["dcterms:description"] = descriptions
    return {key: value for key, value in node.items() if value not in (None, [], "")}
