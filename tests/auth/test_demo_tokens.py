"""`semap token demo`: the admin and member tokens `make run` prints over the demo data."""

import asyncio
import re
from collections.abc import Iterator

import pytest
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncEngine
from typer.testing import CliRunner

from api.audit.models import AuditEntry
from api.auth import tokens
from api.auth.cli import DEMO_NAMES
from api.auth.models import ApiToken
from api.cli import app
from api.config import Settings, get_settings
from api.db import create_engine, create_sessionmaker


async def _demo_rows(settings: Settings, *, remove: bool = False) -> list[tuple[str, str, bool]]:
    """(lookup id, role, revoked) of the demo tokens, committed outside the tests' transactions."""
    engine = create_engine(settings)
    try:
        async with create_sessionmaker(engine)() as session, session.begin():
            rows = (await session.execute(select(ApiToken.id, ApiToken.lookup_id, ApiToken.role, ApiToken.revoked_at)
                                          .where(ApiToken.name.in_(DEMO_NAMES.values())))).all()
            if remove:
                ids = [r.id for r in rows]
                await session.execute(delete(AuditEntry).where(AuditEntry.entity == "api_token",
                                                               AuditEntry.entity_id.in_([str(i) for i in ids])))
                await session.execute(delete(ApiToken).where(ApiToken.id.in_(ids)))
            return [(r.lookup_id, r.role, r.revoked_at is not None) for r in rows]
    finally:
        await engine.dispose()


def _lookup(plaintext: str) -> str:
    parts = tokens.split(plaintext)
    assert parts is not None, plaintext
    return parts[0]


@pytest.fixture
def cli_settings(engine: AsyncEngine, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[Settings]:
    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    get_settings.cache_clear()
    yield settings
    get_settings.cache_clear()
    asyncio.run(_demo_rows(settings, remove=True))


def test_each_run_leaves_one_live_pair_of_demo_tokens(cli_settings: Settings) -> None:
    first = CliRunner().invoke(app, ["token", "demo", "--hours", "2"])
    second = CliRunner().invoke(app, ["token", "demo"])
    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    assert "admin console  /admin" in second.output and "members' area  /member" in second.output
    old = [_lookup(t) for t in re.findall(r"semap_[A-Za-z0-9_-]+", first.output)]
    new = [_lookup(t) for t in re.findall(r"semap_[A-Za-z0-9_-]+", second.output)]
    assert len(old) == len(new) == 2
    rows = {lookup: (role, revoked) for lookup, role, revoked in asyncio.run(_demo_rows(cli_settings))}
    assert all(rows[lookup][1] for lookup in old)
    assert sorted(rows[lookup] for lookup in new) == [("admin", False), ("member", False)]
