"""HTTP for duplicates: suspected pairs, a submission's candidates, and the admin merge."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from api.auth.dependencies import AdminToken, StaffToken
from api.db import SessionDep
from api.duplicates import merge as merging
from api.duplicates import pairs, service
from api.duplicates.schemas import DuplicateCandidate, DuplicatePairPage, MergeOut, MergeRequest, SimilarName
from api.errors import problems
from api.http import DefaultLimit, Limit, require_json_body
from api.inputs import Id
from api.pagination import decode_cursor, encode_cursor

router = APIRouter(prefix="/api/v1/admin", tags=["duplicates"], dependencies=[Depends(require_json_body)])
# The public side: hints for someone about to propose an enterprise that may be listed already.
hints_router = APIRouter(prefix="/api/v1", tags=["duplicates"])
TypedName = Annotated[str, Query(min_length=3, max_length=200, description="The name as typed so far.")]
TypedLocality = Annotated[str | None, Query(max_length=120, description="The town, to rank its entries first.")]


@hints_router.get("/similar-enterprises", response_model=list[SimilarName],
                  summary="Published enterprises whose name resembles a typed one (hints before proposing)")
async def list_similar_enterprises(name: TypedName, session: SessionDep,
                                   locality: TypedLocality = None) -> list[SimilarName]:
    """At most five, best first; the "Add your enterprise" form shows them while the name is typed."""
    return await service.similar_names(session, name=name.strip(), locality=(locality or "").strip() or None)


@router.get("/duplicates", response_model=DuplicatePairPage, summary="Suspected duplicate pairs in the directory")
async def list_duplicates(session: SessionDep, _: StaffToken, limit: Limit = DefaultLimit,
                          window: Annotated[int, Query(ge=100, le=50_000, description="Organisations scanned "
                                                       "per page: bounds the page's cost.")] = 5000,
                          cursor: str | None = None) -> DuplicatePairPage:
    """Pairs within 100 m with similar names, or with the same registration code; archived ones left out.
    A page may be empty before the scan ends: follow `next_cursor` until it is null."""
    after = (0, 0)
    if cursor:
        key = decode_cursor(cursor, {"first": int, "second": int})
        after = (int(key["first"]), int(key["second"]))
    items, following = await pairs.suspected_pairs(session, after=after, window=window, limit=limit)
    next_cursor = encode_cursor({"first": following[0], "second": following[1]}) if following else None
    return DuplicatePairPage(items=items, limit=limit, scanned_window=window, next_cursor=next_cursor)


@router.get("/submissions/{submission_id}/possible-duplicates", response_model=list[DuplicateCandidate],
            summary="Existing organisations a submitted enterprise may duplicate")
async def list_submission_duplicates(submission_id: Id, session: SessionDep,
                                     _: StaffToken) -> list[DuplicateCandidate]:
    """Found when the submission arrived; the moderator merges, rejects or approves knowingly."""
    return await service.submission_candidates(session, submission_id)


@router.post("/duplicates/merge", response_model=MergeOut, summary="Merge one organisation into another",
             responses=problems(404, 409))
async def merge_duplicates(body: MergeRequest, session: SessionDep, token: AdminToken) -> MergeOut:
    """Offerings, memberships, inquiries, service requests, tokens, claims and revisions follow the survivor;
    the merged organisation is archived with `merged_into_id`. One transaction, audited."""
    return await merging.merge(session, body.survivor, body.merged, actor=token)
