"""API tokens at the API's edge: the secret appears once, in the answer to its creation."""

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from api.auth.models import ApiToken, Role
from api.auth.tokens import TOKEN_PREFIX
from api.inputs import Id


class TokenCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"name": "Brutăria Bunătății profile", "role": "member", "organisation": "brutaria-bunatatii",
         "expires_at": "2027-12-31T23:59:59Z"},
        {"name": "Procurement portal of Iași county", "role": "integration"},
    ]})

    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=200)]
    role: Role
    organisation: Id | Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]{1,120}$")] | None = Field(
        None, description="Id or slug; required for (and only for) a member token.")
    expires_at: datetime | None = Field(None, description="Must be in the future and carry a time zone.")

    @model_validator(mode="after")
    def organisation_for_members(self) -> "TokenCreate":
        if (self.role == Role.member) != (self.organisation is not None):
            raise ValueError("a member token needs an organisation, and only member tokens have one")
        if self.expires_at is not None and self.expires_at.tzinfo is None:
            raise ValueError("expires_at needs a time zone, e.g. 2027-12-31T23:59:59Z")
        return self


class TokenOut(BaseModel):
    """A token as listed: never its secret nor its hash."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    role: str
    organisation_id: int | None
    prefix: str = Field(description="The public start of the token (semap_<lookup>), to recognise it.")
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None
    last_used_at: datetime | None

    @classmethod
    def of(cls, token: ApiToken) -> "TokenOut":
        """What a listing shows of a token: its public prefix, never the secret or its hash."""
        return cls(id=token.id, name=token.name, role=token.role, organisation_id=token.organisation_id,
                   prefix=f"{TOKEN_PREFIX}{token.lookup_id}", created_at=token.created_at,
                   expires_at=token.expires_at, revoked_at=token.revoked_at, last_used_at=token.last_used_at)


class TokenCreated(TokenOut):
    token: str = Field(description="The secret bearer token: shown this once, store it now.")


class TokenPage(BaseModel):
    items: list[TokenOut]
    limit: int
    next_cursor: str | None


class TokenOrganisation(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    slug: str
    name: str


class WhoAmI(BaseModel):
    """The calling token as its holder may see it, and the organisation a member token is bound to."""

    token: TokenOut
    organisation: TokenOrganisation | None = Field(description="Set for member tokens only.")
