"""Data versions (bumped by the database on every write) and the shared cache of encoded tiles."""

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, LargeBinary, String, func
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base
from api.entity import CreatedAtMixin


class DataVersion(Base):
    """A counter per table, bumped by a statement trigger inside the writing transaction.

    Every worker reads the same row, so an ETag built from it is the same in every process, and it
    changes exactly when the committed data does (a write that rolls back bumps nothing).
    """

    __tablename__ = "data_versions"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, server_default="1")
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class TileCache(CreatedAtMixin, Base):
    """Encoded aggregated tiles, keyed by tile and filters, valid for one data version.

    UNLOGGED: a cache needs no WAL and no crash safety; the bump trigger empties it on every write.
    """

    __tablename__ = "tile_cache"
    __table_args__ = {"prefixes": ["UNLOGGED"]}  # noqa: RUF012

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger)
    body: Mapped[bytes] = mapped_column(LargeBinary)
