"""Two people change one request at once, on two real connections: one wins, the other is told, nothing is lost.

These tests commit (the rolled-back test transaction would hide the locking), so they clean up after.
"""

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from httpx import ASGITransport, AsyncClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from api.auth import service as auth_service
from api.auth.models import Role
from api.config import Settings
from api.db import create_sessionmaker
from api.main import create_app
from tests.factories import make_member
from tests.service_requests.conftest import API, request_body


@pytest.fixture
async def committed(engine: AsyncEngine, settings: Settings) -> AsyncIterator[dict[str, Any]]:
    """An app on the real engine, a committed member with three tokens (member, editor, admin), and a cleanup."""
    maker = create_sessionmaker(engine)
    app = create_app(settings)
    app.state.engine, app.state.sessionmaker = engine, maker
    async with maker() as session, session.begin():
        member = await make_member(session)
        organisation_id, cluster_id = member.organisation_id, member.cluster_id
        made = [await auth_service.create_token(session, name=f"concurrency {role.value}", role=role,
                                                organisation_id=organisation_id if role == Role.member else None)
                for role in (Role.member, Role.editor, Role.admin)]
    headers = [{"Authorization": f"Bearer {plaintext}"} for _, plaintext in made]
    state: dict[str, Any] = {"request_ids": [], "member": headers[0], "editor": headers[1], "admin": headers[2]}
    async with AsyncClient(transport=ASGITransport(app=app, raise_app_exceptions=False),
                           base_url="http://test") as client:
        state["client"] = client
        yield state
    token_ids = [token.id for token, _ in made]
    async with maker() as session, session.begin():
        ids = [str(i) for i in state["request_ids"]]
        await session.execute(text("DELETE FROM outbox_messages WHERE headers->>'X-Semap-Service-Request' = ANY(:ids)"),
                              {"ids": ids})
        await session.execute(text("DELETE FROM audit_log WHERE actor_token_id = ANY(:t)"), {"t": token_ids})
        await session.execute(text("DELETE FROM service_requests WHERE id = ANY(:ids)"),
                              {"ids": state["request_ids"]})
        await session.execute(text("DELETE FROM api_tokens WHERE id = ANY(:t)"), {"t": token_ids})
        await session.execute(text("DELETE FROM organisations WHERE id = :id"), {"id": organisation_id})
        await session.execute(text("DELETE FROM clusters WHERE id = :id"), {"id": cluster_id})


async def _file(state: dict[str, Any]) -> tuple[int, str]:
    client: AsyncClient = state["client"]
    created = await client.post(API, json=request_body(), headers=state["member"])
    assert created.status_code == 201, created.text
    state["request_ids"].append(created.json()["id"])
    return created.json()["id"], created.headers["etag"]


async def test_two_concurrent_transitions_one_wins_and_its_event_is_kept(committed: dict[str, Any]) -> None:
    client: AsyncClient = committed["client"]
    request_id, etag = await _file(committed)
    url = f"{API}/{request_id}/transitions"
    triage, reject = await asyncio.gather(
        client.post(url, json={"to": "triaged"}, headers={**committed["editor"], "If-Match": etag}),
        client.post(url, json={"to": "rejected", "reason": "Duplicate request."},
                    headers={**committed["admin"], "If-Match": etag}),
    )
    codes = sorted([triage.status_code, reject.status_code])
    # Both sent the same ETag: the loser waits for the row lock, then finds the version moved on.
    assert codes == [200, 412], (triage.text, reject.text)
    winner = triage if triage.status_code == 200 else reject
    current = (await client.get(f"{API}/{request_id}", headers=committed["admin"])).json()
    assert current["status"] == winner.json()["status"]
    assert current["version"] == 2
    events = (await client.get(f"{API}/{request_id}/events", headers=committed["admin"])).json()
    assert [(e["kind"], e["data"].get("to")) for e in events] == [("created", None),
                                                                 ("transition", current["status"])]


async def test_the_member_cancelling_while_staff_triage_cannot_both_win(committed: dict[str, Any]) -> None:
    client: AsyncClient = committed["client"]
    request_id, etag = await _file(committed)
    url = f"{API}/{request_id}/transitions"
    results = await asyncio.gather(*[
        client.post(url, json={"to": target}, headers={**headers, "If-Match": etag})
        for target, headers in (("triaged", committed["editor"]), ("cancelled", committed["member"]))
    ])
    assert sorted(r.status_code for r in results) == [200, 412]
    events = (await client.get(f"{API}/{request_id}/events", headers=committed["admin"])).json()
    assert [e["kind"] for e in events] == ["created", "transition"]


async def test_concurrent_comments_are_all_recorded(committed: dict[str, Any]) -> None:
    client: AsyncClient = committed["client"]
    request_id, _ = await _file(committed)
    url = f"{API}/{request_id}/comments"
    results = await asyncio.gather(*[
        client.post(url, json={"body": f"Comment {n}"}, headers=committed["editor" if n % 2 else "member"])
        for n in range(6)
    ])
    assert [r.status_code for r in results] == [201] * 6
    bodies = sorted(c["body"] for c in (await client.get(url, headers=committed["admin"])).json())
    assert bodies == [f"Comment {n}" for n in range(6)]
