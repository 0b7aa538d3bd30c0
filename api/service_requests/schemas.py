"""Request and response bodies for the support-service catalogue and service requests."""

from collections.abc import Mapping
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints, model_validator
from pydantic.config import JsonDict

from api.mail.headers import SINGLE_LINE_PATTERN
from api.service_requests.models import EventKind, Priority, RequestStatus

LANGUAGES = ("ro", "en", "uk", "ru")
Code = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{1,39}$")]
# Ids are bigint: a larger number is a 422, not a database error.
Id = Annotated[int, Field(ge=1, le=9_223_372_036_854_775_807)]
# Titles go into e-mail subjects, names into greetings: one line only (a CR/LF is a 422).
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=200,
                                         pattern=SINGLE_LINE_PATTERN)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=10_000)]
PersonName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=200,
                                              pattern=SINGLE_LINE_PATTERN)]
Phone = Annotated[str, StringConstraints(pattern=r"^\+?[0-9 ()./-]{6,30}$")]
Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=2000)]
Translations = Annotated[dict[Literal["ro", "en", "uk", "ru"],
                              Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=5000)]],
                         Field(description="Text per language: ro, en, uk, ru.")]

EXAMPLE_SERVICE: JsonDict = {
    "code": "export_readiness",
    "names": {"ro": "Pregătire pentru export", "en": "Export readiness", "uk": "Підготовка до експорту",
              "ru": "Подготовка к экспорту"},
    "descriptions": {"en": "Help to sell abroad: markets, rules, partners."},
}


class SupportServiceCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [EXAMPLE_SERVICE]})

    code: Code
    names: Translations
    descriptions: Translations = Field(default_factory=dict)

    @model_validator(mode="after")
    def every_language_named(self) -> "SupportServiceCreate":
        missing = [lang for lang in LANGUAGES if lang not in self.names]
        if missing:
            raise ValueError(f"names needs every language; missing: {', '.join(missing)}")
        return self


class SupportServicePatch(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"names": {"en": "Export readiness and trade fairs"}}, {"retired": True}]})

    names: Translations | None = Field(None, description="Languages sent replace those languages only.")
    descriptions: Translations | None = None
    retired: bool | None = Field(None, description="true retires the service (hidden from new requests).")


class SupportServiceOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    code: str
    names: dict[str, str]
    descriptions: dict[str, str]
    retired_at: datetime | None
    version: int


EXAMPLE_REQUEST: JsonDict = {
    "service": "funding_access", "title": "Grant for a second bakery oven",
    "description": "We want to apply to the regional programme and need help with the budget.",
    "preferred_from": "2026-03-01", "preferred_to": "2026-04-15",
    "contact": {"name": "Ana Pop", "email": "ana.pop@example.org", "phone": "+40 740 000 000"},
}


class Contact(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: PersonName
    email: EmailStr
    phone: Phone | None = None


class ServiceRequestCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        EXAMPLE_REQUEST,
        {**EXAMPLE_REQUEST, "service": "collaboration", "organisation_id": 12, "collaborator_organisation_ids": [7]},
    ]})

    service: Code = Field(description="Code of a support service, see GET /api/v1/services.")
    organisation_id: Id | None = Field(None, description="Staff only: the member organisation filed for. "
                                                          "A member token files for its own organisation.")
    title: Title
    description: LongText
    preferred_from: date | None = None
    preferred_to: date | None = None
    contact: Contact
    collaborator_organisation_ids: list[Id] = Field(default_factory=list, max_length=20, description=(
        "Other member organisations to involve; only for the collaboration service."))
    funding_call_id: Id | None = Field(None, description="The published funding call (GET /api/v1/funding-calls) "
                                                         "an access-to-funding request is about.")

    @model_validator(mode="after")
    def period_ordered(self) -> "ServiceRequestCreate":
        if self.preferred_from and self.preferred_to and self.preferred_to < self.preferred_from:
            raise ValueError("preferred_to must not be before preferred_from")
        return self


class ServiceRequestPatch(BaseModel):
    """Staff change any field; the requester only the description fields, before work starts."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"assignee_token_id": 3, "priority": "high", "due_date": "2026-03-20"}]})

    assignee_token_id: Id | None = Field(None, description="Token id of an admin or editor; null unassigns.")
    priority: Priority | None = None
    due_date: date | None = None
    title: Title | None = None
    description: LongText | None = None
    preferred_from: date | None = None
    preferred_to: date | None = None
    contact: Contact | None = None

    @model_validator(mode="after")
    def required_stay_set(self) -> "ServiceRequestPatch":
        for name in ("priority", "title", "description", "contact"):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} cannot be null")
        return self


class TransitionIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"to": "triaged"}, {"to": "rejected", "reason": "Outside the cluster's services."}]})

    to: RequestStatus
    reason: Reason | None = Field(None, description="Required for rejected.")


class CommentIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"body": "We have booked a call for Tuesday.", "internal": False},
        {"body": "Check their previous grant first.", "internal": True}]})

    body: LongText
    internal: bool = Field(False, description="Staff only: a note the requester never sees.")


class CollaboratorsIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"organisation_ids": [7, 9]}]})

    organisation_ids: list[Id] = Field(min_length=1, max_length=20)


class ContactOut(BaseModel):
    name: str
    email: str
    phone: str | None


class ServiceRequestOut(BaseModel):
    id: int
    service: str
    organisation_id: int
    organisation_name: str
    title: str
    description: str
    preferred_from: date | None
    preferred_to: date | None
    contact: ContactOut | None = Field(description="Personal data: staff and the requesting organisation only.")
    status: RequestStatus
    priority: Priority
    assignee_token_id: int | None
    due_date: date | None
    overdue: bool
    collaborator_organisation_ids: list[int]
    funding_call_id: int | None = Field(description="The funding call the request is about, if any.")
    role: Literal["staff", "requester", "collaborator"] = Field(description="The caller's part in this request.")
    allowed_transitions: list[RequestStatus] = Field(description="States the caller may move the request to now.")
    resolved_at: datetime | None
    created_at: datetime
    updated_at: datetime
    version: int

    @classmethod
    def of(cls, row: Mapping[Any, Any], *, role: str, overdue: bool, allowed: list[str]) -> "ServiceRequestOut":
        """A request row as `role` may see it: the contact person (personal data) for staff and the requesting
        organisation only, never for a collaborator."""
        personal = role in ("staff", "requester")
        contact = ({"name": row["contact_name"], "email": row["contact_email"], "phone": row["contact_phone"]}
                   if personal else None)
        return cls.model_validate({**row, "role": role, "overdue": overdue, "allowed_transitions": allowed,
                                   "collaborator_organisation_ids": list(row["collaborator_organisation_ids"] or []),
                                   "contact": contact})


class ServiceRequestPage(BaseModel):
    items: list[ServiceRequestOut]
    total: int
    total_exact: bool
    limit: int
    next_cursor: str | None


class EventOut(BaseModel):
    id: int
    occurred_at: datetime
    kind: EventKind
    actor: str = Field(description="Who acted: token:<id>:<name>.")
    actor_token_id: int | None
    actor_role: str | None
    internal: bool
    data: dict[str, Any]
    body: str | None


class ServiceStats(BaseModel):
    service: str
    total: int
    by_status: dict[str, int]
    median_first_response_seconds: float | None
    median_resolution_seconds: float | None


class RequestStats(BaseModel):
    total: int
    by_status: dict[str, int]
    by_service: list[ServiceStats]
