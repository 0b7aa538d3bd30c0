"""HTTP for yearly impact reports: an organisation's series, its members' entries, staff checks."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Response, status

from api.auth.dependencies import OfferingEditor, OptionalToken, StaffToken
from api.db import SessionDep
from api.entity import etag_of
from api.http import IfMatch, OptionalIfMatch, require_json_body
from api.impact import service
from api.impact.schemas import (
    EnterpriseImpact,
    EnterpriseRef,
    ImpactFigures,
    ImpactQueue,
    ImpactQueueItem,
    ImpactReportOut,
)

router = APIRouter(tags=["impact"], dependencies=[Depends(require_json_body)])

Year = Annotated[int, Path(ge=2000, le=2100)]
YearFrom = Annotated[int | None, Query(alias="from", ge=2000, le=2100, description="First year, inclusive.")]
YearTo = Annotated[int | None, Query(alias="to", ge=2000, le=2100, description="Last year, inclusive.")]


@router.get("/api/v1/enterprises/{key}/impact", response_model=EnterpriseImpact,
            summary="An organisation's yearly impact reports")
async def get_enterprise_impact(key: str, session: SessionDep, token: OptionalToken,
                                year_from: YearFrom = None, year_to: YearTo = None) -> EnterpriseImpact:
    """Verified reports for everyone; the organisation's member token and staff also see submitted ones."""
    org, reports = await service.for_enterprise(session, key, viewer=token, year_from=year_from, year_to=year_to)
    return EnterpriseImpact(enterprise=EnterpriseRef.model_validate(org),
                            reports=[ImpactReportOut.model_validate(report) for report in reports])


@router.put("/api/v1/enterprises/{key}/impact/{year}", response_model=ImpactReportOut,
            summary="Enter or replace a year's impact report (the organisation's member token, or staff)",
            responses={201: {"model": ImpactReportOut}})
async def put_enterprise_impact(key: str, year: Year, body: ImpactFigures, session: SessionDep,
                                token: OfferingEditor, if_match: OptionalIfMatch,
                                response: Response) -> ImpactReportOut:
    """A new year is created (201); an existing one needs If-Match and goes back to `submitted` for a check."""
    report, created = await service.put_report(session, key, year, body, if_match=if_match, actor=token)
    response.headers["ETag"] = etag_of(report)
    if created:
        response.status_code = status.HTTP_201_CREATED
    return ImpactReportOut.model_validate(report)


@router.post("/api/v1/enterprises/{key}/impact/{year}/verify", response_model=ImpactReportOut,
             summary="Mark a year's report as checked (staff; If-Match)")
async def verify_enterprise_impact(key: str, year: Year, session: SessionDep, token: StaffToken,
                                   if_match: IfMatch, response: Response) -> ImpactReportOut:
    report = await service.verify(session, key, year, if_match=if_match, actor=token)
    response.headers["ETag"] = etag_of(report)
    return ImpactReportOut.model_validate(report)


@router.get("/api/v1/impact-reports", response_model=ImpactQueue,
            summary="Reports waiting for a check, oldest first (staff)")
async def list_impact_queue(session: SessionDep, _: StaffToken,
                            limit: Annotated[int, Query(ge=1, le=200)] = 50) -> ImpactQueue:
    waiting = await service.queue(session, limit=limit)
    return ImpactQueue(items=[ImpactQueueItem.model_validate(
        {**ImpactReportOut.model_validate(report).model_dump(), "enterprise": EnterpriseRef.model_validate(org)})
        for report, org in waiting])
