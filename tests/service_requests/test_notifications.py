"""Notifications reach a real SMTP server (aiosmtpd) through the outbox worker."""

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.config import Settings
from api.mail.render import translator
from api.outbox.worker import deliver_due
from tests.outbox.smtp_server import SmtpServer
from tests.service_requests.conftest import API, move


async def test_requester_receives_status_changes_and_visible_comments_by_email(
        client: AsyncClient, filed: dict, editor_headers: dict, sessionmaker: async_sessionmaker[AsyncSession],
        settings: Settings, smtp_server: SmtpServer) -> None:
    assert (await move(client, filed["id"], editor_headers, "triaged")).status_code == 200
    url = f"{API}/{filed['id']}/comments"
    await client.post(url, json={"body": "Staff-only note.", "internal": True}, headers=editor_headers)
    await client.post(url, json={"body": "We will call you on Tuesday."}, headers=editor_headers)

    report = await deliver_due(sessionmaker, settings.model_copy(update={"smtp_port": smtp_server.port}))

    inbox = smtp_server.inbox.to("ana.pop@example.org")
    assert report.sent == len(smtp_server.inbox.messages) == 3
    t = translator(inbox[0]["Content-Language"] or "en")
    assert [m["Subject"].rsplit(": ", 1)[1] for m in inbox] == [t("request.received"), t("status.triaged"),
                                                                 t("request.comment")]
    assert all(m["X-Semap-Service-Request"] == str(filed["id"]) for m in inbox)
    assert "We will call you on Tuesday." in inbox[2].get_body(preferencelist=("plain",)).get_content()
    assert all("Staff-only note." not in m.as_string() for m in smtp_server.inbox.messages)
