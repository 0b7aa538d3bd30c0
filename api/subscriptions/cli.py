"""`semap digests send`."""

import asyncio
from datetime import UTC, datetime
from typing import Annotated

import typer

from api.config import get_settings
from api.db import create_engine, create_sessionmaker
from api.subscriptions.digests import DigestReport, send_digests

digests_app = typer.Typer(help="Digests of new and updated enterprises for subscribers.", no_args_is_help=True)


@digests_app.command("send")
def send(now: Annotated[datetime | None, typer.Option(help="Run as of this time (UTC).")] = None) -> None:
    """One e-mail per active subscription and period (day or ISO week); reruns send nothing more."""
    settings = get_settings()

    async def main() -> DigestReport:
        engine = create_engine(settings)
        try:
            return await send_digests(create_sessionmaker(engine), settings,
                                      now=now.replace(tzinfo=now.tzinfo or UTC) if now else None)
        finally:
            await engine.dispose()

    typer.echo(asyncio.run(main()))
