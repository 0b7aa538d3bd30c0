"""Revisions: every change to an organisation or one of its offerings, with a full snapshot for revert."""

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Index, String, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base
from api.entity import IdMixin, timestamp_now


class Revision(IdMixin, Base):
    __tablename__ = "revisions"
    __table_args__ = (Index("ix_revisions_organisation_id_id", "organisation_id", "id"),)

    # Revisions are numbered by this id: it stays the same when a merge moves them to the survivor.
    organisation_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("organisations.id", ondelete="CASCADE"))
    entity: Mapped[str] = mapped_column(String(16))
    entity_id: Mapped[int] = mapped_column(BigInteger)
    action: Mapped[str] = mapped_column(String(24))
    actor: Mapped[str] = mapped_column(Text)
    actor_token_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("api_tokens.id", ondelete="SET NULL"), index=True
    )
    occurred_at: Mapped[datetime] = timestamp_now()
    # {field: {"before": …, "after": …}} of what changed.
    changes: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default="{}")
    # The entity's fields after the change (empty after a delete): what a revert restores.
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default="{}")
