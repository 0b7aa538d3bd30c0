"""A Murmurations profile (organizations_schema-v1.0.0), so the map's members join the federation.

In a profile the organisation is the subject of its `relationships`: it is a member *of* each of its
clusters, so the predicate is schema.org's `memberOf` (`member` would say the cluster belongs to it).
"""

from typing import Any

from api.enterprises.schemas import EnterpriseOut
from api.linked_data.links import ClusterLink

SCHEMA = "organizations_schema-v1.0.0"
MEMBER_OF = "https://schema.org/memberOf"


def profile(out: EnterpriseOut, *, base_url: str, clusters: list[ClusterLink]) -> dict[str, Any]:
    """The organisation's profile; cluster memberships become `relationships` with schema.org/memberOf."""
    lon, lat = out.location.coordinates
    page = f"{base_url}/e/{out.slug}"
    description = out.description.get("en") or next(iter(out.description.values()), None)
    tags = list(dict.fromkeys([out.kind, *out.impact_areas, *out.certifications,
                               *(f"nace:{code}" for code in out.sectors)]))
    urls = [{"name": "Social Enterprise Map", "url": page}]
    if out.website:
        urls.append({"name": "Website", "url": out.website})
    body: dict[str, Any] = {
        "linked_schemas": [SCHEMA],
        "name": out.name,
        "primary_url": out.website or page,
        "tags": tags,
        "urls": urls,
        "description": description,
        "country_iso_3166": out.country,
        "geolocation": {"lat": lat, "lon": lon},
        "relationships": [{"predicate_url": MEMBER_OF, "object_url": c.url} for c in clusters],
    }
    if out.locality:
        body["full_address"] = ", ".join(p for p in (out.address, out.locality, out.country) if p)
    if out.phone:
        body["telephone"] = out.phone
    return {key: value for key, value in body.items() if value not in (None, [], "")}
