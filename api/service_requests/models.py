"""The support-service catalogue, members' service requests, their timeline and collaborators."""

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    String,
    Text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from api.audit import names as audit_names
from api.db import Base
from api.entity import IdMixin, TimestampsMixin, VersionedMixin, timestamp_now


class RequestStatus(StrEnum):
    submitted = "submitted"
    triaged = "triaged"
    in_progress = "in_progress"
    resolved = "resolved"
    closed = "closed"
    rejected = "rejected"
    cancelled = "cancelled"


class Priority(StrEnum):
    low = "low"
    normal = "normal"
    high = "high"
    urgent = "urgent"


class EventKind(StrEnum):
    created = "created"
    transition = "transition"
    assignment = "assignment"
    priority = "priority"
    due_date = "due_date"
    details = "details"
    comment = "comment"
    collaborator_added = "collaborator_added"


def _in(values: type[StrEnum]) -> str:
    return ", ".join(f"'{v.value}'" for v in values)


class SupportService(IdMixin, TimestampsMixin, VersionedMixin, Base):
    __tablename__ = "support_services"
    __table_args__ = (CheckConstraint("code ~ '^[a-z][a-z0-9_]{1,39}$'", name="code_format"),)

    code: Mapped[str] = mapped_column(String(40), unique=True)
    # {"ro": …, "en": …, "uk": …, "ru": …}
    names: Mapped[dict[str, str]] = mapped_column(JSONB)
    descriptions: Mapped[dict[str, str]] = mapped_column(JSONB, server_default="{}")
    # Retired services leave the catalogue's default list but stay on the requests that name them.
    retired_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ServiceRequest(IdMixin, TimestampsMixin, VersionedMixin, Base):
    __tablename__ = "service_requests"
    __table_args__ = (
        CheckConstraint(f"status IN ({_in(RequestStatus)})", name="known_status"),
        CheckConstraint(f"priority IN ({_in(Priority)})", name="known_priority"),
        CheckConstraint("preferred_to IS NULL OR preferred_from IS NULL OR preferred_to >= preferred_from",
                        name="preferred_period_ordered"),
        Index("ix_service_requests_status_id", "status", "id"),
        Index("ix_service_requests_organisation_id_id", "organisation_id", "id"),
        Index("ix_service_requests_due_date", "due_date"),
    )

    organisation_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("organisations.id", ondelete="CASCADE"))
    service_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("support_services.id"), index=True)
    title: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text)
    preferred_from: Mapped[date | None] = mapped_column(Date)
    preferred_to: Mapped[date | None] = mapped_column(Date)
    # Personal data: shown to staff and to the requesting organisation only.
    contact_name: Mapped[str] = mapped_column(Text)
    contact_email: Mapped[str] = mapped_column(Text)
    contact_phone: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), server_default=RequestStatus.submitted.value)
    priority: Mapped[str] = mapped_column(String(8), server_default=Priority.normal.value)
    assignee_token_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("api_tokens.id", ondelete="SET NULL"), index=True
    )
    due_date: Mapped[date | None] = mapped_column(Date)
    created_by_token_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("api_tokens.id", ondelete="SET NULL")
    )
    # An "access to funding" request may name the funding call it is about.
    funding_call_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("funding_calls.id", ondelete="SET NULL"), index=True
    )
    # When the request was last resolved: the requester may reopen it for 30 days after.
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ServiceRequestEvent(IdMixin, Base):
    """One line of a request's timeline; comments are events with a body."""

    __tablename__ = "service_request_events"
    __table_args__ = (
        CheckConstraint(f"kind IN ({_in(EventKind)})", name="known_kind"),
        Index("ix_service_request_events_request_id_id", "request_id", "id"),
    )

    request_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("service_requests.id", ondelete="CASCADE"))
    occurred_at: Mapped[datetime] = timestamp_now()
    actor_token_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("api_tokens.id", ondelete="SET NULL"), index=True
    )
    # Kept as text, so the timeline still says who acted after a token is deleted.
    actor: Mapped[str] = mapped_column(Text)
    actor_role: Mapped[str | None] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(24))
    # Internal events and comments are for staff only.
    internal: Mapped[bool] = mapped_column(Boolean, server_default="false")
    data: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default="{}")
    body: Mapped[str | None] = mapped_column(Text)


class ServiceRequestCollaborator(Base):
    """Another member organisation named on a collaboration request; it may read the public part."""

    __tablename__ = "service_request_collaborators"

    request_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("service_requests.id", ondelete="CASCADE"), primary_key=True
    )
    organisation_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    added_at: Mapped[datetime] = timestamp_now()


audit_names.register("service_request", ServiceRequest.id, ServiceRequest.title)
