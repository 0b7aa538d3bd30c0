"""Issuing and redeeming one-time links (claims, reminders, subscription confirm and unsubscribe).

A link's token is 32 random bytes, e-mailed once and stored only as its SHA-256. Redeeming it is one
UPDATE … WHERE used_at IS NULL AND expires_at > now RETURNING: two clicks racing each other cannot
both succeed.
"""

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api.errors import NotFound, ProblemError
from api.links.models import LinkPurpose, OneTimeLink


class LinkGone(ProblemError):
    """The link existed but has been used or has expired."""

    status, code, title = 410, "link_gone", "Link no longer valid"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def issue(session: AsyncSession, purpose: LinkPurpose, subject_id: int, *, now: datetime,
                valid_for: timedelta) -> str:
    """Store a new link's hash and return its token (to be e-mailed, never stored)."""
    token = secrets.token_urlsafe(32)
    session.add(OneTimeLink(purpose=purpose.value, token_hash=hash_token(token), subject_id=subject_id,
                            created_at=now, expires_at=now + valid_for))
    await session.flush()
    return token


async def redeem(session: AsyncSession, purpose: LinkPurpose, token: str, *, now: datetime) -> int:
    """Mark the link used and return its subject id; 404 for an unknown token, 410 if used or expired."""
    token_hash = hash_token(token)
    subject_id = await session.scalar(
        update(OneTimeLink)
        .where(OneTimeLink.token_hash == token_hash, OneTimeLink.purpose == purpose.value,
               OneTimeLink.used_at.is_(None), OneTimeLink.expires_at > now)
        .values(used_at=now)
        .returning(OneTimeLink.subject_id)
        .execution_options(synchronize_session=False))
    if subject_id is not None:
        return subject_id
    link = await session.scalar(select(OneTimeLink).where(OneTimeLink.token_hash == token_hash,
                                                          OneTimeLink.purpose == purpose.value))
    if link is None:
        raise NotFound("This link is not one we sent.")
    if link.used_at is not None:
        raise LinkGone("This link has already been used; each link works once.")
    raise LinkGone("This link has expired; ask for a new one.")


def url(base: str, path: str, token: str) -> str:
    """An absolute link when the public base URL is configured, else a path."""
    return f"{base.rstrip('/')}{path}?token={token}"
