"""The sender: claim due messages one by one, hand them to SMTP, record the outcome."""

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.config import Settings
from api.outbox import service
from api.outbox.smtp import DeliveryError, Envelope, SmtpMailer

log = logging.getLogger("semap.outbox")


class Mailer(Protocol):
    async def send(self, envelope: Envelope) -> None: ...


@dataclass
class DeliveryReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0

    def __str__(self) -> str:
        return f"sent {self.sent}, to retry {self.retrying}, failed {self.failed}"


async def _deliver_one(session: AsyncSession, mailer: Mailer, settings: Settings, now: datetime,
                       report: DeliveryReport) -> bool:
    """Claim, send and record one message in one transaction; False when nothing is due.

    The row stays locked while SMTP runs: if this process dies mid-send, the transaction rolls back
    and the message is still pending (at-least-once delivery, never zero).
    """
    async with session.begin():
        message = await service.claim_next_due(session, now=now)
        if message is None:
            return False
        try:
            await mailer.send(Envelope.of(message))
        except Exception as exc:  # DeliveryError, or anything else about this one message: an attempt
            permanent = exc.permanent if isinstance(exc, DeliveryError) else False
            service.mark_failed_attempt(message, f"{exc}" or type(exc).__name__, now=now, permanent=permanent,
                                        max_attempts=settings.outbox_max_attempts,
                                        backoff_seconds=settings.outbox_backoff_seconds)
            if message.status == "failed":
                report.failed += 1
                log.error("outbox message %s failed for good: %s", message.id, exc)
            else:
                report.retrying += 1
                log.warning("outbox message %s: attempt %s failed, next at %s: %s", message.id,
                            message.attempts, message.next_attempt_at.isoformat(), exc)
        else:
            service.mark_sent(message, now=now)
            report.sent += 1
    return True


async def deliver_due(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, *,
                      mailer: Mailer | None = None, now: datetime | None = None,
                      limit: int = 1000) -> DeliveryReport:
    """Send every message due at `now` (at most `limit`), each in its own transaction."""
    mailer = mailer or SmtpMailer(settings)
    now = now or datetime.now(UTC)
    report = DeliveryReport()
    for _ in range(limit):
        async with sessionmaker() as session:
            if not await _deliver_one(session, mailer, settings, now, report):
                break
    return report
