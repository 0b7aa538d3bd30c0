"""The columns every entity spells the same way, and optimistic concurrency over the version column.

An entity with `VersionedMixin` carries a version that SQLAlchemy bumps on each UPDATE (and checks in its
WHERE clause). Its ETag is `"<id>.<version>"`; every write to an existing row passes the client's If-Match
through `check_version`, so that a stale writer gets a 412 with the current ETag and changes nothing.
"""

from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import BigInteger, DateTime, Identity, Integer, func
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from api.errors import PreconditionFailed


def timestamp_now() -> Any:
    """A timestamp with time zone that the database sets to the inserting transaction's time."""
    return mapped_column(DateTime(timezone=True), server_default=func.now())


class IdMixin:
    """A bigint identity primary key, first among the columns."""

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True, sort_order=-10)


class CreatedAtMixin:
    created_at: Mapped[datetime] = timestamp_now()


class TimestampsMixin(CreatedAtMixin):
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )


class VersionedMixin:
    """A version counter that every UPDATE bumps: the ETag, and SQLAlchemy's guard against lost updates."""

    version: Mapped[int] = mapped_column(Integer, server_default="1")

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class Versioned(Protocol):
    @property
    def id(self) -> Any: ...

    version: int


# What a 412 calls each entity ("The <noun> changed since you read it").
NOUNS = {"organisations": "enterprise", "offerings": "offering", "memberships": "membership",
         "inquiries": "inquiry", "service_requests": "service request", "support_services": "support service",
         "submissions": "submission", "impact_reports": "impact report",
         "webhook_subscriptions": "webhook subscription", "reserved_eligibilities": "evidence"}


def etag_of(entity: Versioned) -> str:
    """The entity's strong ETag: its id and version, quoted."""
    return f'"{entity.id}.{entity.version}"'


def check_version(entity: Versioned, if_match: str | None) -> None:
    """Refuse a write made from a stale read: 412 with the current ETag when If-Match names another version.

    `None` means the route made If-Match optional (a delete) and the client sent none: no check."""
    if if_match is None:
        return
    current = etag_of(entity)
    # A compressing proxy may weaken the ETag it passed on (W/"7.2"): the version still identifies the read.
    sent = {tag.strip().removeprefix("W/") for tag in if_match.split(",")}
    if current not in sent and "*" not in sent:
        noun = NOUNS.get(getattr(entity, "__tablename__", ""), "entity")
        raise PreconditionFailed(f"The {noun} changed since you read it; GET it again and retry.",
                                 current_etag=current)
