"""Totals (api.pagination.total_of): exact up to the cap, and counted in one process when the plan asks for
parallel workers."""

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from api.enterprises.models import Organisation
from api.pagination import total_of


async def _setting(session: AsyncSession) -> str:
    return str(await session.scalar(text("SELECT current_setting('max_parallel_workers_per_gather')")))


async def test_a_count_the_planner_would_run_in_parallel_runs_in_one_process(session: AsyncSession) -> None:
    # PostgreSQL 15's testing switch: every plan gets a Gather, so even the demo data's count plans a worker.
    for setting in ("force_parallel_mode = on", "max_parallel_workers_per_gather = 2"):
        await session.execute(text(f"SET LOCAL {setting}"))
    published = select(Organisation.id).where(Organisation.status == "published")
    expected = await session.scalar(select(func.count()).select_from(published.subquery()))
    assert await total_of(session, published, estimate_first=True) == (expected, True)
    assert await _setting(session) == "0"


async def test_a_count_planned_in_one_process_changes_no_setting(session: AsyncSession) -> None:
    await session.execute(text("SET LOCAL max_parallel_workers_per_gather = 2"))
    one = select(Organisation.id).where(Organisation.id == -1)
    assert await total_of(session, one, estimate_first=True) == (0, True)
    assert await _setting(session) == "2"
