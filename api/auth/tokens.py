"""Token format and hashing.

A token reads `semap_<lookup>_<secret>`: the recognisable prefix lets secret scanners find
leaked tokens, the lookup half finds the row, and only a SHA-256 of the high-entropy secret
half is stored, compared in constant time.
"""

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

TOKEN_PREFIX = "semap_"  # noqa: S105 - a public prefix, not a secret
_TOKEN_PATTERN = re.compile(r"^semap_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$")


@dataclass(frozen=True)
class IssuedToken:
    lookup_id: str
    secret: str

    @property
    def plaintext(self) -> str:
        return f"{TOKEN_PREFIX}{self.lookup_id}_{self.secret}"


def issue() -> IssuedToken:
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    lookup_id = "".join(secrets.choice(alphabet) for _ in range(12))
    return IssuedToken(lookup_id=lookup_id, secret=secrets.token_urlsafe(32))


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def split(plaintext: str) -> tuple[str, str] | None:
    """(lookup_id, secret) of a well-formed token, None for anything else."""
    match = _TOKEN_PATTERN.match(plaintext)
    return (match.group(1), match.group(2)) if match else None


def secret_matches(secret: str, stored_hash: str) -> bool:
    return hmac.compare_digest(hash_secret(secret), stored_hash)
