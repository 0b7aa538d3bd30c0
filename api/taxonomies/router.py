"""HTTP for the code lists: /api/v1/taxonomies and /api/v1/taxonomies/{name}."""

from typing import Annotated

from fastapi import APIRouter, Header, Query, Response

from api.db import ReadSessionDep
from api.errors import Responses
from api.matching.problems import BAD_PARAMETER, NO_TAXONOMY
from api.taxonomies import service
from api.taxonomies.schemas import Taxonomy, TaxonomyIndex

router = APIRouter(prefix="/api/v1/taxonomies", tags=["taxonomies"])

# Bundled lists change only with a deployment; the services catalogue can change any time.
BUNDLED_CACHE = "public, max-age=86400"
SERVICES_CACHE = "public, max-age=300"


def _cached(body: bytes, etag: str, cache_control: str, if_none_match: str | None) -> Response:
    headers = {"ETag": etag, "Cache-Control": cache_control}
    if if_none_match is not None and etag in {tag.strip() for tag in if_none_match.split(",")}:
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="application/json", headers=headers)


@router.get("", response_model=TaxonomyIndex, summary="List the code lists")
async def list_taxonomies(session: ReadSessionDep) -> TaxonomyIndex:
    """The code lists that endpoints validate against, with their sizes."""
    return TaxonomyIndex(taxonomies=[*service.summaries(), await service.services_summary(session)])


NOT_MODIFIED: Responses = {304: {"description": "Not modified (If-None-Match matched the ETag)."}}


@router.get("/{name}", response_model=Taxonomy, summary="Get one code list with labels and hierarchy",
            responses=NOT_MODIFIED | NO_TAXONOMY | BAD_PARAMETER)
async def get_taxonomy(
    name: str, session: ReadSessionDep,
    tree: Annotated[bool, Query(description="Nest children under their parents (top level only at the root).")]
    = False,
    if_none_match: Annotated[str | None, Header()] = None,
) -> Response:
    """cpv, nace, impacts, beneficiaries, certifications, sdgs or services; labels in ro/en/uk/ru."""
    if name == "services":
        body, etag = service.encode(await service.services(session, tree=tree))
        return _cached(body, etag, SERVICES_CACHE, if_none_match)
    body, etag = service.bundled(name, tree)
    return _cached(body, etag, BUNDLED_CACHE, if_none_match)
