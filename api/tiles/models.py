"""Data versions, bumped by the database on every write: the ETags of tiles and the tile cache's keys."""

from datetime import datetime

from sqlalchemy import BigInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base
from api.entity import timestamp_now


class DataVersion(Base):
    """A counter per table, bumped by a statement trigger inside the writing transaction.

    Every worker reads the same row, so an ETag built from it is the same in every process, and it
    changes exactly when the committed data does (a write that rolls back bumps nothing).
    """

    __tablename__ = "data_versions"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, server_default="1")
    changed_at: Mapped[datetime] = timestamp_now()

