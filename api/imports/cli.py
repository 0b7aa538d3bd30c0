"""`semap import FILE`: the API's import from the command line, with a progress bar."""

import asyncio
import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn

from api.config import get_settings
from api.db import create_engine, create_sessionmaker
from api.errors import ProblemError
from api.imports.service import ImportOptions, ImportRejected, limits_of, run_import

console = Console(stderr=True)


async def _import(path: Path, options: ImportOptions) -> dict[str, Any]:
    engine = create_engine(get_settings())
    try:
        async with create_sessionmaker(engine)() as session:
            with path.open("rb") as handle, Progress(
                TextColumn("[bold]{task.description}"), BarColumn(), DownloadColumn(), TimeElapsedColumn(),
                console=console, transient=True,
            ) as progress:
                task = progress.add_task(f"reading {path.name}", total=None)
                report = await run_import(session, handle, path.name, options, actor=None,
                                          progress=lambda done, total: progress.update(task, completed=done,
                                                                                         total=total))
                progress.update(task, description="committing")
                await session.commit()
            return report.model_dump(mode="json")
    finally:
        await engine.dispose()


def _print(report: dict[str, Any]) -> None:
    verb = "would be" if report["dry_run"] else "were"
    console.print(f"{report['rows_total']} rows: {report['created']} {verb} created, {report['updated']} updated, "
                  f"{report['unchanged']} unchanged, {report['rejected']} rejected.")
    for warning in report["warnings"]:
        console.print(f"[yellow]warning:[/] {warning}")
    for problem in report["problems"][:50]:
        console.print(f"row {problem['row']}, {problem['column'] or 'row'}: {problem['message']}"
                      + (f" (value {problem['value']!r})" if problem["value"] is not None else ""))
    if len(report["problems"]) > 50:
        console.print(f"… and {len(report['problems']) - 50} more problems (see --report).")


def import_command(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="CSV, XLSX or GeoJSON.")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check and report; write nothing.")] = False,
    partial: Annotated[bool, typer.Option("--partial", help="Import the valid rows, report the rest.")] = False,
    confirm_duplicates: Annotated[bool, typer.Option("--confirm-duplicates",
                                                     help="Create possible duplicates too.")] = False,
    confirm_row: Annotated[list[int] | None, typer.Option(help="Create this possible duplicate (row number); "
                                                               "repeat for more.")] = None,
    report: Annotated[Path | None, typer.Option(help="Write the full report as JSON here.")] = None,
) -> None:
    """Import organisations from FILE: all or nothing unless --partial; matching rows are updated."""
    options = ImportOptions(dry_run=dry_run, partial=partial, confirm_all=confirm_duplicates,
                            confirm_rows=set(confirm_row or []), limits=limits_of(get_settings()))
    try:
        result = asyncio.run(_import(file, options))
    except ImportRejected as exc:
        result = exc.extra["report"]
        _print(result)
        console.print(f"[red]{exc.detail}[/]")
        _write(report, result)
        raise typer.Exit(1) from exc
    except ProblemError as exc:
        console.print(f"[red]{exc.title}:[/] {exc.detail}")
        raise typer.Exit(1) from exc
    _print(result)
    _write(report, result)


def _write(path: Path | None, result: dict[str, Any]) -> None:
    if path is not None:
        path.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
