"""HTTP for federation: an organisation's Murmurations profile."""

from typing import Any

from fastapi import APIRouter, Request

from api.db import ReadSessionDep
from api.enterprises import service as enterprises
from api.linked_data import murmurations
from api.linked_data.service import clusters_of
from api.urls import public_base_url

router = APIRouter(prefix="/api/v1/enterprises", tags=["linked data"])

EXAMPLE_PROFILE = {
    "linked_schemas": ["organizations_schema-v1.0.0"], "name": "Brutăria Bunătății",
    "primary_url": "https://example.org", "tags": ["social_enterprise", "work_integration", "nace:10.71"],
    "urls": [{"name": "Social Enterprise Map", "url": "https://map.example/e/brutaria-bunatatii"}],
    "description": "A bakery that employs young care leavers.", "country_iso_3166": "RO",
    "geolocation": {"lat": 46.7712, "lon": 23.6236},
    "relationships": [{"predicate_url": "https://schema.org/memberOf",
                       "object_url": "https://map.example/cluster/accelerator-of-social-enterprises"}],
}


@router.get("/{key}/murmurations.json", summary="Get an enterprise's Murmurations profile",
            responses={200: {"content": {"application/json": {"example": EXAMPLE_PROFILE}}}})
async def get_murmurations_profile(key: str, request: Request, session: ReadSessionDep) -> dict[str, Any]:
    """A profile valid against Murmurations' organizations_schema-v1.0.0, for published enterprises."""
    org = await enterprises.get_organisation(session, key, staff=False)
    base = public_base_url(request)
    out = enterprises.organisation_to_out(org, private=False)
    return murmurations.profile(out, base_url=base, clusters=await clusters_of(session, org.id, base=base))
