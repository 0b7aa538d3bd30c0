"""`semap murmurations register`: announce the published profiles to a Murmurations index."""

import asyncio
from typing import Annotated

import typer

from api.config import get_settings
from api.db import create_engine, create_sessionmaker
from api.linked_data.register import RegisterReport, register_profiles

murmurations_app = typer.Typer(help="Murmurations federation.", no_args_is_help=True)


async def _register(index_url: str | None) -> RegisterReport:
    settings = get_settings()
    if index_url:
        settings = settings.model_copy(update={"murmurations_index_url": index_url})
    engine = create_engine(settings)
    try:
        return await register_profiles(create_sessionmaker(engine), settings)
    finally:
        await engine.dispose()


@murmurations_app.command("register")
def register(index_url: Annotated[str | None, typer.Option(help="Default: MURMURATIONS_INDEX_URL.")] = None) -> None:
    """POST each published enterprise's profile URL to the index; exits 1 if any was refused."""
    try:
        report = asyncio.run(_register(index_url))
    except ValueError as exc:
        typer.echo(f"semap murmurations register: {exc}", err=True)
        raise typer.Exit(2) from exc
    for url, why in report.failed.items():
        typer.echo(f"refused {url}: {why}", err=True)
    typer.echo(f"{len(report.registered)} registered, {len(report.failed)} refused")
    if report.failed:
        raise typer.Exit(1)
