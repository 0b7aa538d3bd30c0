"""The cluster's public page and the inquiries outsiders send it, at the API's edge."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints

from api.clusters.models import AskerRole
from api.members.schemas import ClusterOut, OrganisationRef
from api.outcomes.schemas import SocialSpend
from api.service_requests.schemas import Code, SupportServiceOut

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=200)]


class Coordinator(OrganisationRef):
    since: date = Field(description="When its coordinating membership began.")


class ClusterFigures(BaseModel):
    """The members' own figures, summed over active published members (the profiles' current values)."""

    employees: int
    employees_vulnerable: int
    turnover_eur: Decimal


class ClusterPage(ClusterOut):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "id": 1, "slug": "accelerator-of-social-enterprises", "name": "Accelerator of Social Enterprises",
        "countries": ["RO", "MD"], "description": {"en": "…"}, "eccp_url": "https://www.clustercollaboration.eu/",
        "programme_since": "2019-01-01", "founded_on": "2020-01-01", "eccp_registered_on": "2021-12-01",
        "member_count": 60, "created_at": "2026-01-01T00:00:00Z",
        "coordinator": {"id": 1, "slug": "adv-romania", "name": "ADV Romania", "kind": "ngo", "since": "2020-01-01"},
        "linked_organisations": [{"name": "RISE", "relation": "network", "url": None, "since": None, "note": {}}],
        "support_services": [], "members_by_kind": {"social_enterprise": 47}, "members_by_country": {"RO": 45},
        "figures": {"employees": 319, "employees_vulnerable": 150, "turnover_eur": "3000000.00"},
        "social_spend": {"quoted": 4, "won": 2, "declined": 1,
                         "by_currency": [{"currency": "RON", "value": "18500.00", "contracts": 2}]}}]})

    coordinator: Coordinator | None
    support_services: list[SupportServiceOut] = Field(description="The services the cluster offers its members.")
    members_by_kind: dict[str, int]
    members_by_country: dict[str, int]
    figures: ClusterFigures
    social_spend: SocialSpend = Field(description="What buyers' inquiries to the members came to, as the members "
                                                  "recorded it: won contracts summed per currency.")


class ClusterInquiryCreate(BaseModel):
    """A question to the cluster's coordinator from someone who is not a member."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "name": "Maria Ionescu", "organisation": "Ministerul Muncii", "email": "maria@example.org",
        "asker_role": "policy_maker", "service": "policy_training",
        "message": "We would like a training on social procurement for our regional officers."}]})

    name: Name
    organisation: Name | None = None
    email: EmailStr = Field(description="Where the coordinator replies; never shown publicly.")
    asker_role: AskerRole
    service: Code | None = Field(None, description="A support service's code, when the question is about one.")
    message: Annotated[str, StringConstraints(strip_whitespace=True, min_length=10, max_length=5000)]


class ClusterInquirySent(BaseModel):
    id: int
    cluster: str
    service: str | None
    asker_role: str
    emailed: bool = Field(description="True when an e-mail to the coordinator is queued.")
    created_at: datetime
