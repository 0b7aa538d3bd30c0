"""HTTP for buyer-match: POST /api/v1/matches (JSON need or OCDS tender) and GET /api/v1/matches/{id}."""

import uuid

from fastapi import APIRouter, Depends, Response, status

from api.auth.dependencies import OptionalToken
from api.db import SessionDep
from api.http import require_json_body
from api.matching import ocds, service
from api.matching.problems import BAD_PARAMETER, INVALID_NEED, NO_MATCH, RATE_LIMITED
from api.matching.schemas import MatchNeed, MatchOut
from api.ratelimit import rate_limit

router = APIRouter(prefix="/api/v1/matches", tags=["buyer-match"], dependencies=[Depends(require_json_body)])

PROBLEMS = INVALID_NEED | RATE_LIMITED


def _created(match: MatchOut, response: Response) -> MatchOut:
    response.headers["Location"] = f"/api/v1/matches/{match.id}"
    return match


@router.post("", response_model=MatchOut, status_code=status.HTTP_201_CREATED, responses=PROBLEMS,
             summary="Rank social enterprises for a procurement need",
             dependencies=[Depends(rate_limit("match"))])
async def create_match(need: MatchNeed, session: SessionDep, token: OptionalToken, response: Response) -> MatchOut:
    """Hard constraints exclude; the score (0–1) is the sum of the weighted factors, each explained.

    Anyone may match (rate-limited per address); integration tokens get a higher limit. The match is
    stored and can be read again at the `Location` it returns.
    """
    return _created(await service.create_match(session, need, actor=token), response)


@router.post("/ocds", response_model=MatchOut, status_code=status.HTTP_201_CREATED, responses=PROBLEMS,
             summary="Rank social enterprises for an OCDS tender",
             dependencies=[Depends(rate_limit("match"))])
async def create_match_from_ocds(body: ocds.OcdsNeed, session: SessionDep, token: OptionalToken,
                                 response: Response) -> MatchOut:
    """The same match for a tender in the Open Contracting Data Standard: items classified with CPV,
    delivery locations, value in EUR, tender or contract period; `options` adds what OCDS does not say."""
    need = ocds.to_need(body)
    received = body.model_dump(mode="json", exclude_unset=True)
    match = await service.create_match(session, need, actor=token, source="ocds", received=received)
    return _created(match, response)


@router.get("/{match_id}", response_model=MatchOut, summary="Read a stored match",
            responses=NO_MATCH | BAD_PARAMETER)
async def get_match(match_id: uuid.UUID, session: SessionDep) -> MatchOut:
    """A match as it was ranked; its id is unguessable, so whoever has the link may read it."""
    return await service.get_match(session, match_id)
