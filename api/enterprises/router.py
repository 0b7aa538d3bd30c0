"""HTTP for the enterprise directory: /api/v1/enterprises and their offerings."""

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query, Request, Response, status

from api.auth.dependencies import (
    OfferingEditor,
    OptionalToken,
    OrganisationEditor,
    StaffToken,
    is_admin,
    is_staff,
    sees_personal_data,
)
from api.db import ReadSessionDep, SessionDep
from api.enterprises import search, service
from api.enterprises.filters import EnterpriseFiltersDep
from api.enterprises.formats import (
    CSV_MEDIA_TYPE,
    GEOJSON_MEDIA_TYPE,
    OutputFormat,
    csv_bytes,
    feature_collection,
    json_page,
    negotiate,
)
from api.enterprises.models import Offering
from api.enterprises.schemas import (
    EnterpriseCreate,
    EnterpriseCreated,
    EnterpriseDetail,
    EnterprisePage,
    EnterprisePatch,
    EnterpriseUpdated,
    OfferingCreate,
    OfferingOut,
    OfferingPatch,
)
from api.enterprises.search import Sort
from api.entity import etag_of
from api.errors import problems
from api.http import DefaultLimit, IfMatch, Limit, OptionalIfMatch, accepts, require_json_body
from api.inputs import Id
from api.linked_data import service as linked_data
from api.urls import public_base_url

router = APIRouter(prefix="/api/v1/enterprises", tags=["enterprises"],
                   dependencies=[Depends(require_json_body)])

Filters = EnterpriseFiltersDep

LIST_RESPONSES: dict[int | str, dict[str, Any]] = {200: {
    "description": "A page of enterprises: JSON by default; a GeoJSON FeatureCollection (RFC 7946) with "
                   "`format=geojson` or `Accept: application/geo+json`; CSV with `format=csv`.",
    "content": {
        GEOJSON_MEDIA_TYPE: {"example": {"type": "FeatureCollection", "features": [{
            "type": "Feature", "id": 1, "geometry": {"type": "Point", "coordinates": [23.6236, 46.7712]},
            "properties": {"id": 1, "name": "Brutăria Bunătății", "country": "RO", "distance_km": 1.204}}],
            "next_cursor": None, "total": 1, "total_exact": True}},
        CSV_MEDIA_TYPE: {"schema": {"type": "string"}},
    },
}}
SortParam = Annotated[Sort | None, Query(description="id (default), name, distance (needs lat/lon) or "
                                                      "relevance (default with q).")]
FormatParam = Annotated[OutputFormat | None, Query(alias="format", description="json, geojson or csv; "
                                                   "overrides Accept.")]


@router.get("", response_model=EnterprisePage, summary="List and search enterprises", responses=LIST_RESPONSES)
async def list_enterprises(request: Request, session: ReadSessionDep, token: OptionalToken, filters: Filters,
                           limit: Limit = DefaultLimit, cursor: str | None = None, sort: SortParam = None,
                           format_: FormatParam = None,
                           accept: Annotated[str | None, Header(include_in_schema=False)] = None) -> Any:
    """Published enterprises (staff may ask for other statuses), filtered, sorted and paged by `cursor`.

    With `lat`/`lon` every item carries `distance_km` (geodesic, WGS 84 spheroid).
    """
    staff, private = is_staff(token), is_admin(token)
    order = search.resolve_sort(sort, filters)
    output = negotiate(format_, accept)
    if output is OutputFormat.geojson:
        features, following = await search.geojson_page(session, filters, order, limit=limit, cursor=cursor,
                                                        staff=staff, private=private)
        total, exact = await search.total(session, filters, staff=staff)
        body = feature_collection(features, next_cursor=following, total=total, exact=exact)
        return Response(body, media_type=GEOJSON_MEDIA_TYPE)
    if output is OutputFormat.json:
        items, following = await search.json_page(session, filters, order, limit=limit, cursor=cursor,
                                                  staff=staff, private=private)
        total, exact = await search.total(session, filters, staff=staff)
        return Response(json_page(items, total=total, exact=exact, limit=limit, next_cursor=following),
                        media_type="application/json")
    rows, following = await search.list_rows(session, filters, order, limit=limit, cursor=cursor, staff=staff,
                                             private=private)
    total, _ = await search.total(session, filters, staff=staff)
    body = csv_bytes(rows, private=private, with_distance=filters.point is not None)
    headers = {"Content-Disposition": 'inline; filename="enterprises.csv"', "X-Total-Count": str(total)}
    if following is not None:
        headers["Link"] = f'<{request.url.include_query_params(cursor=following)}>; rel="next"'
    return Response(body, media_type=f"{CSV_MEDIA_TYPE}; charset=utf-8", headers=headers)


@router.get("/{key}", response_model=EnterpriseDetail, summary="Get one enterprise by id or slug",
            responses={200: {"content": {"application/ld+json": {"schema": {"type": "object"}}},
                             "description": "JSON; with `Accept: application/ld+json`, a schema.org "
                                            "Organization in JSON-LD."}})
async def get_enterprise(key: str, request: Request, session: ReadSessionDep, token: OptionalToken,
                         response: Response) -> EnterpriseDetail | Response:
    staff = is_staff(token)
    org = await service.get_organisation(session, key, staff=staff, with_offerings=True)
    out = service.organisation_to_out(org, private=sees_personal_data(token, org.id))
    out.clusters = await service.member_clusters(session, org)
    if accepts(request.headers.get("accept"), linked_data.JSONLD_MEDIA_TYPE):
        body = await linked_data.organisation_jsonld(session, out, base=public_base_url(request))
        return Response(json.dumps(body, ensure_ascii=False, default=str), media_type=linked_data.JSONLD_MEDIA_TYPE,
                        headers={"ETag": etag_of(org), "Vary": "Accept"})
    response.headers["ETag"] = etag_of(org)
    response.headers["Vary"] = "Accept"
    return EnterpriseDetail.model_validate({**dict(out), "offerings": org.offerings})


@router.post("", response_model=EnterpriseCreated, status_code=status.HTTP_201_CREATED,
             summary="Create an enterprise", responses=problems(409))
async def create_enterprise(body: EnterpriseCreate, session: SessionDep, token: StaffToken,
                            response: Response) -> EnterpriseCreated:
    """Created even when it looks like an existing entry: `possible_duplicates` names those, for a merge."""
    org = await service.create(session, body, actor=token)
    response.headers["ETag"] = etag_of(org)
    response.headers["Location"] = f"/api/v1/enterprises/{org.id}"
    duplicates = await service.possible_duplicates(session, org)
    shown = service.organisation_to_out(org, private=sees_personal_data(token, org.id))
    return EnterpriseCreated.model_validate({**dict(shown), "possible_duplicates": duplicates})


@router.patch("/{key}", response_model=EnterpriseUpdated, summary="Change an enterprise (needs If-Match)",
              responses=problems(409))
async def update_enterprise(key: str, body: EnterprisePatch, if_match: IfMatch, session: SessionDep,
                            token: OrganisationEditor, response: Response) -> EnterpriseUpdated:
    """What each role writes directly and what it only proposes is the write policy's (see the README's
    "Roles and writes"): held fields go to the moderation queue and are named in `proposal`."""
    updated = await service.update(session, key, body, expected_etag=if_match, actor=token)
    org = updated.organisation
    response.headers["ETag"] = etag_of(org)
    proposal = ({"submission_id": updated.proposal.id, "fields": updated.proposed_fields}
                if updated.proposal is not None else None)
    shown = service.organisation_to_out(org, private=sees_personal_data(token, org.id))
    return EnterpriseUpdated.model_validate({**dict(shown), "proposal": proposal})


@router.delete("/{key}", status_code=status.HTTP_204_NO_CONTENT,
               summary="Archive an enterprise (the row is kept)")
async def archive_enterprise(key: str, session: SessionDep, token: StaffToken,
                             if_match: OptionalIfMatch) -> None:
    await service.archive(session, key, expected_etag=if_match, actor=token)


@router.get("/{key}/offerings", response_model=list[OfferingOut], summary="List an enterprise's offerings")
async def list_offerings(key: str, session: ReadSessionDep, token: OptionalToken) -> list[Offering]:
    return await service.list_offerings(session, key, staff=is_staff(token))


@router.get("/{key}/offerings/{offering_id}", response_model=OfferingOut, summary="Get one offering")
async def get_offering(key: str, offering_id: Id, session: ReadSessionDep, token: OptionalToken,
                       response: Response) -> Offering:
    offering = await service.get_offering(session, key, offering_id, staff=is_staff(token))
    response.headers["ETag"] = etag_of(offering)
    return offering


@router.post("/{key}/offerings", response_model=OfferingOut, status_code=status.HTTP_201_CREATED,
             summary="Add an offering")
async def create_offering(key: str, body: OfferingCreate, session: SessionDep, token: OfferingEditor,
                          response: Response) -> Offering:
    offering = await service.create_offering(session, key, body, actor=token)
    response.headers["ETag"] = etag_of(offering)
    return offering


@router.patch("/{key}/offerings/{offering_id}", response_model=OfferingOut,
              summary="Change an offering (needs If-Match)")
async def update_offering(key: str, offering_id: Id, body: OfferingPatch, if_match: IfMatch,
                          session: SessionDep, token: OfferingEditor, response: Response) -> Offering:
    offering = await service.update_offering(session, key, offering_id, body, expected_etag=if_match,
                                             actor=token)
    response.headers["ETag"] = etag_of(offering)
    return offering


@router.delete("/{key}/offerings/{offering_id}", status_code=status.HTTP_204_NO_CONTENT,
               summary="Remove an offering")
async def delete_offering(key: str, offering_id: Id, session: SessionDep, token: OfferingEditor,
                          if_match: OptionalIfMatch) -> None:
    await service.delete_offering(session, key, offering_id, expected_etag=if_match, actor=token)
