"""HTTP for the enterprise directory: /api/v1/enterprises and their offerings."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from api.auth.dependencies import OfferingEditor, OptionalToken, OrganisationEditor, StaffToken, is_staff
from api.db import SessionDep
from api.enterprises import service
from api.enterprises.models import OrganisationKind, OrganisationStatus
from api.enterprises.schemas import (
    Country,
    EnterpriseCreate,
    EnterpriseDetail,
    EnterpriseOut,
    EnterprisePage,
    EnterprisePatch,
    OfferingCreate,
    OfferingOut,
    OfferingPatch,
)
from api.http import DefaultLimit, IfMatch, Limit, OptionalIfMatch, require_json_body

router = APIRouter(prefix="/api/v1/enterprises", tags=["enterprises"],
                   dependencies=[Depends(require_json_body)])

RegionCode = Annotated[str, Query(pattern=r"^[A-Z]{2}-[A-Z0-9]{1,3}$")]


def list_filters(
    country: Annotated[list[Country], Query(description="RO, MD or UA; repeat to OR.")] = [],  # noqa: B006
    region: Annotated[list[RegionCode], Query(description="ISO 3166-2 unit, e.g. RO-CJ.")] = [],  # noqa: B006
    kind: Annotated[list[OrganisationKind], Query()] = [],  # noqa: B006
    status_: Annotated[list[OrganisationStatus], Query(alias="status",
                                                       description="Staff only.")] = [],  # noqa: B006
    verified: bool | None = None,
) -> service.EnterpriseFilters:
    return service.EnterpriseFilters(country=list(country), region=list(region), kind=[k.value for k in kind],
                                     status=[s.value for s in status_], verified=verified)


Filters = Annotated[service.EnterpriseFilters, Depends(list_filters)]


@router.get("", response_model=EnterprisePage, summary="List and search enterprises")
async def list_enterprises(session: SessionDep, token: OptionalToken, filters: Filters,
                           limit: Limit = DefaultLimit, cursor: str | None = None) -> dict:
    """Published enterprises (staff may ask for other statuses), in pages of `limit`."""
    return await service.list_enterprises(session, filters, limit=limit, cursor=cursor,
                                          staff=is_staff(token))


@router.get("/{key}", response_model=EnterpriseDetail, summary="Get one enterprise by id or slug")
async def get_enterprise(key: str, session: SessionDep, token: OptionalToken, response: Response) -> dict:
    staff = is_staff(token)
    org = await service.get_organisation(session, key, staff=staff, with_offerings=True)
    response.headers["ETag"] = service.etag(org)
    return {**service.organisation_to_out(org, staff=staff), "offerings": org.offerings}


@router.post("", response_model=EnterpriseOut, status_code=status.HTTP_201_CREATED,
             summary="Create an enterprise")
async def create_enterprise(body: EnterpriseCreate, session: SessionDep, token: StaffToken,
                            response: Response) -> dict:
    org = await service.create(session, body, actor=token)
    response.headers["ETag"] = service.etag(org)
    response.headers["Location"] = f"/api/v1/enterprises/{org.id}"
    return service.organisation_to_out(org, staff=True)


@router.patch("/{key}", response_model=EnterpriseOut, summary="Change an enterprise (needs If-Match)")
async def update_enterprise(key: str, body: EnterprisePatch, if_match: IfMatch, session: SessionDep,
                            token: OrganisationEditor, response: Response) -> dict:
    org = await service.update(session, key, body, expected_etag=if_match, actor=token)
    response.headers["ETag"] = service.etag(org)
    return service.organisation_to_out(org, staff=True)


@router.delete("/{key}", status_code=status.HTTP_204_NO_CONTENT,
               summary="Archive an enterprise (the row is kept)")
async def archive_enterprise(key: str, session: SessionDep, token: StaffToken,
                             if_match: OptionalIfMatch) -> None:
    await service.archive(session, key, expected_etag=if_match, actor=token)


@router.get("/{key}/offerings", response_model=list[OfferingOut], summary="List an enterprise's offerings")
async def list_offerings(key: str, session: SessionDep, token: OptionalToken) -> list:
    return await service.list_offerings(session, key, staff=is_staff(token))


@router.get("/{key}/offerings/{offering_id}", response_model=OfferingOut, summary="Get one offering")
async def get_offering(key: str, offering_id: int, session: SessionDep, token: OptionalToken,
                       response: Response) -> object:
    offering = await service.get_offering(session, key, offering_id, staff=is_staff(token))
    response.headers["ETag"] = service.etag(offering)
    return offering


@router.post("/{key}/offerings", response_model=OfferingOut, status_code=status.HTTP_201_CREATED,
             summary="Add an offering")
async def create_offering(key: str, body: OfferingCreate, session: SessionDep, token: OfferingEditor,
                          response: Response) -> object:
    offering = await service.create_offering(session, key, body, actor=token)
    response.headers["ETag"] = service.etag(offering)
    return offering


@router.patch("/{key}/offerings/{offering_id}", response_model=OfferingOut,
              summary="Change an offering (needs If-Match)")
async def update_offering(key: str, offering_id: int, body: OfferingPatch, if_match: IfMatch,
                          session: SessionDep, token: OfferingEditor, response: Response) -> object:
    offering = await service.update_offering(session, key, offering_id, body, expected_etag=if_match,
                                             actor=token)
    response.headers["ETag"] = service.etag(offering)
    return offering


@router.delete("/{key}/offerings/{offering_id}", status_code=status.HTTP_204_NO_CONTENT,
               summary="Remove an offering")
async def delete_offering(key: str, offering_id: int, session: SessionDep, token: OfferingEditor,
                          if_match: OptionalIfMatch) -> None:
    await service.delete_offering(session, key, offering_id, expected_etag=if_match, actor=token)
