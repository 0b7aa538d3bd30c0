"""HTTP for revisions: an enterprise's history, and an admin's revert to an earlier revision."""

from fastapi import APIRouter, Depends, Response

from api.auth.dependencies import AdminToken, OptionalToken, is_admin
from api.db import SessionDep
from api.enterprises import service as enterprises
from api.enterprises.schemas import EnterpriseOut, EnterprisePatch
from api.entity import etag_of
from api.history import service
from api.history.schemas import RevertRequest, RevisionOut, RevisionPage
from api.http import IfMatch, require_json_body
from api.pagination import PageDep

router = APIRouter(prefix="/api/v1", tags=["history"], dependencies=[Depends(require_json_body)])


@router.get("/enterprises/{key}/history", response_model=RevisionPage,
            summary="An enterprise's revisions, newest first")
async def list_enterprise_history(key: str, session: SessionDep, token: OptionalToken,
                                  page: PageDep) -> RevisionPage:
    """Every change to the organisation and its offerings. The public sees published enterprises'
    history without personal data (e-mail, contact person) or who made the change; admins see all."""
    admin = is_admin(token)
    org = await enterprises.get_organisation(session, key, staff=admin)
    revisions = await service.list_revisions(session, org.id, page)
    return RevisionPage(items=[RevisionOut.of(r, admin=admin) for r in revisions.items], limit=revisions.limit,
                        next_cursor=revisions.next_cursor)


@router.post("/admin/enterprises/{key}/revert", response_model=EnterpriseOut,
             summary="Restore an enterprise's fields as an earlier revision left them (needs If-Match)")
async def revert_enterprise(key: str, body: RevertRequest, if_match: IfMatch, session: SessionDep,
                            token: AdminToken, response: Response) -> EnterpriseOut:
    """The revert is itself a new revision (action `revert`), so it can be reverted in turn."""
    org = await enterprises.get_organisation(session, key, staff=True)
    fields = await service.restorable_fields(session, org.id, body.revision)
    patch = service.patch_from(fields, EnterprisePatch)
    reverted = (await enterprises.update(session, str(org.id), patch, expected_etag=if_match, actor=token,
                                         action="revert")).organisation
    response.headers["ETag"] = etag_of(reverted)
    return enterprises.organisation_to_out(reverted, private=True)
