"""What an identifier from a client must be before it reaches the database.

Every id the API takes (path, query, body, cursor) is a PostgreSQL bigint: a larger number could
never name a row, and asyncpg refuses to send it (a 500 before). Keys that are "an id or a slug"
count as an id only when they are ASCII digits: `str.isdigit()` also accepts "²" and "٣", which
`int()` then refuses.
"""

from typing import Annotated

import annotated_types

BIGINT_MAX = 2**63 - 1

# One type for ids in paths, queries and bodies: FastAPI and Pydantic both read these bounds (a 422 beyond).
Id = Annotated[int, annotated_types.Interval(ge=1, le=BIGINT_MAX)]


def as_id(text: str) -> int | None:
    """The bigint that `text` spells in ASCII digits, or None when it is anything else."""
    if not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if number <= BIGINT_MAX else None


def parse_key(key: str) -> int | str:
    """An id-or-slug path key: the id when it is one, else the slug to look up (which may match nothing)."""
    number = as_id(key)
    return key if number is None else number
