"""Putting messages into the outbox, and the outbox's own bookkeeping (no SMTP here)."""

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from api.mail import render
from api.mail.language import pick
from api.outbox.models import OutboxMessage, OutboxStatus
from api.pagination import Page, PageParams, keyset_page

MAX_ERROR_LENGTH = 2000


async def enqueue(session: AsyncSession, *, to: str, subject: str | None = None, body_text: str | None = None,
                  body_html: str | None = None, headers: dict[str, str] | None = None,
                  dedupe_key: str | None = None, template: str | None = None,
                  context: dict[str, Any] | None = None, language: str | None = None) -> int | None:
    """Add a message in the caller's transaction; the id, or None when `dedupe_key` was already used.

    Either the words themselves (`subject`, `body_text`, optional `body_html`), or a `template` of
    api/mail/templates rendered with `context` in `language` (ro, en, uk, ru; English otherwise): the
    row stores the rendered result, so what admins read in the outbox is what was sent.
    ON CONFLICT DO NOTHING rather than a caught IntegrityError: a failed INSERT would abort the
    caller's whole transaction, and the write the e-mail reports with it.
    """
    if template is not None:
        language = pick(language)
        rendered = render.render(template, language, context or {})
        subject, body_text, body_html = rendered.subject, rendered.text, rendered.html
    if subject is None or body_text is None:
        raise TypeError("enqueue needs subject and body_text, or a template")
    statement = (
        insert(OutboxMessage)
        .values(to_address=to, subject=subject, body_text=body_text, body_html=body_html,
                headers=headers or {}, dedupe_key=dedupe_key, template=template, language=language)
        .on_conflict_do_nothing(index_elements=[OutboxMessage.dedupe_key])
        .returning(OutboxMessage.id)
    )
    return await session.scalar(statement)


async def claim_next_due(session: AsyncSession, *, now: datetime) -> OutboxMessage | None:
    """Lock the oldest due pending message; rows another worker holds are skipped, not waited for."""
    query = (
        select(OutboxMessage)
        .where(OutboxMessage.status == OutboxStatus.pending.value, OutboxMessage.next_attempt_at <= now)
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
        .limit(1)
        .with_for_update(skip_locked=True)
    )
    return await session.scalar(query)


def backoff(attempts: int, *, base_seconds: int) -> timedelta:
    """Delay before the next try after `attempts` failures: base, 2×base, 4×base …, at most a day."""
    return timedelta(seconds=min(base_seconds * 2 ** max(attempts - 1, 0), 86_400))


def mark_sent(message: OutboxMessage, *, now: datetime) -> None:
    message.status = OutboxStatus.sent.value
    message.attempts += 1
    message.sent_at = now
    message.last_error = None


def mark_failed_attempt(message: OutboxMessage, error: str, *, now: datetime, permanent: bool,
                        max_attempts: int, backoff_seconds: int) -> None:
    """Count the attempt; retry later, or give up after max_attempts or a permanent refusal."""
    message.attempts += 1
    message.last_error = error[:MAX_ERROR_LENGTH]
    if permanent or message.attempts >= max_attempts:
        message.status = OutboxStatus.failed.value
    else:
        message.next_attempt_at = now + backoff(message.attempts, base_seconds=backoff_seconds)


async def list_messages(session: AsyncSession, *, status: OutboxStatus | None, limit: int) -> list[OutboxMessage]:
    query = select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(limit)
    if status is not None:
        query = query.where(OutboxMessage.status == status.value)
    return list((await session.scalars(query)).all())


async def page(session: AsyncSession, *, status: OutboxStatus | None, page: PageParams) -> Page[OutboxMessage]:
    """Newest first (the admins' Outbox tab)."""
    query = select(OutboxMessage)
    if status is not None:
        query = query.where(OutboxMessage.status == status.value)
    return await keyset_page(session, query, page, key=OutboxMessage.id, descending=True)


async def retry(session: AsyncSession, message_id: int, *, now: datetime) -> bool:
    """Put a failed message back in the queue, due now, with a fresh count of attempts."""
    result = await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.status == OutboxStatus.failed.value)
        .values(status=OutboxStatus.pending.value, attempts=0, next_attempt_at=now)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def describe(message: OutboxMessage) -> dict[str, Any]:
    return {"id": message.id, "to": message.to_address, "subject": message.subject, "status": message.status,
            "attempts": message.attempts, "next_attempt_at": message.next_attempt_at.isoformat(),
            "last_error": message.last_error}
