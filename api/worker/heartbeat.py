"""Each worker's row in worker_heartbeats: written at start, every WORKER_HEARTBEAT_SECONDS, and at stop."""

import os
import secrets
import socket
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

BEAT_SQL = text("""
INSERT INTO worker_heartbeats (worker_id, hostname, pid, started_at, beat_at) VALUES (:id, :host, :pid, :now, :now)
ON CONFLICT (worker_id) DO UPDATE SET beat_at = excluded.beat_at, stopped_at = NULL
""")
STOP_SQL = text("UPDATE worker_heartbeats SET beat_at = :now, stopped_at = :now WHERE worker_id = :id")


def new_worker_id() -> str:
    return f"{socket.gethostname()[:80]}:{os.getpid()}:{secrets.token_hex(4)}"


async def beat(sessionmaker: async_sessionmaker[AsyncSession], worker_id: str, now: datetime) -> None:
    async with sessionmaker() as session, session.begin():
        await session.execute(BEAT_SQL, {"id": worker_id, "host": worker_id.split(":", 1)[0], "pid": os.getpid(),
                                         "now": now})


async def stopped(sessionmaker: async_sessionmaker[AsyncSession], worker_id: str, now: datetime) -> None:
    async with sessionmaker() as session, session.begin():
        await session.execute(STOP_SQL, {"id": worker_id, "now": now})
