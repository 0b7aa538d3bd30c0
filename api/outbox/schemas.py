"""The outbox as admins read it."""

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class OutboxSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True, json_schema_extra={"examples": [{
        "id": 12, "to_address": "orders@caterer.example", "subject": "Inquiry from Primăria Iași via …",
        "status": "failed", "attempts": 8, "template": "inquiry", "language": "ro",
        "created_at": "2026-12-05T09:00:00Z", "next_attempt_at": "2026-12-05T13:15:00Z", "sent_at": None,
        "last_error": "SMTP 550: b'No such user here'"}]})

    id: int
    to_address: str
    subject: str
    status: str = Field(description="pending (queued, waiting for its next attempt), sent or failed.")
    attempts: int
    template: str | None
    language: str | None
    created_at: datetime
    next_attempt_at: datetime
    sent_at: datetime | None
    last_error: str | None = Field(description="Why the last attempt failed.")


class OutboxDetail(OutboxSummary):
    body_text: str
    body_html: str | None
    headers: dict[str, str]


class OutboxPage(BaseModel):
    items: list[OutboxSummary]
    limit: int
    next_cursor: str | None


class WorkerOut(BaseModel):
    worker_id: str
    hostname: str
    pid: int
    started_at: datetime
    last_beat_at: datetime
    stopped_at: datetime | None


class JobOut(BaseModel):
    name: str
    next_run_at: datetime
    last_started_at: datetime | None
    last_finished_at: datetime | None
    last_ok: bool | None
    last_outcome: str | None


class OutboxCounts(BaseModel):
    pending: int
    sent: int
    failed: int
    oldest_due_at: datetime | None = Field(description="The longest-waiting due message: old means no worker sends.")


class WorkerStatus(BaseModel):
    last_heartbeat_at: datetime | None = Field(description="The newest beat of a running worker; null: none runs.")
    heartbeat_age_seconds: float | None
    workers: list[WorkerOut] = Field(description="Workers seen in the last day, running ones first.")
    outbox: OutboxCounts
    jobs: list[JobOut]
