"""`semap downloads build`: (re)write the open-data files now."""

import asyncio
from datetime import UTC, datetime
from typing import Annotated

import typer

from api.config import get_settings
from api.db import create_engine, create_sessionmaker
from api.downloads.service import DownloadsBuild, rebuild_downloads

downloads_app = typer.Typer(help="Open-data downloads (CSV, GeoJSON, GeoPackage, JSON-LD).", no_args_is_help=True)


async def _build(force: bool) -> DownloadsBuild:
    settings = get_settings()
    engine = create_engine(settings)
    try:
        if force:
            (settings.downloads_dir / "manifest.json").unlink(missing_ok=True)
        return await rebuild_downloads(create_sessionmaker(engine), settings, datetime.now(UTC))
    finally:
        await engine.dispose()


@downloads_app.command("build")
def build(force: Annotated[bool, typer.Option(help="Rebuild even if nothing changed.")] = False) -> None:
    """Write the files into DOWNLOADS_DIR if the directory changed since the last build."""
    result = asyncio.run(_build(force))
    if not result.built:
        typer.echo(f"unchanged since the last build (data version {result.data_version})")
        return
    for item in result.files:
        typer.echo(f"{item['name']}\t{item['size']} bytes\tsha256 {item['sha256']}")
