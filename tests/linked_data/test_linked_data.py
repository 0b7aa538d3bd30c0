"""schema.org JSON-LD by content negotiation, and Murmurations profiles valid against the schema."""

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
from httpx import AsyncClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from api.enterprises.models import Organisation
from api.linked_data.essglobal import ACTIVITY_OF_SECTION, activities
from api.members.models import Cluster
from tests.factories import make_member

# The real schemas of the Murmurations library, with their fields inlined (scripts/derive_murmurations_schema.py).
SCHEMAS = Path(__file__).resolve().parents[2] / "api" / "linked_data" / "data" / "murmurations"
SCHEMA = json.loads((SCHEMAS / "organizations_schema-v1.0.0.json").read_text())
DEFAULT_SCHEMA = json.loads((SCHEMAS / "default-v2.1.0.json").read_text())


@dataclass
class Member:
    id: int
    name: str
    cluster: str


async def _member(session: AsyncSession) -> Member:
    """A published enterprise of the test's own, an open member of a cluster of the test's own."""
    membership = await make_member(session)
    organisation = await session.get(Organisation, membership.organisation_id)
    cluster = await session.get(Cluster, membership.cluster_id)
    await session.commit()
    assert organisation is not None and cluster is not None
    return Member(organisation.id, organisation.name, cluster.slug)


async def test_accept_ld_json_gives_a_schema_org_organization(client: AsyncClient, session: AsyncSession) -> None:
    member = await _member(session)
    r = await client.get(f"/api/v1/enterprises/{member.id}", headers={"Accept": "application/ld+json"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/ld+json")
    assert "Accept" in r.headers["vary"].split(", ") and r.headers["etag"]
    node = r.json()
    assert (node["@context"], node["@type"], node["name"]) == ("https://schema.org", "Organization", member.name)
    assert node["geo"]["@type"] == "GeoCoordinates" and "latitude" in node["geo"]
    assert member.cluster in node["memberOf"][0]["url"]
    assert "email" not in node  # private to staff


async def test_plain_json_stays_the_default(client: AsyncClient, session: AsyncSession) -> None:
    member = await _member(session)
    r = await client.get(f"/api/v1/enterprises/{member.id}", headers={"Accept": "application/json"})
    assert r.headers["content-type"] == "application/json" and "offerings" in r.json()


async def test_murmurations_profile_is_valid_against_the_schema(client: AsyncClient, session: AsyncSession) -> None:
    member = await _member(session)
    r = await client.get(f"/api/v1/enterprises/{member.id}/murmurations.json")
    assert r.status_code == 200, r.text
    profile = r.json()
    jsonschema.Draft7Validator(SCHEMA).validate(profile)
    jsonschema.Draft7Validator(DEFAULT_SCHEMA).validate(profile)  # the index's first check of every profile
    assert set(profile) <= set(SCHEMA["properties"])
    assert profile["linked_schemas"] == ["organizations_schema-v1.0.0"]
    # The enterprise (the profile's subject) is a member of the cluster, and the link opens its page.
    relationship = profile["relationships"][0]
    assert relationship["predicate_url"] == "https://schema.org/memberOf"
    assert relationship["object_url"].endswith(f"/cluster/{member.cluster}")


async def test_every_kind_of_demo_profile_is_valid(client: AsyncClient, session: AsyncSession) -> None:
    # A test of the demo data: ten entries of each kind and country it holds (members, authorities, schools,
    # Ukrainian entries in Cyrillic), each answered and valid.
    ids = (await session.scalars(text("""
        SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY kind, country ORDER BY id) AS n
                        FROM organisations WHERE is_demo AND status = 'published') ranked
        WHERE n <= 10 ORDER BY id"""))).all()
    assert len(ids) >= 40
    for organisation_id in ids:
        response = await client.get(f"/api/v1/enterprises/{organisation_id}/murmurations.json")
        assert response.status_code == 200, (organisation_id, response.text)
        jsonschema.Draft7Validator(SCHEMA).validate(response.json())


async def test_unpublished_enterprises_have_no_profile(client: AsyncClient, enterprise: dict[str, Any],
                                                       admin_headers: dict[str, str]) -> None:
    archived = await client.delete(f"/api/v1/enterprises/{enterprise['id']}", headers=admin_headers)
    assert archived.status_code == 204
    r = await client.get(f"/api/v1/enterprises/{enterprise['id']}/murmurations.json")
    assert r.status_code == 404 and r.headers["content-type"].startswith("application/problem+json")


def test_essglobal_activities_follow_nace_sections() -> None:
    assert len(ACTIVITY_OF_SECTION) == 21 and ACTIVITY_OF_SECTION["U"] == "a21"
    assert activities(["56.21", "56.10", "88.10"]) == [
        "http://purl.org/essglobal/standard/activities/a09", "http://purl.org/essglobal/standard/activities/a17"]
