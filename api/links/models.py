"""One-time links: a random token e-mailed to someone, stored only as its SHA-256, valid once and until it expires."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import BigInteger, CheckConstraint, DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base
from api.entity import CreatedAtMixin, IdMixin


class LinkPurpose(StrEnum):
    claim = "claim"
    freshness = "freshness"
    subscription_confirm = "subscription_confirm"
    unsubscribe = "unsubscribe"
    saved_need_confirm = "saved_need_confirm"
    saved_need_stop = "saved_need_stop"


class OneTimeLink(IdMixin, CreatedAtMixin, Base):
    __tablename__ = "one_time_links"
    __table_args__ = (
        CheckConstraint(f"purpose IN ({', '.join(repr(p.value) for p in LinkPurpose)})", name="known_purpose"),
    )

    purpose: Mapped[str] = mapped_column(String(32))
    # sha256 of the token: a leaked table grants nothing, and the token has 256 bits, so no salt is needed.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The claim, organisation or subscription the link acts on, by purpose.
    subject_id: Mapped[int] = mapped_column(BigInteger)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
