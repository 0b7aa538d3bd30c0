"""Handing one message to the SMTP server: the standard library's smtplib, in a worker thread.

smtplib is blocking but complete (STARTTLS, AUTH, error codes) and adds no dependency; one thread per
message is cheap at the outbox's pace, and keeps the event loop free for other workers' claims.
"""

import asyncio
import re
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from api.config import Settings
from api.mail.headers import single_line
from api.outbox.models import OutboxMessage

# RFC 5322 field names: printable US-ASCII except the colon.
HEADER_NAME = re.compile(r"[!-9;-~]{1,76}")


class DeliveryError(Exception):
    """The server did not take the message; `permanent` when retrying cannot help (a 5xx answer)."""

    def __init__(self, message: str, *, permanent: bool) -> None:
        super().__init__(message)
        self.permanent = permanent


@dataclass(frozen=True)
class Envelope:
    """What a send needs, copied from the row so the thread never touches the ORM object."""

    id: int
    to: str
    subject: str
    body_text: str
    body_html: str | None
    headers: dict[str, str]
    language: str | None = None

    @classmethod
    def of(cls, message: OutboxMessage) -> "Envelope":
        return cls(id=message.id, to=message.to_address, subject=message.subject, body_text=message.body_text,
                   body_html=message.body_html, headers={str(k): str(v) for k, v in message.headers.items()},
                   language=message.language)


def build_email(envelope: Envelope, *, sender: str) -> EmailMessage:
    """The MIME message; every header value is made one line first (input is checked too, this is the net)."""
    email = EmailMessage()
    email["From"] = single_line(sender)
    email["To"] = single_line(envelope.to)
    email["Subject"] = single_line(envelope.subject)
    email["Date"] = formatdate(localtime=False)
    email["Message-ID"] = make_msgid(idstring=f"outbox-{envelope.id}", domain="semap.dev")
    for name, value in envelope.headers.items():
        if not HEADER_NAME.fullmatch(name):  # a name cannot be cleaned into another one: refuse the message
            raise ValueError(f"not a header name: {name!r}")
        email[name] = single_line(value)
    email.set_content(envelope.body_text)
    if envelope.body_html:
        email.add_alternative(envelope.body_html, subtype="html")
    if envelope.language:  # after the content: set_content() drops the Content-* headers set before it
        email["Content-Language"] = single_line(envelope.language)
    return email


class SmtpMailer:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def _send_blocking(self, email: EmailMessage) -> None:
        s = self.settings
        with smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=s.smtp_timeout_seconds) as smtp:
            if s.smtp_starttls:
                smtp.starttls(context=ssl.create_default_context())
            if s.smtp_username:
                password = s.smtp_password.get_secret_value() if s.smtp_password else ""
                smtp.login(s.smtp_username, password)
            smtp.send_message(email)

    async def send(self, envelope: Envelope) -> None:
        """Deliver or raise DeliveryError; connection problems and 4xx answers are worth a retry.

        A message that cannot even be built (a bad address or header name) is a failed attempt of its
        own, like any other: it backs off and fails alone, and the messages behind it still go out.
        """
        try:
            email = build_email(envelope, sender=self.settings.mail_from)
            email.as_bytes()  # the policy refuses some headers only when serialising: find out now
        except Exception as exc:  # whatever the builder refuses, this one message is at fault
            raise DeliveryError(f"cannot build the message: {type(exc).__name__}: {exc}", permanent=False) from exc
        try:
            await asyncio.to_thread(self._send_blocking, email)
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _ in exc.recipients.values()]
            raise DeliveryError(f"recipient refused: {exc.recipients}", permanent=all(c >= 500 for c in codes)) \
                from exc
        except smtplib.SMTPResponseException as exc:
            raise DeliveryError(f"SMTP {exc.smtp_code}: {exc.smtp_error!r}", permanent=exc.smtp_code >= 500) \
                from exc
        except (smtplib.SMTPException, OSError) as exc:
            raise DeliveryError(f"{type(exc).__name__}: {exc}", permanent=False) from exc
