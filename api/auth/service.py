"""Issuing and checking API tokens."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth import tokens
from api.auth.models import ApiToken, Role
from api.db import one_or_404
from api.enterprises.models import Organisation
from api.errors import Unauthorized
from api.inputs import parse_key
from api.pagination import Page, PageParams, keyset_page

# A member token lives this long unless its issuer says otherwise; its holder renews it in the members'
# area (POST /api/v1/me/renew), so an organisation that stays active never loses access, and a token that
# leaked from an organisation that left stops working by itself.
MEMBER_TOKEN_LIFETIME = timedelta(days=365)
# last_used_at is written at most this often per token, so reads do not all become writes.
LAST_USED_RESOLUTION = timedelta(minutes=1)


async def create_token(
    session: AsyncSession, *, name: str, role: Role, organisation_id: int | None = None,
    expires_at: datetime | None = None,
) -> tuple[ApiToken, str]:
    """Store a new token's hash and return the row with the plaintext, which is never stored."""
    if role == Role.member and expires_at is None:
        expires_at = datetime.now(UTC) + MEMBER_TOKEN_LIFETIME
    issued = tokens.issue()
    token = ApiToken(name=name, role=role.value, organisation_id=organisation_id,
                     lookup_id=issued.lookup_id, secret_hash=tokens.hash_secret(issued.secret),
                     expires_at=expires_at)
    session.add(token)
    await session.flush()
    return token, issued.plaintext


async def authenticate(session: AsyncSession, plaintext: str) -> ApiToken:
    """The live token for a bearer string, or Unauthorized saying why not."""
    parts = tokens.split(plaintext)
    if parts is None:
        raise Unauthorized("The bearer token is malformed.")
    lookup_id, secret = parts
    token = await session.scalar(select(ApiToken).where(ApiToken.lookup_id == lookup_id))
    if token is None or not tokens.secret_matches(secret, token.secret_hash):
        raise Unauthorized("The bearer token is not valid.")
    now = datetime.now(UTC)
    if token.revoked_at is not None:
        raise Unauthorized("The bearer token has been revoked.")
    if token.expires_at is not None and token.expires_at <= now:
        raise Unauthorized("The bearer token has expired.")
    await session.execute(
        update(ApiToken)
        .where(ApiToken.id == token.id,
               or_(ApiToken.last_used_at.is_(None), ApiToken.last_used_at < now - LAST_USED_RESOLUTION))
        .values(last_used_at=now)
        .execution_options(synchronize_session=False)
    )
    return token


async def organisation_id_of(session: AsyncSession, key: str) -> int | None:
    """The id of the organisation with this id or slug, None when there is none."""
    parsed = parse_key(key)
    column = Organisation.id if isinstance(parsed, int) else Organisation.slug
    return await session.scalar(select(Organisation.id).where(column == parsed))


@dataclass(frozen=True)
class BoundOrganisation:
    """The organisation a member token is bound to, as its holder sees it."""

    id: int
    slug: str
    name: str


async def organisation_of(session: AsyncSession, token: ApiToken) -> BoundOrganisation | None:
    """The id, slug and name of the organisation a member token is bound to."""
    if token.organisation_id is None:
        return None
    row = (await session.execute(select(Organisation.id, Organisation.slug, Organisation.name)
                                 .where(Organisation.id == token.organisation_id))).one()
    return BoundOrganisation(id=row.id, slug=row.slug, name=row.name)


async def list_tokens(session: AsyncSession, *, role: list[str], include_revoked: bool,
                      page: PageParams) -> Page[ApiToken]:
    """Newest first, so that the token just issued heads the list."""
    query = select(ApiToken)
    if role:
        query = query.where(ApiToken.role.in_(role))
    if not include_revoked:
        query = query.where(ApiToken.revoked_at.is_(None))
    return await keyset_page(session, query, page, key=ApiToken.id, descending=True)


async def get_token(session: AsyncSession, token_id: int, *, for_update: bool = False) -> ApiToken:
    return await one_or_404(session, select(ApiToken).where(ApiToken.id == token_id), f"No token {token_id}.",
                            for_update=for_update)


async def revoke(session: AsyncSession, token_id: int) -> tuple[ApiToken, bool]:
    """Mark the token revoked (the next request with it is refused); (token, whether it changed)."""
    token = await get_token(session, token_id, for_update=True)
    if token.revoked_at is not None:
        return token, False
    token.revoked_at = datetime.now(UTC)
    await session.flush()
    return token, True


async def renew(session: AsyncSession, token: ApiToken, *, now: datetime | None = None) -> ApiToken:
    """A member token's own renewal: it expires MEMBER_TOKEN_LIFETIME from now (never sooner than before)."""
    now = now or datetime.now(UTC)
    token.expires_at = max(now + MEMBER_TOKEN_LIFETIME, token.expires_at or now)
    await session.flush()
    return token
