"""Stored buyer matches: the need as understood and the ranked results, as they were."""

import uuid
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, Uuid, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base
from api.entity import CreatedAtMixin


class Match(CreatedAtMixin, Base):
    """A buyer's need and its ranked, explained result; a snapshot, so a shared link shows the same list."""

    __tablename__ = "matches"
    __table_args__ = (Index("ix_matches_created_at", "created_at"),)

    # A random UUID: the link is the capability to read the match (it may hold a buyer's need).
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, server_default=text("gen_random_uuid()"))
    token_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("api_tokens.id", ondelete="SET NULL"), index=True
    )
    source: Mapped[str] = mapped_column(String(16), server_default="api")
    need: Mapped[dict[str, Any]] = mapped_column(JSONB)
    # The point, town, country and region the need was resolved to, and the normalised weights used.
    location: Mapped[dict[str, Any]] = mapped_column(JSONB)
    weights: Mapped[dict[str, float]] = mapped_column(JSONB)
    results: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    result_count: Mapped[int] = mapped_column(Integer)
    candidates_considered: Mapped[int] = mapped_column(Integer)
