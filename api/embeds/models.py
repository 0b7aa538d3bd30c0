"""Sites allowed to embed the map (CSP frame-ancestors of /embed)."""

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, Identity, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base


class EmbedSite(Base):
    __tablename__ = "embed_sites"

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    # A serialised origin: scheme://host[:port], lower case, no path.
    origin: Mapped[str] = mapped_column(Text, unique=True)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
