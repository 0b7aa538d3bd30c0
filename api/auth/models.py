"""API tokens: hashed at rest, shown once, with a role and an expiry."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import BigInteger, CheckConstraint, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from api.audit import names as audit_names
from api.db import Base
from api.entity import CreatedAtMixin, IdMixin


class Role(StrEnum):
    admin = "admin"
    editor = "editor"
    member = "member"
    integration = "integration"
    # A metrics scraper: reads /metrics and nothing else that is not public.
    monitoring = "monitoring"


class ApiToken(IdMixin, CreatedAtMixin, Base):
    __tablename__ = "api_tokens"
    __table_args__ = (
        CheckConstraint(f"role IN ({', '.join(repr(r.value) for r in Role)})", name="known_role"),
        CheckConstraint("role <> 'member' OR organisation_id IS NOT NULL", name="member_has_organisation"),
        # Member tokens always expire (MEMBER_TOKEN_LIFETIME by default) and are renewed by their holder.
        CheckConstraint("role <> 'member' OR expires_at IS NOT NULL", name="member_expires"),
    )

    name: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(16))
    organisation_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    # The public half of the token, used to find the row; the secret half is only hashed.
    lookup_id: Mapped[str] = mapped_column(String(16), unique=True)
    secret_hash: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


audit_names.register("api_token", ApiToken.id, ApiToken.name)
