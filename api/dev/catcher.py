"""A local mail catcher: an SMTP server (aiosmtpd) that keeps what it receives, and pages to read it.

`semap mailcatcher` (started by `semap dev`, i.e. `make run`): SMTP on --smtp-port, the web page on
--http-port. Nothing leaves the machine. The messages live in memory (the newest MAX_MESSAGES):
- `/` lists them; `/messages/{id}` shows one: its headers, the plain text, and the HTML in a sandboxed
  frame (no scripts, no forms);
- `/api/messages` and `/api/messages/{id}` give the same as JSON (tests and scripts read these).
"""

import threading
from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape

from api.errors import NotFound, install_problem_handlers

MAX_MESSAGES = 500
# The catcher's own pages: no script anywhere; the e-mail's HTML sits in a sandboxed srcdoc frame.
PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-src 'self'; base-uri 'none'"


@dataclass
class Caught:
    id: int
    received_at: datetime
    envelope_from: str
    envelope_to: list[str]
    email: EmailMessage = field(repr=False)

    def part(self, subtype: str) -> str | None:
        body = self.email.get_body(preferencelist=(subtype,))
        return str(body.get_content()) if body is not None and body.get_content_subtype() == subtype else None

    def summary(self) -> dict[str, Any]:
        return {"id": self.id, "received_at": self.received_at.isoformat(), "from": self.email["From"],
                "to": self.email["To"], "subject": self.email["Subject"], "envelope_to": self.envelope_to}

    def detail(self) -> dict[str, Any]:
        return self.summary() | {"headers": [[name, str(value)] for name, value in self.email.items()],
                                 "text": self.part("plain"), "html": self.part("html")}


class Mailbox:
    """aiosmtpd handler and store: the SMTP thread appends, the web app reads (under one lock)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._messages: deque[Caught] = deque(maxlen=MAX_MESSAGES)
        self._next_id = 1

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        email = message_from_bytes(envelope.content, policy=policy.default)
        with self._lock:
            self._messages.append(Caught(self._next_id, datetime.now(UTC), envelope.mail_from,
                                         list(envelope.rcpt_tos), email))
            self._next_id += 1
        return "250 Message accepted for delivery"

    def newest_first(self) -> list[Caught]:
        with self._lock:
            return list(reversed(self._messages))

    def get(self, message_id: int) -> Caught:
        with self._lock:
            for caught in self._messages:
                if caught.id == message_id:
                    return caught
        raise NotFound(f"No message {message_id} (only the newest {MAX_MESSAGES} are kept).")


def create_catcher_app(mailbox: Mailbox, *, smtp_address: str) -> FastAPI:
    app = FastAPI(title="Social Enterprise Map - mail catcher", docs_url=None, redoc_url=None, openapi_url=None)
    pages = Environment(loader=PackageLoader("api.dev", "templates"), autoescape=select_autoescape(["html"]))

    def page(name: str, **values: Any) -> HTMLResponse:
        html = pages.get_template(name).render(smtp_address=smtp_address, **values)
        return HTMLResponse(html, headers={"Content-Security-Policy": PAGE_POLICY, "X-Content-Type-Options": "nosniff",
                                           "Referrer-Policy": "no-referrer"})

    @app.get("/", response_class=HTMLResponse)
    async def inbox() -> HTMLResponse:
        return page("inbox.html", messages=[m.summary() for m in mailbox.newest_first()])

    @app.get("/messages/{message_id}", response_class=HTMLResponse)
    async def message(message_id: int) -> HTMLResponse:
        return page("message.html", message=mailbox.get(message_id).detail())

    @app.get("/api/messages")
    async def list_messages() -> list[dict[str, Any]]:
        return [m.summary() for m in mailbox.newest_first()]

    @app.get("/api/messages/{message_id}")
    async def get_message(message_id: int) -> dict[str, Any]:
        return mailbox.get(message_id).detail()

    install_problem_handlers(app)  # the catcher's 404s are problem details too
    return app


def serve(*, host: str, smtp_port: int, http_port: int) -> None:
    """Run the SMTP server in its thread and the pages with uvicorn until interrupted."""
    import uvicorn

    mailbox = Mailbox()
    controller = Controller(mailbox, hostname=host, port=smtp_port)
    controller.start()
    try:
        uvicorn.run(create_catcher_app(mailbox, smtp_address=f"{host}:{smtp_port}"), host=host, port=http_port,
                    log_level="warning", access_log=False)
    finally:
        controller.stop()
