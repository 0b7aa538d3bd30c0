"""The worker's own tables: one heartbeat row per running worker, one schedule row per periodic job."""

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base
from api.entity import timestamp_now


class WorkerHeartbeat(Base):
    """A worker process; `beat_at` moves every few seconds while it runs (readiness, metrics)."""

    __tablename__ = "worker_heartbeats"

    # host:pid:random, so a restarted process on the same host is a new row.
    worker_id: Mapped[str] = mapped_column(String(120), primary_key=True)
    hostname: Mapped[str] = mapped_column(Text)
    pid: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime] = timestamp_now()
    beat_at: Mapped[datetime] = timestamp_now()
    stopped_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class WorkerJob(Base):
    """A periodic job's schedule: the worker that moves `next_run_at` forward owns that period's run."""

    __tablename__ = "worker_jobs"

    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    next_run_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_worker_id: Mapped[str | None] = mapped_column(String(120))
    last_ok: Mapped[bool | None] = mapped_column(Boolean)
    # The job's report ("sent 3, nothing new 10 …") or its error.
    last_outcome: Mapped[str | None] = mapped_column(Text)
