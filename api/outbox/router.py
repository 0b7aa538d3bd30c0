"""HTTP for admins: the outbox's messages (why one failed, retry it) and the worker's status."""

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import Select, select

from api.audit import service as audit
from api.auth.dependencies import AdminToken
from api.db import SessionDep, one_or_404
from api.errors import Conflict, problems
from api.inputs import Id
from api.outbox import service
from api.outbox.models import OutboxMessage, OutboxStatus
from api.outbox.schemas import OutboxDetail, OutboxPage, WorkerStatus
from api.pagination import PageDep
from api.worker.status import worker_status

# Admins only: messages hold personal data (addresses, buyers' words).
router = APIRouter(prefix="/api/v1/admin/outbox", tags=["outbox"])


def _by_id(message_id: int) -> Select[OutboxMessage]:
    return select(OutboxMessage).where(OutboxMessage.id == message_id)


@router.get("", response_model=OutboxPage, summary="Outgoing e-mail, newest first")
async def list_outbox(session: SessionDep, _: AdminToken, page: PageDep,
                      status: Annotated[OutboxStatus | None, Query(description="pending (queued), sent or failed.")]
                      = None) -> OutboxPage:
    return OutboxPage.model_validate(await service.page(session, status=status, page=page), from_attributes=True)


@router.get("/status", response_model=WorkerStatus,
            summary="The worker's last heartbeat, the outbox's counts (failed included) and the schedules")
async def outbox_status(session: SessionDep, _: AdminToken) -> WorkerStatus:
    return await worker_status(session)


@router.get("/{message_id}", response_model=OutboxDetail, summary="One message: what was sent, and its last error")
async def get_message(message_id: Id, session: SessionDep, _: AdminToken) -> OutboxMessage:
    return await one_or_404(session, _by_id(message_id), f"No outbox message {message_id}.")


@router.post("/{message_id}/retry", response_model=OutboxDetail,
             summary="Queue a failed message again, due now (the worker sends it within seconds)",
             responses=problems(409))
async def retry_message(message_id: Id, session: SessionDep, token: AdminToken) -> OutboxMessage:
    message = await one_or_404(session, _by_id(message_id), f"No outbox message {message_id}.", for_update=True)
    if message.status != OutboxStatus.failed.value:
        raise Conflict(f"Message {message_id} is {message.status}; only a failed message can be retried.")
    await service.retry(session, message_id, now=datetime.now(UTC))
    audit.record(session, actor=token, entity="outbox_message", entity_id=message_id, action="retry",
                 changes={"status": {"before": OutboxStatus.failed.value, "after": OutboxStatus.pending.value}})
    await session.refresh(message)
    return message
