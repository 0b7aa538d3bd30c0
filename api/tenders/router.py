"""HTTP for the tender radar: public lists of imported tenders with each lot's best matches."""

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import StringConstraints

from api.db import ReadSessionDep
from api.enterprises.schemas import Country
from api.errors import problems
from api.http import DefaultLimit, Limit
from api.inputs import Id
from api.tenders import service
from api.tenders.schemas import TenderOut, TenderPage

router = APIRouter(prefix="/api/v1/tenders", tags=["tenders"])
CpvCode = Annotated[str, StringConstraints(pattern=r"^\d{2,8}(-\d)?$")]
RegionCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}-[A-Z0-9]{1,3}$")]


@router.get("", response_model=TenderPage, summary="List public tenders with their lots' best matches",
            responses=problems(400, 422))
async def list_tenders(
    session: ReadSessionDep,
    cpv: Annotated[list[CpvCode], Query(description="CPV codes (with or without check digit); a lot under any of "
                                                "them fits (55500000 finds 55520000).",
                                    max_length=20)] = [],  # noqa: B006 - FastAPI reads the default, never mutates it
    region: Annotated[list[RegionCode], Query(description="ISO 3166-2 region of delivery, e.g. RO-CJ.",
                                       max_length=20)] = [],  # noqa: B006
    country: Annotated[list[Country], Query(description="The buyer's country.")] = [],  # noqa: B006
    reserved: Annotated[bool | None, Query(description="Only tenders with (true) or without (false) a lot "
                                                       "reserved for social enterprises.")] = None,
    deadline_after: Annotated[datetime | None, Query(description="Deadline on or after (ISO 8601).")] = None,
    deadline_before: Annotated[datetime | None, Query(description="Deadline on or before (ISO 8601).")] = None,
    open_: Annotated[bool | None, Query(alias="open", description="Only open (true) or closed (false).")] = None,
    for_enterprise: Annotated[Id | None, Query(description="Only tenders with a lot that lists this enterprise "
                                                           "among its best matches.")] = None,
    limit: Limit = DefaultLimit, cursor: str | None = None,
) -> TenderPage:
    """Soonest deadline first; tenders without a deadline last. Each lot carries its best-matching
    enterprises, ranked by the buyer-match's scoring when the tender was imported."""
    filters = service.TenderFilters(
        cpv=service.cpv_filter(cpv), region=region, country=list(country), reserved=reserved,
        deadline_after=deadline_after, deadline_before=deadline_before, open=open_, for_enterprise=for_enterprise)
    return await service.list_tenders(session, filters, limit=limit, cursor=cursor)


@router.get("/{tender_id}", response_model=TenderOut, summary="Get one tender with its lots and their matches",
            responses=problems(404))
async def get_tender(tender_id: Id, session: ReadSessionDep) -> TenderOut:
    """The tender as its latest imported release describes it; `notice_url` is the buyer's own notice."""
    return await service.get_tender(session, tender_id)
