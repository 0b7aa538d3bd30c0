"""`semap backup FILE` / `semap restore FILE`: the whole database with pg_dump's custom format."""

import os
import shutil
import subprocess
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.engine import make_url

from api.config import Settings, get_settings


class BackupError(RuntimeError):
    pass


def _libpq(settings: Settings) -> tuple[str, dict[str, str]]:
    """The database's libpq URL without the password, which goes in the environment instead of argv."""
    url = make_url(settings.sync_database_url)
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return url.set(password=None).render_as_string(hide_password=False), env


def _run(command: list[str], env: dict[str, str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed (Debian: apt-get install postgresql-client).")
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603 - fixed argv
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip() or done.returncode}")


def backup(settings: Settings, path: Path) -> None:
    """Dump schema and data (custom format, compressed; owners left out so any role can restore)."""
    dsn, env = _libpq(settings)
    _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={path}", f"--dbname={dsn}"], env)


def restore(settings: Settings, path: Path, *, clean: bool = False) -> None:
    """Restore into an empty database, or over an existing one with clean; all or nothing."""
    if not path.is_file():
        raise BackupError(f"No backup file at {path}.")
    dsn, env = _libpq(settings)
    command = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
               f"--dbname={dsn}"]
    if clean:
        command += ["--clean", "--if-exists"]
    _run([*command, str(path)], env)


def backup_command(file: Annotated[Path, typer.Argument(help="Where to write the dump.")]) -> None:
    """Back up the database (pg_dump custom format) to FILE."""
    try:
        backup(get_settings(), file)
    except BackupError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(1) from exc
    typer.echo(f"backed up to {file} ({file.stat().st_size:,} bytes)")


def restore_command(file: Annotated[Path, typer.Argument(help="A dump made by `semap backup`.")],
                    clean: Annotated[bool, typer.Option(help="Drop existing objects first.")] = False) -> None:
    """Restore the database from FILE, into an empty database or with --clean; all or nothing."""
    try:
        restore(get_settings(), file, clean=clean)
    except BackupError as exc:
        typer.echo(f"{exc}\nNothing was restored. Restore into an empty database, or pass --clean.", err=True)
        raise typer.Exit(1) from exc
    typer.echo(f"restored from {file}")
