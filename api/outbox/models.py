"""Outgoing e-mail, stored until a worker has handed it to the SMTP server."""

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import CheckConstraint, DateTime, Index, Integer, String, Text, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base
from api.entity import CreatedAtMixin, IdMixin, timestamp_now


class OutboxStatus(StrEnum):
    pending = "pending"
    sent = "sent"
    failed = "failed"


class OutboxMessage(IdMixin, CreatedAtMixin, Base):
    __tablename__ = "outbox_messages"
    __table_args__ = (
        CheckConstraint(f"status IN ({', '.join(repr(s.value) for s in OutboxStatus)})", name="known_status"),
        CheckConstraint("attempts >= 0", name="attempts_non_negative"),
        # The worker's claim query: due pending messages in order; sent ones are not in the index.
        Index("ix_outbox_messages_due", "next_attempt_at", "id", postgresql_where=text("status = 'pending'")),
        Index("ix_outbox_messages_status_created_at", "status", "created_at"),
    )

    to_address: Mapped[str] = mapped_column(Text)
    subject: Mapped[str] = mapped_column(Text)
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str | None] = mapped_column(Text)
    headers: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default="{}")
    status: Mapped[str] = mapped_column(String(16), server_default=OutboxStatus.pending.value)
    attempts: Mapped[int] = mapped_column(Integer, server_default="0")
    next_attempt_at: Mapped[datetime] = timestamp_now()
    last_error: Mapped[str | None] = mapped_column(Text)
    # Producers name what a message is about (e.g. "service-request:42:event:7:to"), so a retried
    # write cannot send the same e-mail twice; NULL for messages that need no such guard.
    dedupe_key: Mapped[str | None] = mapped_column(String(300), unique=True)
    # Which template rendered it and in which language (NULL for messages written as plain text).
    template: Mapped[str | None] = mapped_column(String(60))
    language: Mapped[str | None] = mapped_column(String(2))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
