"""Inquiries to a cluster from outside it: policy makers, authorities, researchers, the press."""

from enum import StrEnum

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base
from api.entity import CreatedAtMixin, IdMixin


class AskerRole(StrEnum):
    policy_maker = "policy_maker"
    public_authority = "public_authority"
    enterprise = "enterprise"
    researcher = "researcher"
    journalist = "journalist"
    other = "other"


class ClusterInquiry(IdMixin, CreatedAtMixin, Base):
    __tablename__ = "cluster_inquiries"
    __table_args__ = (
        CheckConstraint(f"asker_role IN ({', '.join(repr(r.value) for r in AskerRole)})", name="known_role"),
        Index("ix_cluster_inquiries_cluster_id_created_at", "cluster_id", "created_at"),
    )

    cluster_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("clusters.id", ondelete="CASCADE"))
    # The support service asked about, by code; null for a general question.
    service_code: Mapped[str | None] = mapped_column(String(40))
    # Personal data: read by the coordinator (its e-mail) and admins only.
    name: Mapped[str] = mapped_column(Text)
    organisation: Mapped[str | None] = mapped_column(Text)
    email: Mapped[str] = mapped_column(Text)
    asker_role: Mapped[str] = mapped_column(String(20))
    message: Mapped[str] = mapped_column(Text)
    emailed: Mapped[bool] = mapped_column(server_default="false")
