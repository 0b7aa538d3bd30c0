"""Data versions, bumped by the database on every write: the ETags of tiles and the tile cache's keys."""

from datetime import datetime

from sqlalchemy import BigInteger, Float, Integer, SmallInteger, String
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



class TileCell(Base):
    """Published enterprises counted per grid cell and main impact area, kept by triggers on organisations
    (migration 0015) as rows are inserted, moved, unpublished and deleted.

    A cell at `level` L is the tile (L, x, y); the cells of a clustered tile at zoom z are those of level
    z + 5, so a cold clustered tile reads at most 1,024 cells instead of every enterprise under it.
    `version` is the sequence number of the last statement that touched the cell: a tile's highest
    version changes exactly when something in it did, and keys its cache entries and ETag.
    """

    __tablename__ = "tile_cells"

    level: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    x: Mapped[int] = mapped_column(Integer, primary_key=True)
    y: Mapped[int] = mapped_column(Integer, primary_key=True)
    impact: Mapped[str] = mapped_column(String(40), primary_key=True)  # "" when the enterprise has none
    count: Mapped[int] = mapped_column(Integer)
    sum_x: Mapped[float] = mapped_column(Float)  # Web Mercator metres, summed: the mean point is sum / count
    sum_y: Mapped[float] = mapped_column(Float)
    version: Mapped[int] = mapped_column(BigInteger)
