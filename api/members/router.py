"""HTTP for clusters and their members: /api/v1/clusters and /api/v1/members."""

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Header, Query, Response, status

from api.auth.dependencies import OptionalToken, StaffToken, is_admin, is_staff
from api.db import SessionDep
from api.enterprises.models import OrganisationKind
from api.enterprises.schemas import Country
from api.entity import etag_of
from api.errors import Responses, problems
from api.http import IfMatch, require_json_body
from api.inputs import Id
from api.members import formats, service
from api.members.models import MembershipRole, MembershipStatus
from api.members.schemas import (
    MAIN_CLUSTER,
    ClusterOut,
    MemberCreate,
    MemberOut,
    MemberPage,
    MembershipHistory,
    MembershipPatch,
)
from api.pagination import PageDep

clusters_router = APIRouter(prefix="/api/v1/clusters", tags=["members"])
router = APIRouter(prefix="/api/v1/members", tags=["members"], dependencies=[Depends(require_json_body)])

GEOJSON = "application/geo+json"
RegionCode = Annotated[str, Query(pattern=r"^[A-Z]{2}-[A-Z0-9]{1,3}$")]


@clusters_router.get("", response_model=list[ClusterOut], summary="List clusters")
async def list_clusters(session: SessionDep) -> list[ClusterOut]:
    return await service.list_clusters(session)


def member_filters(
    cluster: Annotated[str, Query(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=120,
                                  description="The cluster's slug.")] = MAIN_CLUSTER,
    kind: Annotated[list[OrganisationKind], Query()] = [],  # noqa: B006
    country: Annotated[list[Country], Query(description="RO, MD or UA; repeat to OR.")] = [],  # noqa: B006
    region: Annotated[list[RegionCode], Query(description="ISO 3166-2 unit, e.g. RO-IS.")] = [],  # noqa: B006
    role: Annotated[list[MembershipRole], Query()] = [],  # noqa: B006
    status_: Annotated[list[MembershipStatus], Query(alias="status",
                                                     description="Membership status; default active.")] = [],  # noqa: B006
) -> service.MemberFilters:
    return service.MemberFilters(cluster=cluster, kind=[k.value for k in kind], country=list(country),
                                 region=list(region), role=[r.value for r in role], status=[s.value for s in status_])


Filters = Annotated[service.MemberFilters, Depends(member_filters)]
Format = Literal["json", "geojson", "csv"]


def _chosen_format(format_: Format | None, accept: str | None) -> Format:
    if format_ is not None:
        return format_
    accept = (accept or "").lower()
    if GEOJSON in accept:
        return "geojson"
    return "csv" if "text/csv" in accept else "json"


OTHER_FORMATS: Responses = {200: {"content": {GEOJSON: {}, "text/csv": {}}}}


@router.get("", response_model=MemberPage, summary="List a cluster's members (JSON, GeoJSON or CSV)",
            responses=problems(404) | OTHER_FORMATS)
async def list_members(session: SessionDep, token: OptionalToken, filters: Filters, page: PageDep,
                       format_: Annotated[Format | None, Query(alias="format")] = None,
                       accept: Annotated[str | None, Header(include_in_schema=False)] = None
                       ) -> MemberPage | Response:
    """Organisations with a membership of the cluster, of any kind, in pages of `limit`.

    `format=geojson` (or `Accept: application/geo+json`) gives a FeatureCollection for the map, with
    `total` and `next_cursor` beside the features; `format=csv` gives a spreadsheet of the page.
    """
    chosen = _chosen_format(format_, accept)
    staff, private = is_staff(token), is_admin(token)
    if chosen == "geojson":
        body = await formats.members_geojson(session, filters, page, staff=staff)
        return Response(body, media_type=GEOJSON)
    members = await service.list_members(session, filters, page, staff=staff, private=private)
    if chosen == "csv":
        headers = {"Content-Disposition": f'attachment; filename="members-{filters.cluster}.csv"'}
        if members.next_cursor:
            headers["Link"] = f'<?cursor={members.next_cursor}&limit={page.limit}&format=csv>; rel="next"'
        return Response(formats.members_csv(members, private=private), media_type="text/csv; charset=utf-8",
                        headers=headers)
    return members


@router.get("/{membership_id}", response_model=MemberOut, summary="Get one membership with its organisation")
async def get_member(membership_id: Id, session: SessionDep, token: OptionalToken, response: Response) -> MemberOut:
    member = await service.member_row(session, membership_id, private=is_admin(token), staff=is_staff(token))
    response.headers["ETag"] = etag_of(await service.get_membership(session, membership_id))
    return member


@router.get("/{organisation}/history", response_model=MembershipHistory,
            summary="An organisation's memberships, open and ended")
async def get_membership_history(organisation: str, session: SessionDep, token: OptionalToken) -> MembershipHistory:
    return await service.history(session, organisation, staff=is_staff(token))


@router.post("", response_model=MemberOut, status_code=status.HTTP_201_CREATED,
             summary="Add a member: an existing or a new organisation joins the cluster",
             responses=problems(404, 409))
async def add_member(body: MemberCreate, session: SessionDep, token: StaffToken, response: Response) -> MemberOut:
    membership = await service.join(session, body, actor=token)
    response.headers["ETag"] = etag_of(membership)
    response.headers["Location"] = f"/api/v1/members/{membership.id}"
    member = await service.member_row(session, membership.id, private=is_admin(token), staff=True)
    return member


@router.patch("/{membership_id}", response_model=MemberOut,
              summary="Change a membership's role or status, or end it (needs If-Match)",
              responses=problems(409))
async def update_member(membership_id: Id, body: MembershipPatch, if_match: IfMatch, session: SessionDep,
                        token: StaffToken, response: Response) -> MemberOut:
    membership = await service.update_membership(session, membership_id, body, expected_etag=if_match,
                                                 actor=token)
    response.headers["ETag"] = etag_of(membership)
    member = await service.member_row(session, membership_id, private=is_admin(token), staff=True)
    return member
