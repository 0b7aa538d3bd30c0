"""Public submissions and their moderation at the API's edge."""

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, Literal, Self

from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints, model_validator

from api.enterprises.schemas import EXAMPLE_ENTERPRISE, EnterpriseCreate, EnterprisePatch
from api.geo.geojson import WGS84Point
from api.submissions.models import Submission, SubmissionKind
from api.writes import policy

PersonName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=200)]
Note = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)]
# Fields the write policy refuses the public: a submission never proposes them.
MODERATED_FIELDS = {name for name in policy.MODERATION_FIELDS
                    if policy.decide(policy.Writer.public, name) == policy.Decision.refuse}


class SubmissionCreate(BaseModel):
    """A proposed enterprise (`kind: new`, with `enterprise`) or a correction (`kind: correction`,
    with `organisation` and `changes`)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"kind": "new", "enterprise": EXAMPLE_ENTERPRISE, "submitter_name": "Ioana Popescu",
         "submitter_email": "ioana@example.org", "message": "We opened in 2016."},
        {"kind": "correction", "organisation": "brutaria-bunatatii", "changes": {"employees_total": 14},
         "submitter_name": "Ioana Popescu", "submitter_email": "ioana@example.org"},
    ]})

    kind: SubmissionKind
    enterprise: EnterpriseCreate | None = None
    organisation: int | Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]{1,120}$")] | None = Field(
        None, description="The corrected organisation's id or slug.")
    changes: EnterprisePatch | None = None
    submitter_name: PersonName
    submitter_email: EmailStr = Field(description="Private: seen by admins only, never published.")
    message: Note | None = None
    language: Literal["ro", "en", "uk", "ru"] | None = Field(
        None, description="The language of the e-mail that tells the submitter the outcome (English if none).")
    website_url2: str | None = Field(None, description="Leave empty: a field hidden from people, "
                                                       "filled by bots.")

    @model_validator(mode="after")
    def matches_kind(self) -> "SubmissionCreate":
        if self.kind == SubmissionKind.new and (self.enterprise is None or self.changes or self.organisation):
            raise ValueError("a new enterprise needs `enterprise` (and no organisation or changes)")
        if self.kind == SubmissionKind.correction:
            if self.organisation is None or self.changes is None or self.enterprise is not None:
                raise ValueError("a correction needs `organisation` and `changes` (and no enterprise)")
            if not self.changes.model_fields_set - MODERATED_FIELDS:
                raise ValueError("a correction needs at least one changed field besides status and verified")
        return self

    def payload(self) -> dict[str, Any]:
        """The proposal as stored: validated JSON without the fields only moderators set."""
        if self.enterprise is not None:
            return self.enterprise.model_dump(mode="json", exclude=MODERATED_FIELDS)
        assert self.changes is not None
        return self.changes.model_dump(mode="json", exclude_unset=True, exclude=MODERATED_FIELDS)


class SubmissionReceipt(BaseModel):
    status: str = Field("received", description="Always `received`: a moderator reviews every submission.")
    detail: str = "Thank you: a moderator will review your submission before anything is published."


@dataclass(frozen=True)
class ProposedChange:
    """A field a submission changes, with its values unmasked (FieldChange masks them)."""

    field: str
    before: Any
    after: Any
    needs_admin: bool


@dataclass(frozen=True)
class ShownSubmission:
    """A submission and every field it changes, unmasked: SubmissionOut masks what non-admins may not see."""

    submission: Submission
    changes: list[ProposedChange]


class FieldChange(BaseModel):
    field: str
    before: Any = Field(description="The organisation's value now (null for a new entry, or when masked).")
    after: Any = Field(description="The proposed value (null when masked).")
    masked: bool = Field(description="A private field (e-mail, contact person): its values are shown to "
                                     "admins only; others see that it changes.")
    needs_admin: bool = Field(description="Only an admin may approve a change of this field (contact and "
                                          "trust fields of an existing organisation).")

    @classmethod
    def of(cls, change: ProposedChange, *, admin: bool) -> Self:
        """The change; a private field's values for admins only (others see that it changes)."""
        masked = change.field in policy.PRIVATE_FIELDS and not admin
        return cls(field=change.field, before=None if masked else change.before,
                   after=None if masked else change.after, masked=masked, needs_admin=change.needs_admin)


class SubmissionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    kind: str
    organisation_id: int | None = Field(description="The corrected organisation, or the one an approval created.")
    payload: dict[str, Any] = Field(description="The proposed enterprise or changes.")
    message: str | None
    submitter_name: str
    submitter_email: str | None = Field(None, description="Admins only; null for a member's or editor's proposal.")
    proposed_by_token_id: int | None = Field(None, description="The member or editor token whose change the "
                                                               "write policy held for review.")
    changes: list[FieldChange] = Field(description="Every field the submission changes.")
    needs_admin: bool = Field(description="Some change needs an admin's approval (see `changes`).")
    status: str
    decided_at: datetime | None
    decided_by_token_id: int | None
    decision_reason: str | None
    language: str | None = Field(None, description="The outcome e-mail's language.")
    created_at: datetime

    @classmethod
    def of(cls, shown: ShownSubmission, *, admin: bool) -> Self:
        """The submission as staff see it: the submitter's e-mail and private values for admins only."""
        submission = shown.submission
        out = {c.key: getattr(submission, c.key) for c in Submission.__table__.c}
        out["changes"] = [FieldChange.of(change, admin=admin) for change in shown.changes]
        out["needs_admin"] = any(change.needs_admin for change in shown.changes)
        if not admin:
            out["submitter_email"] = None
            out["payload"] = {k: v for k, v in submission.payload.items() if k not in policy.PRIVATE_FIELDS}
        return cls.model_validate(out)


class SubmissionPage(BaseModel):
    items: list[SubmissionOut]
    limit: int
    next_cursor: str | None


class Approval(BaseModel):
    """What the moderator corrected before approving: the point, moved on the console's map preview."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"location": {"type": "Point", "coordinates": [23.6236, 46.7712]}}]})

    location: WGS84Point | None = Field(None, description="The corrected place; the proposal's own when absent.")


class Rejection(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"reason": "Not a social enterprise: no social aim in its statutes."}]})

    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=2000)]
