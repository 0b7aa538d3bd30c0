"""`semap dev` (what `make run` runs): server, worker and mail catcher; an inquiry reaches the catcher."""

import asyncio
import os
import signal
import socket
import sys
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from api.config import Settings
from api.db import create_sessionmaker
from tests.outbox.smtp_server import free_port

WAIT_SECONDS = 180  # only bounds a hang; every wait below polls for its condition


def dev_environment(settings: Settings) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "PUBLIC_BASE_URL")}
    # Only the outbox: the schedules (reminders, digests, expiry) would change the shared test database.
    return env | {"DATABASE_URL": settings.database_url, "WORKER_JOBS": "outbox", "WORKER_POLL_SECONDS": "0.2",
                  "RATE_LIMIT_PREFIX": f"semap:h14a-test:{uuid.uuid4().hex}:"}


async def start_dev(settings: Settings, *, port: int, http_port: int, smtp_port: int) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "api.cli", "dev", "--host", "127.0.0.1", "--port", str(port),
        "--mail-http-port", str(http_port), "--mail-smtp-port", str(smtp_port), env=dev_environment(settings),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)


async def poll(client: httpx.AsyncClient, url: str, accept: Any) -> Any:
    async with asyncio.timeout(WAIT_SECONDS):
        while True:
            try:
                response = await client.get(url)
                if (found := accept(response)) is not None:
                    return found
            except httpx.TransportError:
                pass  # not listening yet
            await asyncio.sleep(0.2)


def refuses(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


@pytest.fixture
async def published_with_email(engine: AsyncEngine) -> AsyncIterator[tuple[int, str]]:
    async with create_sessionmaker(engine)() as session:
        row = (await session.execute(text(
            "SELECT id, email FROM organisations WHERE status = 'published' AND email IS NOT NULL ORDER BY id LIMIT 1"
        ))).one()
    yield row.id, row.email
    async with create_sessionmaker(engine)() as session, session.begin():
        await session.execute(text(
            "DELETE FROM outbox_messages WHERE template = 'inquiry' AND headers->>'X-Semap-Inquiry' IN "
            "(SELECT id::text FROM inquiries WHERE buyer_email = 'loop@example.org')"))
        await session.execute(text("DELETE FROM inquiries WHERE buyer_email = 'loop@example.org'"))


async def test_an_inquiry_sent_through_the_api_is_read_in_the_mail_catcher_and_ctrl_c_stops_all(
        settings: Settings, published_with_email: tuple[int, str]) -> None:
    enterprise_id, address = published_with_email
    port, http_port, smtp_port = free_port(), free_port(), free_port()
    process = await start_dev(settings, port=port, http_port=http_port, smtp_port=smtp_port)
    api, catcher = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{http_port}"
    try:
        async with httpx.AsyncClient(timeout=30) as client:
            await poll(client, f"{api}/readyz", lambda r: r if r.status_code == 200 else None)
            await poll(client, f"{catcher}/api/messages", lambda r: r if r.status_code == 200 else None)
            marker = uuid.uuid4().hex
            sent = await client.post(f"{api}/api/v1/inquiries", json={
                "enterprise_id": enterprise_id, "buyer_name": "Loop Test", "buyer_email": "loop@example.org",
                "message": f"Twenty lunches on Friday, please ({marker})."})
            assert sent.status_code == 201, sent.text

            def ours(response: httpx.Response) -> dict | None:
                return next((m for m in response.json() if m["to"] == address and "Loop Test" in m["subject"]), None)

            summary = await poll(client, f"{catcher}/api/messages", ours)
            detail = (await client.get(f"{catcher}/api/messages/{summary['id']}")).json()
            assert marker in detail["text"] and marker in detail["html"]
            assert f'href="{api}/member"' in detail["html"]  # absolute links to this server
            listing = await client.get(f"{catcher}/")
            assert f'/messages/{summary["id"]}' in listing.text
            page = await client.get(f"{catcher}/messages/{summary['id']}")
            assert page.status_code == 200 and "srcdoc=" in page.text and marker in page.text
            assert "script-src" not in page.headers["content-security-policy"]
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGINT)
        stdout, _ = await asyncio.wait_for(process.communicate(), timeout=WAIT_SECONDS)
    assert process.returncode == 0
    assert f"Mail catcher  {catcher}/" in stdout.decode()
    assert refuses(port) and refuses(http_port) and refuses(smtp_port)  # all three stopped


async def test_when_one_child_dies_the_others_are_stopped(settings: Settings) -> None:
    port, http_port = free_port(), free_port()
    with socket.socket() as taken:  # the catcher's SMTP port is in use: the catcher cannot start
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        process = await start_dev(settings, port=port, http_port=http_port, smtp_port=taken.getsockname()[1])
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=WAIT_SECONDS)
    assert process.returncode != 0
    assert "mailcatcher exited" in stderr.decode()
    assert refuses(port) and refuses(http_port)
