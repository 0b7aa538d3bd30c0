"""Clusters and the memberships of organisations in them."""

from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    ARRAY,
    BigInteger,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    String,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from api.audit import names as audit_names
from api.db import Base
from api.enterprises.models import Organisation
from api.entity import CreatedAtMixin, IdMixin, TimestampsMixin, VersionedMixin


class MembershipRole(StrEnum):
    member = "member"
    founding_member = "founding_member"
    coordinator = "coordinator"
    partner = "partner"


class MembershipStatus(StrEnum):
    active = "active"
    suspended = "suspended"
    ended = "ended"


class Cluster(IdMixin, CreatedAtMixin, Base):
    __tablename__ = "clusters"

    slug: Mapped[str] = mapped_column(String(120), unique=True)
    name: Mapped[str] = mapped_column(Text)
    countries: Mapped[list[str]] = mapped_column(ARRAY(String(2)), server_default="{}")
    description: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default="{}")
    eccp_url: Mapped[str | None] = mapped_column(Text)
    # The story the public page tells: a programme first, then a cluster, then on the ECCP.
    programme_since: Mapped[date | None] = mapped_column(Date)
    founded_on: Mapped[date | None] = mapped_column(Date)
    eccp_registered_on: Mapped[date | None] = mapped_column(Date)
    # Networks and partners that are not members: [{name, relation, url, since, note: {lang: text}}].
    linked_organisations: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, server_default="[]")


class Membership(IdMixin, TimestampsMixin, VersionedMixin, Base):
    __tablename__ = "memberships"
    __table_args__ = (
        CheckConstraint(f"role IN ({', '.join(repr(r.value) for r in MembershipRole)})", name="known_role"),
        CheckConstraint(
            f"status IN ({', '.join(repr(s.value) for s in MembershipStatus)})", name="known_status"
        ),
        CheckConstraint("left_on IS NULL OR left_on >= joined_on", name="left_after_joined"),
        # One open membership per organisation and cluster; ended ones stay as history.
        Index(
            "uq_memberships_open", "cluster_id", "organisation_id",
            unique=True, postgresql_where=text("left_on IS NULL"),
        ),
        Index("ix_memberships_cluster_id_status", "cluster_id", "status"),
    )

    cluster_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("clusters.id", ondelete="CASCADE"))
    organisation_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(20), server_default=MembershipRole.member.value)
    status: Mapped[str] = mapped_column(String(16), server_default=MembershipStatus.active.value)
    joined_on: Mapped[date] = mapped_column(Date)
    left_on: Mapped[date | None] = mapped_column(Date)


audit_names.register("membership", Membership.id, Organisation.name,
                     join=(Organisation, Organisation.id == Membership.organisation_id))
