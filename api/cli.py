"""`semap`: serve, migrate, seed and issue tokens from the command line."""

import asyncio
import os
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Annotated

import typer
import uvicorn

from api import migrate as migrations
from api import models  # noqa: F401 - every table in the metadata, so foreign keys resolve
from api.auth.models import Role
from api.backup import backup_command, restore_command
from api.config import DEVELOPMENT_SMTP_PORT, get_settings
from api.downloads.cli import downloads_app
from api.exports.cli import export_command
from api.freshness.cli import reminders_app
from api.imports.cli import import_command
from api.linked_data.cli import murmurations_app
from api.money.cli import app as rates_app
from api.observability.metrics import MULTIPROCESS_DIR_VARIABLE
from api.outbox.cli import outbox_app
from api.subscriptions.cli import digests_app
from api.tenders.cli import tenders_app
from api.webhooks.cli import webhooks_app
from api.worker.cli import worker_command, worker_health_command

app = typer.Typer(help="Social Enterprise Map", no_args_is_help=True, pretty_exceptions_enable=False)
seed_app = typer.Typer(help="Load demo or benchmark data.", no_args_is_help=True)
token_app = typer.Typer(help="API tokens.", no_args_is_help=True)
app.add_typer(seed_app, name="seed")
app.add_typer(token_app, name="token")
app.add_typer(outbox_app, name="outbox")
app.add_typer(reminders_app, name="reminders")
app.add_typer(digests_app, name="digests")
app.add_typer(downloads_app, name="downloads")
app.add_typer(murmurations_app, name="murmurations")
app.add_typer(webhooks_app, name="webhooks")
app.add_typer(rates_app, name="rates")
app.add_typer(tenders_app, name="tenders")


@app.command()
def serve(host: Annotated[str | None, typer.Option(envvar="HOST")] = None,
          port: Annotated[int | None, typer.Option(envvar="PORT")] = None,
          workers: Annotated[int | None, typer.Option(envvar="WORKERS")] = None) -> None:
    """Serve the API and the SPA with uvicorn."""
    settings = get_settings()
    workers = workers or settings.workers
    if workers > 1 or os.environ.get(MULTIPROCESS_DIR_VARIABLE):
        prepare_multiprocess_metrics()
    # The app believes X-Forwarded-* only from FORWARDED_ALLOW_IPS (api/main.py), so uvicorn does not;
    # the app writes one JSON line per request, so uvicorn's access log is off.
    uvicorn.run("api.asgi:app", host=host or settings.host, port=port or settings.port,
                workers=workers, log_level=settings.log_level, proxy_headers=False, access_log=False)


def prepare_multiprocess_metrics() -> None:
    """Several workers share their metrics through files (prometheus_client's multiprocess mode) in
    PROMETHEUS_MULTIPROC_DIR: a fresh temporary one unless set, emptied of an earlier run's files."""
    directory = os.environ.get(MULTIPROCESS_DIR_VARIABLE) or tempfile.mkdtemp(prefix="semap-metrics-")
    os.environ[MULTIPROCESS_DIR_VARIABLE] = directory
    Path(directory).mkdir(parents=True, exist_ok=True)
    for stale in Path(directory).glob("*.db"):
        stale.unlink()


@app.command()
def migrate(revision: str = "head") -> None:
    """Bring the database schema to a revision (default: head)."""
    migrations.upgrade(get_settings().database_url, revision)


@seed_app.command("demo")
def seed_demo() -> None:
    """The demo cluster (60 members) and about 400 more social enterprises; idempotent."""
    from api.seed.demo import load_demo

    typer.echo(asyncio.run(load_demo(get_settings())))


@seed_app.command("synthetic")
def seed_synthetic(count: Annotated[int, typer.Option(min=1, max=10_000_000)] = 10_000,
                   replace: Annotated[bool, typer.Option(help="Delete earlier synthetic rows.")] = True) -> None:
    """Benchmark-sized data, made by set-based SQL in the database."""
    from api.seed.synthetic import load_synthetic

    typer.echo(asyncio.run(load_synthetic(get_settings(), count=count, replace=replace)))


@token_app.command("create")
def token_create(name: Annotated[str, typer.Option()],
                 role: Annotated[Role, typer.Option()] = Role.admin,
                 organisation: Annotated[int | None, typer.Option(help="Organisation id (member).")] = None,
                 expires_in_days: Annotated[int | None, typer.Option(min=1)] = None) -> None:
    """Create a token and print it once; only its hash is stored."""
    from api.auth.cli import create_token

    expires_at = datetime.now(UTC) + timedelta(days=expires_in_days) if expires_in_days else None
    plaintext = asyncio.run(create_token(get_settings(), name=name, role=role,
                                         organisation_id=organisation, expires_at=expires_at))
    typer.echo(plaintext)


@token_app.command("demo")
def token_demo(hours: Annotated[int, typer.Option(min=1, max=24 * 7)] = 24) -> None:
    """Issue an admin and a member token over the demo data (earlier demo ones are revoked), for make run."""
    from api.auth.cli import issue_demo_tokens

    try:
        issued = asyncio.run(issue_demo_tokens(get_settings(), hours=hours))
    except ValueError as exc:
        typer.echo(f"semap token demo: {exc}", err=True)
        raise typer.Exit(2) from exc
    typer.echo(f"Demo tokens, valid for {hours} h (only on this demo database; `make run` issues new ones):\n"
               f"  admin console  /admin   {issued['admin']}\n"
               f"  members' area  /member  {issued['member']}   ({issued['organisation']})")


@app.command()
def dev(host: Annotated[str, typer.Option(envvar="HOST")] = "127.0.0.1",
        port: Annotated[int, typer.Option(envvar="PORT")] = 8000,
        mail_http_port: Annotated[int, typer.Option(envvar="MAIL_HTTP_PORT")] = 8025,
        mail_smtp_port: Annotated[int, typer.Option(envvar="MAIL_SMTP_PORT")] = DEVELOPMENT_SMTP_PORT) -> None:
    """Server, worker and mail catcher together (make run); Ctrl-C stops all three."""
    from api.dev.supervisor import DevPorts, supervise

    raise typer.Exit(asyncio.run(supervise(DevPorts(host, port, mail_http_port, mail_smtp_port))))


@app.command()
def mailcatcher(host: Annotated[str, typer.Option()] = "127.0.0.1",
                smtp_port: Annotated[int, typer.Option()] = DEVELOPMENT_SMTP_PORT,
                http_port: Annotated[int, typer.Option()] = 8025) -> None:
    """A local SMTP server that keeps what it receives, with a web page to read it (development)."""
    from api.dev.catcher import serve as serve_catcher

    serve_catcher(host=host, smtp_port=smtp_port, http_port=http_port)


# Imports, exports and backups live with their domains; registered here after the core commands.
app.command("import")(import_command)
app.command("export")(export_command)
app.command("backup")(backup_command)
app.command("restore")(restore_command)
app.command("worker")(worker_command)
app.command("worker-health")(worker_health_command)

if __name__ == "__main__":
    app()
