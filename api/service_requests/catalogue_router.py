"""HTTP for the support-service catalogue: /api/v1/services."""

from fastapi import APIRouter, Depends, Response, status

from api.auth.dependencies import AdminToken, OptionalToken, is_staff
from api.db import SessionDep
from api.entity import etag_of
from api.errors import Forbidden, problems
from api.http import IfMatch, require_json_body
from api.service_requests import catalogue
from api.service_requests.models import SupportService
from api.service_requests.schemas import SupportServiceCreate, SupportServiceOut, SupportServicePatch

router = APIRouter(prefix="/api/v1/services", tags=["service requests"], dependencies=[Depends(require_json_body)])


@router.get("", response_model=list[SupportServiceOut], summary="List the cluster's support services",
            responses=problems(403))
async def list_support_services(session: SessionDep, token: OptionalToken,
                                include_retired: bool = False) -> list[SupportService]:
    """Names and descriptions in ro, en, uk and ru. Retired services only with include_retired (staff)."""
    if include_retired and not is_staff(token):
        raise Forbidden("Only admins and editors may list retired services.")
    return await catalogue.list_services(session, include_retired=include_retired)


@router.get("/{key}", response_model=SupportServiceOut, summary="Get one support service by code or id")
async def get_support_service(key: str, session: SessionDep, response: Response) -> SupportService:
    service = await catalogue.get_service(session, key)
    response.headers["ETag"] = etag_of(service)
    return service


@router.post("", response_model=SupportServiceOut, status_code=status.HTTP_201_CREATED,
             summary="Add a support service", responses=problems(409))
async def create_support_service(body: SupportServiceCreate, session: SessionDep, token: AdminToken,
                                 response: Response) -> SupportService:
    service = await catalogue.create(session, body, actor=token)
    response.headers["ETag"] = etag_of(service)
    response.headers["Location"] = f"/api/v1/services/{service.code}"
    return service


@router.patch("/{key}", response_model=SupportServiceOut,
              summary="Edit or retire a support service (needs If-Match)")
async def update_support_service(key: str, body: SupportServicePatch, if_match: IfMatch, session: SessionDep,
                                 token: AdminToken, response: Response) -> SupportService:
    service = await catalogue.update(session, key, body, expected_etag=if_match, actor=token)
    response.headers["ETag"] = etag_of(service)
    return service
