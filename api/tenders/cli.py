"""`semap tenders import FILE-OR-URL` and `semap tenders digest`."""

import asyncio
from datetime import UTC, datetime
from typing import Annotated

import typer

from api.config import get_settings
from api.db import create_engine, create_sessionmaker
from api.errors import ProblemError
from api.tenders.digests import send_tender_digests
from api.tenders.feeds import import_source
from api.tenders.ocds import InvalidPackage

tenders_app = typer.Typer(help="The tender radar: OCDS packages from public procurement.", no_args_is_help=True)


@tenders_app.command("import")
def import_tenders(source: Annotated[str, typer.Argument(help="An OCDS release or record package: a file or an "
                                                              "http(s) URL.")]) -> None:
    """Import a package's tenders and match their open lots; a package with any problem imports nothing."""
    settings = get_settings()

    async def main() -> str:
        engine = create_engine(settings)
        try:
            return str(await import_source(create_sessionmaker(engine), source, settings=settings))
        finally:
            await engine.dispose()

    try:
        typer.echo(asyncio.run(main()))
    except InvalidPackage as exc:
        typer.echo("The package was not imported (nothing was stored). Problems:", err=True)
        for problem in exc.problems:
            typer.echo(f"  {problem['pointer'] or '/'}: {problem['message']}", err=True)
        raise typer.Exit(1) from exc
    except (ProblemError, OSError) as exc:
        typer.echo(f"Not imported: {getattr(exc, 'detail', exc)}", err=True)
        raise typer.Exit(1) from exc


@tenders_app.command("digest")
def digest(now: Annotated[datetime | None, typer.Option(help="Run as of this time (UTC).")] = None) -> None:
    """Queue this week's "tenders for you" e-mail to each member enterprise (reruns send nothing more)."""
    settings = get_settings()

    async def main() -> str:
        engine = create_engine(settings)
        try:
            when = now.replace(tzinfo=now.tzinfo or UTC) if now else None
            return str(await send_tender_digests(create_sessionmaker(engine), settings, now=when))
        finally:
            await engine.dispose()

    typer.echo(asyncio.run(main()))
