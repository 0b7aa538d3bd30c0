"""Clusters, memberships and members (organisations with a membership) at the API's edge."""

from collections.abc import Mapping
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from api.enterprises.schemas import EXAMPLE_ENTERPRISE, EnterpriseCreate, EnterpriseOut, Slug
from api.inputs import Id
from api.members.models import MembershipRole, MembershipStatus

MAIN_CLUSTER = "accelerator-of-social-enterprises"
OrganisationKey = Annotated[str, Field(min_length=1, max_length=120, pattern=r"^[a-z0-9-]+$",
                                       description="The organisation's id or slug.")]


class LinkRelation(StrEnum):
    network = "network"
    financing_partner = "financing_partner"
    partner = "partner"


class LinkedOrganisation(BaseModel):
    """An organisation the cluster or its coordinator is tied to without being a member."""

    name: str
    relation: LinkRelation
    url: str | None = None
    since: int | None = Field(None, description="The year the tie began, when known.")
    note: dict[str, str] = Field(default_factory=dict, description="A sentence per language (ro, en, uk, ru).")


class ClusterOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    slug: str
    name: str
    countries: list[str]
    description: dict[str, str]
    eccp_url: str | None = Field(description="The cluster's profile on the European Cluster Collaboration "
                                             "Platform.")
    programme_since: date | None = Field(description="When the programme the cluster grew from began.")
    founded_on: date | None = Field(description="When the cluster was founded.")
    eccp_registered_on: date | None = Field(description="When it registered on the ECCP.")
    linked_organisations: list[LinkedOrganisation]
    member_count: int = Field(description="Organisations with an open membership.")
    created_at: datetime


class MembershipOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    cluster: str = Field(description="The cluster's slug.")
    organisation_id: int
    role: str
    status: str
    joined_on: date
    left_on: date | None = Field(description="Set when the membership ended; the row stays as history.")
    version: int
    updated_at: datetime


class MemberOut(EnterpriseOut):
    """The organisation as the enterprise list shows it, with its membership."""

    membership: MembershipOut


class MemberPage(BaseModel):
    items: list[MemberOut]
    total: int = Field(description="Matching members; exact when total_exact, else an estimate.")
    total_exact: bool
    limit: int
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null on the last.")


class MemberCreate(BaseModel):
    """An existing organisation (`organisation`) or a new one (`new_organisation`) joins a cluster."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"organisation": "brutaria-bunatatii", "role": "member", "joined_on": "2026-03-01"},
        {"cluster": MAIN_CLUSTER, "new_organisation": {**EXAMPLE_ENTERPRISE, "kind": "public_authority",
                                                       "name": "Primăria Comunei Exemplu"},
         "role": "partner"},
    ]})

    cluster: Slug = MAIN_CLUSTER
    organisation: Id | OrganisationKey | None = None
    new_organisation: EnterpriseCreate | None = None
    role: MembershipRole = MembershipRole.member
    status: MembershipStatus = Field(MembershipStatus.active, description="active or suspended.")
    joined_on: date = Field(default_factory=date.today)

    @model_validator(mode="after")
    def one_organisation(self) -> "MemberCreate":
        if (self.organisation is None) == (self.new_organisation is None):
            raise ValueError("send exactly one of organisation (an id or slug) and new_organisation")
        if self.status == MembershipStatus.ended:
            raise ValueError("a new membership cannot start ended")
        return self


class MembershipPatch(BaseModel):
    """Change the role or status; `status: ended` ends the membership (left_on defaults to today)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"role": "founding_member"}, {"status": "suspended"}, {"status": "ended", "left_on": "2026-06-30"},
    ]})

    role: MembershipRole | None = None
    status: MembershipStatus | None = None
    joined_on: date | None = None
    left_on: date | None = Field(None, description="Only with status ended.")

    @model_validator(mode="after")
    def consistent(self) -> "MembershipPatch":
        for name in ("role", "status", "joined_on"):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} cannot be null")
        if self.left_on is not None and self.status != MembershipStatus.ended:
            raise ValueError("left_on is set by ending the membership: send it with status ended")
        return self


class OrganisationRef(BaseModel):
    id: int
    slug: str
    name: str
    kind: str


class MembershipHistory(BaseModel):
    organisation: OrganisationRef
    memberships: list[MembershipOut] = Field(description="Every membership, open and ended, newest first.")


def membership_out(row: Mapping[Any, Any]) -> MembershipOut:
    """The membership columns of a member list row (MEMBER_COLUMNS' labels)."""
    return MembershipOut(id=row["membership_id"], cluster=row["cluster_slug"], organisation_id=row["id"],
                         role=row["membership_role"], status=row["membership_status"], joined_on=row["joined_on"],
                         left_on=row["left_on"], version=row["membership_version"],
                         updated_at=row["membership_updated_at"])
