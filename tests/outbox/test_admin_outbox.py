"""Admins see the mail: list by status with paging, one message with its last error, retry, worker status."""

from datetime import UTC, datetime

from httpx import AsyncClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from api.outbox import service as outbox

API = "/api/v1/admin/outbox"


async def test_admins_list_read_and_retry_a_failed_message(client: AsyncClient, session: AsyncSession,
                                                           admin_headers: dict[str, str]) -> None:
    failed = await outbox.enqueue(session, to="gone@example.org", subject="Lost", body_text="b",
                                  template=None, dedupe_key="admin-outbox:failed")
    for n in range(3):
        await outbox.enqueue(session, to=f"ok{n}@example.org", subject=f"Queued {n}", body_text="b")
    await session.execute(text("UPDATE outbox_messages SET status = 'failed', attempts = 8, "
                               "last_error = 'SMTP 550: no such user' WHERE id = :id"), {"id": failed})
    await session.commit()

    page = (await client.get(API, params={"status": "failed", "limit": 1}, headers=admin_headers)).json()
    assert [m["id"] for m in page["items"]] == [failed] and page["items"][0]["last_error"] == "SMTP 550: no such user"
    pending = await client.get(API, params={"status": "pending", "limit": 2}, headers=admin_headers)
    first = pending.json()
    assert len(first["items"]) == 2 and first["next_cursor"]
    following = (await client.get(API, params={"status": "pending", "limit": 2, "cursor": first["next_cursor"]},
                                  headers=admin_headers)).json()
    assert following["items"] and following["items"][0]["id"] < first["items"][-1]["id"]

    one = (await client.get(f"{API}/{failed}", headers=admin_headers)).json()
    assert (one["status"], one["body_text"], one["last_error"]) == ("failed", "b", "SMTP 550: no such user")

    retried = await client.post(f"{API}/{failed}/retry", headers=admin_headers)
    assert retried.status_code == 200, retried.text
    assert (retried.json()["status"], retried.json()["attempts"]) == ("pending", 0)
    assert datetime.fromisoformat(retried.json()["next_attempt_at"]) <= datetime.now(UTC)
    again = await client.post(f"{API}/{failed}/retry", headers=admin_headers)
    assert again.status_code == 409 and again.headers["content-type"].startswith("application/problem+json")
    assert (await client.get(f"{API}/999999999", headers=admin_headers)).status_code == 404
    audited = await session.scalar(text("SELECT count(*) FROM audit_log WHERE entity = 'outbox_message' "
                                        "AND entity_id = :id AND action = 'retry'"), {"id": str(failed)})
    assert audited == 1


async def test_the_worker_status_reports_the_heartbeat_and_the_failed_count(
        client: AsyncClient, session: AsyncSession, admin_headers: dict[str, str]) -> None:
    await session.execute(text("INSERT INTO worker_heartbeats (worker_id, hostname, pid) VALUES ('h:1:ab', 'h', 1)"))
    failed = await outbox.enqueue(session, to="gone@example.org", subject="Lost", body_text="b")
    await session.execute(text("UPDATE outbox_messages SET status = 'failed' WHERE id = :id"), {"id": failed})
    await session.commit()
    status = (await client.get(f"{API}/status", headers=admin_headers)).json()
    assert status["last_heartbeat_at"] is not None and status["heartbeat_age_seconds"] is not None
    assert "h:1:ab" in [w["worker_id"] for w in status["workers"]]
    failed_count = await session.scalar(text("SELECT count(*) FROM outbox_messages WHERE status = 'failed'"))
    assert status["outbox"]["failed"] == failed_count >= 1


async def test_only_admins_see_the_outbox(client: AsyncClient, editor_headers: dict[str, str]) -> None:
    assert (await client.get(API)).status_code == 401
    assert (await client.get(API, headers=editor_headers)).status_code == 403
    assert (await client.get(f"{API}/status", headers=editor_headers)).status_code == 403
    # The role is checked before the query: an editor learns nothing of what the outbox accepts.
    assert (await client.get(API, params={"status": "lost"}, headers=editor_headers)).status_code == 403
