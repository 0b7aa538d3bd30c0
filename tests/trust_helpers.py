"""Shared by the trust-and-freshness tests: deliver the outbox to the local SMTP server, read links."""

import re
from email.message import EmailMessage

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.config import Settings
from api.outbox.worker import deliver_due
from tests.outbox.smtp_server import SmtpServer

TOKEN = re.compile(r"token=([A-Za-z0-9_-]{20,})")


async def deliver(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, smtp: SmtpServer) -> int:
    config = settings.model_copy(update={"smtp_port": smtp.port, "mail_from": "Semap <no-reply@semap.test>"})
    return (await deliver_due(sessionmaker, config)).sent


def body_of(email: EmailMessage) -> str:
    part = email.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


def link_token(email: EmailMessage) -> str:
    match = TOKEN.search(body_of(email))
    assert match, body_of(email)
    return match.group(1)
