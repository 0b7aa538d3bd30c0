"""External ids that partners use for organisations, and the record of each import run."""

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base
from api.entity import IdMixin, timestamp_now


class OrganisationExternalId(Base):
    """The id an organisation has in a partner's system; re-imports match rows by it.

    A table of its own rather than a column on organisations, so imports own their schema.
    """

    __tablename__ = "organisation_external_ids"

    organisation_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True
    )
    external_id: Mapped[str] = mapped_column(String(120), unique=True)


class ImportRun(IdMixin, Base):
    """One committed import: who ran it, what it did, and the problems it reported."""

    __tablename__ = "import_runs"

    started_at: Mapped[datetime] = timestamp_now()
    actor: Mapped[str] = mapped_column(Text)
    filename: Mapped[str | None] = mapped_column(Text)
    file_format: Mapped[str] = mapped_column(String(8))
    partial: Mapped[bool] = mapped_column(Boolean)
    rows_total: Mapped[int] = mapped_column(Integer)
    created: Mapped[int] = mapped_column(Integer)
    updated: Mapped[int] = mapped_column(Integer)
    unchanged: Mapped[int] = mapped_column(Integer)
    rejected: Mapped[int] = mapped_column(Integer)
    report: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default="{}")
