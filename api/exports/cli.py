"""`semap export`: the API's streamed export, to a file or standard output."""

import asyncio
import sys
from pathlib import Path
from typing import Annotated, BinaryIO

import typer

from api.config import get_settings
from api.db import create_engine, create_sessionmaker
from api.enterprises.filters import EnterpriseFilters, sector_prefixes
from api.exports.service import ExportFormat, export_stream


async def _export(export_format: ExportFormat, filters: EnterpriseFilters, out: BinaryIO) -> None:
    settings = get_settings()
    engine = create_engine(settings)
    try:
        stream = export_stream(export_format, create_sessionmaker(engine), filters, staff=True,
                               base_url=settings.base_url)
        async for block in stream:
            out.write(block)
    finally:
        await engine.dispose()


def export_command(
    export_format: Annotated[ExportFormat, typer.Option("--format", help="csv, geojson, jsonld or xlsx.")]
    = ExportFormat.csv,
    output: Annotated[Path | None, typer.Option(help="Write here instead of standard output.")] = None,
    country: Annotated[list[str] | None, typer.Option(help="RO, MD or UA; repeat to OR.")] = None,
    region: Annotated[list[str] | None, typer.Option(help="ISO 3166-2 unit, e.g. RO-CJ.")] = None,
    kind: Annotated[list[str] | None, typer.Option()] = None,
    status: Annotated[list[str] | None, typer.Option(help="Default: published.")] = None,
    sector: Annotated[list[str] | None, typer.Option(help="NACE code prefix or section letter.")] = None,
    impact: Annotated[list[str] | None, typer.Option()] = None,
    verified: Annotated[bool | None, typer.Option("--verified/--not-verified")] = None,
) -> None:
    """Export enterprises (all fields, as staff see them), filtered like the search."""
    filters = EnterpriseFilters(country=country or [], region=region or [], kind=kind or [], status=status or [],
                                verified=verified, sector_prefixes=sector_prefixes(sector or []),
                                impact=impact or [])
    if output is None:
        asyncio.run(_export(export_format, filters, sys.stdout.buffer))
        return
    with output.open("wb") as handle:
        asyncio.run(_export(export_format, filters, handle))
    typer.echo(f"exported to {output}", err=True)
