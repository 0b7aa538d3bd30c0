"""`semap reminders send`: one pass of freshness reminders, in its own transaction."""

import asyncio
from datetime import UTC, datetime
from typing import Annotated

import typer
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.config import Settings, get_settings
from api.db import create_engine, create_sessionmaker
from api.freshness.service import ReminderReport, send_reminders

reminders_app = typer.Typer(help="Freshness reminders for entries untouched for a year.", no_args_is_help=True)


async def run_reminders(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, *,
                        now: datetime | None = None) -> ReminderReport:
    """Queue due reminders in the outbox and flag stale entries; the worker delivers them."""
    async with sessionmaker() as session, session.begin():
        return await send_reminders(session, now=now or datetime.now(UTC), base_url=settings.base_url)


@reminders_app.command("send")
def send(now: Annotated[datetime | None, typer.Option(help="Run as of this time (UTC), e.g. to catch up.")]
         = None) -> None:
    """Remind entries untouched for 12 months (once per quiet spell); flag those silent for 18 months."""
    settings = get_settings()

    async def main() -> ReminderReport:
        engine = create_engine(settings)
        try:
            return await run_reminders(create_sessionmaker(engine), settings,
                                       now=now.replace(tzinfo=now.tzinfo or UTC) if now else None)
        finally:
            await engine.dispose()

    typer.echo(asyncio.run(main()))
