"""HTTP for reserved contracts: the rules per buyer country, and evidence that members propose and admins verify."""

from datetime import date

from fastapi import APIRouter, Depends, Response, status

from api.auth.dependencies import AdminToken, OptionalToken, OrganisationEditor, is_staff
from api.db import ReadSessionDep, SessionDep
from api.entity import etag_of
from api.errors import problems
from api.http import IfMatch, require_json_body
from api.inputs import Id
from api.reserved import service
from api.reserved.schemas import CountryRuleOut, EvidenceCreate, EvidenceDecision, EvidenceOut, EvidenceQueueItem

router = APIRouter(tags=["reserved-contracts"], dependencies=[Depends(require_json_body)])


@router.get("/api/v1/reserved-contracts/rules", response_model=list[CountryRuleOut],
            summary="Who may bid for reserved contracts, by the buyer's country")
async def list_reserved_rules() -> list[CountryRuleOut]:
    """Romania (Law 98/2016, art. 56, transposing Directive 2014/24/EU, art. 20) is modelled; for Moldova and
    Ukraine the status says that no rule could be confirmed or none exists, and "reserved only" is refused."""
    return service.country_rules()


@router.get("/api/v1/enterprises/{key}/reserved-eligibilities", response_model=list[EvidenceOut],
            summary="An enterprise's evidence for reserved contracts", responses=problems(404))
async def list_evidence(key: str, session: ReadSessionDep, token: OptionalToken) -> list[EvidenceOut]:
    today = date.today()
    return [service.view(e, today) for e in await service.list_for(session, key, staff=is_staff(token))]


@router.post("/api/v1/enterprises/{key}/reserved-eligibilities", response_model=EvidenceOut,
             status_code=status.HTTP_201_CREATED, summary="Propose evidence for reserved contracts",
             responses=problems(404))
async def propose_evidence(key: str, body: EvidenceCreate, session: SessionDep, token: OrganisationEditor,
                           response: Response) -> EvidenceOut:
    """The organisation's member (or staff) states the share of disadvantaged employees and the attestation;
    it counts in the match only once an admin has verified it, and until it expires."""
    evidence = await service.propose(session, key, body, actor=token)
    response.headers["ETag"] = etag_of(evidence)
    return service.view(evidence, date.today())


@router.get("/api/v1/reserved-eligibilities", response_model=list[EvidenceQueueItem],
            summary="Evidence waiting for verification (admins)")
async def list_proposed_evidence(session: SessionDep, _: AdminToken) -> list[EvidenceQueueItem]:
    """Proposed evidence, oldest first (at most 200): what an admin checks against the issuer's register."""
    return await service.proposed_queue(session, date.today())


@router.post("/api/v1/reserved-eligibilities/{evidence_id}/decision", response_model=EvidenceOut,
             summary="Verify or reject evidence (admins; needs If-Match)", responses=problems(404, 412))
async def decide_evidence(evidence_id: Id, body: EvidenceDecision, if_match: IfMatch, session: SessionDep,
                          token: AdminToken, response: Response) -> EvidenceOut:
    evidence = await service.decide(session, evidence_id, body, expected_etag=if_match, actor=token)
    response.headers["ETag"] = etag_of(evidence)
    return service.view(evidence, date.today())
