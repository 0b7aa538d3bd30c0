"""Public submissions: proposed enterprises and corrections, held for moderation."""

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, DateTime, ForeignKey, Index, String, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base
from api.entity import CreatedAtMixin, IdMixin, VersionedMixin


class SubmissionKind(StrEnum):
    new = "new"
    correction = "correction"


class SubmissionStatus(StrEnum):
    pending = "pending"
    approved = "approved"
    rejected = "rejected"


def _in(values: type[StrEnum]) -> str:
    return ", ".join(f"'{v.value}'" for v in values)


class Submission(IdMixin, CreatedAtMixin, VersionedMixin, Base):
    __tablename__ = "submissions"
    __table_args__ = (
        CheckConstraint(f"kind IN ({_in(SubmissionKind)})", name="known_kind"),
        CheckConstraint(f"status IN ({_in(SubmissionStatus)})", name="known_status"),
        CheckConstraint("kind = 'new' OR organisation_id IS NOT NULL", name="correction_has_organisation"),
        CheckConstraint("language IN ('ro', 'en', 'uk', 'ru')", name="known_language"),
        # The moderation queue reads pending submissions oldest first.
        Index("ix_submissions_status_id", "status", "id"),
    )

    kind: Mapped[str] = mapped_column(String(16))
    # The corrected organisation, or the one an approved proposal created.
    organisation_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("organisations.id", ondelete="SET NULL"), index=True
    )
    # The proposed enterprise (a create body) or correction (a patch body), as validated JSON.
    payload: Mapped[dict[str, Any]] = mapped_column(JSONB)
    message: Mapped[str | None] = mapped_column(Text)
    # Personal data: shown to admins only, never published.
    submitter_name: Mapped[str] = mapped_column(Text)
    # None when a member or an editor proposed it through the write policy (see proposed_by_token_id).
    submitter_email: Mapped[str | None] = mapped_column(Text)
    proposed_by_token_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("api_tokens.id", ondelete="SET NULL")
    )
    status: Mapped[str] = mapped_column(String(16), server_default=SubmissionStatus.pending.value)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decided_by_token_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("api_tokens.id", ondelete="SET NULL")
    )
    decision_reason: Mapped[str | None] = mapped_column(Text)
    # The submitter's language for the outcome e-mail (None before migration 0018, or for a token's proposal).
    language: Mapped[str | None] = mapped_column(String(2))
