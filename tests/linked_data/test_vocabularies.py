"""The linked data expands with a JSON-LD processor (PyLD, offline over committed contexts), and every term it
uses is one its vocabulary publishes (schema.org and ESSGlobal term lists derived from their sources)."""

import json
from pathlib import Path
from typing import Any

import pytest
from httpx import AsyncClient
from pyld import jsonld
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import make_member

DATA = Path(__file__).resolve().parents[2] / "api" / "linked_data" / "data"
VOCABULARIES = json.loads((DATA / "vocabularies.json").read_text())
SCHEMA_ORG_CONTEXT = json.loads((DATA / "contexts" / "schema.org.jsonld").read_text())
SCHEMA_ORG_TERMS = set(VOCABULARIES["schema_org"]["types"]) | set(VOCABULARIES["schema_org"]["properties"])
ESSGLOBAL = VOCABULARIES["essglobal"]
# Namespaces whose terms are used as published by W3C / DCMI / FOAF / GoodRelations, without a list here.
OTHER_NAMESPACES = ("http://purl.org/dc/terms/", "http://xmlns.com/foaf/0.1/", "http://www.w3.org/2003/01/geo/",
                    "http://www.w3.org/2006/vcard/ns#", "http://www.w3.org/2004/02/skos/core#",
                    "http://purl.org/goodrelations/v1#", "http://www.w3.org/2001/XMLSchema#")


def offline_loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """Only the committed contexts: a context that is not here, or does not parse, fails the test."""
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
                "document": SCHEMA_ORG_CONTEXT}
    raise jsonld.JsonLdError(f"no committed context for {url}", "jsonld.LoadDocumentError",
                             code="loading document failed")


def expand(document: dict[str, Any]) -> list[dict[str, Any]]:
    return jsonld.expand(document, {"documentLoader": offline_loader})


def iris(expanded: Any) -> set[str]:
    """Every predicate and type IRI of an expanded document, and the @id of activity concepts."""
    found: set[str] = set()
    if isinstance(expanded, list):
        for item in expanded:
            found |= iris(item)
    elif isinstance(expanded, dict):
        for key, value in expanded.items():
            if key == "@type":
                found |= set(value if isinstance(value, list) else [value])
            elif key == "@id" and str(value).startswith(ESSGLOBAL["activities_namespace"]):
                found.add(value)
            elif not key.startswith("@"):
                found.add(key)
            found |= iris(value) if key != "@type" else set()
    return found


def unknown_terms(found: set[str]) -> list[str]:
    bad = []
    for iri in found:
        if iri.startswith(("https://schema.org/", "http://schema.org/")):
            ok = iri.rsplit("/", 1)[1] in SCHEMA_ORG_TERMS
        elif iri.startswith(ESSGLOBAL["namespace"]):
            ok = iri.removeprefix(ESSGLOBAL["namespace"]) in ESSGLOBAL["terms"]
        elif iri.startswith(ESSGLOBAL["activities_namespace"]):
            ok = iri.removeprefix(ESSGLOBAL["activities_namespace"]) in ESSGLOBAL["activity_sections"]
        else:
            ok = iri.startswith(OTHER_NAMESPACES)
        if not ok:
            bad.append(iri)
    return sorted(bad)


async def _published_member(session: AsyncSession) -> int:
    """A published enterprise of the test's own with an open membership (so the node has memberOf)."""
    membership = await make_member(session)
    await session.commit()
    return membership.organisation_id


async def test_the_schema_org_organization_expands_to_published_terms(client: AsyncClient,
                                                                      session: AsyncSession) -> None:
    organisation_id = await _published_member(session)
    node = (await client.get(f"/api/v1/enterprises/{organisation_id}",
                             headers={"Accept": "application/ld+json"})).json()
    expanded = expand(node)
    assert expanded and expanded[0]["@type"] == ["http://schema.org/Organization"]
    found = iris(expanded)
    assert "http://schema.org/memberOf" in found and "http://schema.org/geo" in found
    assert unknown_terms(found) == []


async def test_the_essglobal_export_expands_to_published_terms(client: AsyncClient) -> None:
    document = (await client.get("/api/v1/exports/enterprises.jsonld", params={"country": "MD"})).json()
    expanded = expand(document)
    assert expanded
    found = iris(expanded)
    assert "http://purl.org/essglobal/vocab/SSEInitiative" in found
    assert any(iri.startswith(ESSGLOBAL["activities_namespace"]) for iri in found)
    assert unknown_terms(found) == []


def test_a_broken_context_or_a_made_up_term_fails() -> None:
    misspelt = {"@context": "https://schema.org", "@type": "Organisation", "nmae": "X"}
    assert unknown_terms(iris(expand(misspelt))) == ["http://schema.org/Organisation", "http://schema.org/nmae"]
    undefined_prefix = {"@context": {"dcterms": "http://purl.org/dc/terms/"}, "@type": "essglobal:SSEInitiative"}
    assert unknown_terms(iris(expand(undefined_prefix))) == ["essglobal:SSEInitiative"]
    with pytest.raises(jsonld.JsonLdError):
        expand({"@context": {"name": {"@id": 42}}, "name": "X"})
    with pytest.raises(jsonld.JsonLdError):  # a context that is not committed is never fetched
        expand({"@context": "https://example.org/context.jsonld", "name": "X"})
