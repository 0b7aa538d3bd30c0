"""`semap worker`: deliver the outbox, run the schedules, expire old rows, beat; until SIGTERM or SIGINT."""

import asyncio
import logging
import signal
import socket

import typer

from api.config import get_settings
from api.db import create_engine, create_sessionmaker
from api.worker.runner import Worker
from api.worker.status import heartbeat_age_seconds


async def _main() -> None:
    settings = get_settings()
    engine = create_engine(settings)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    try:
        await Worker(create_sessionmaker(engine), settings).run(stop)
    finally:
        await engine.dispose()


def worker_command() -> None:
    """Run the worker: delivers e-mail within seconds, sends reminders and digests, expires old data."""
    logging.basicConfig(level=get_settings().log_level.upper(), format="%(asctime)s %(levelname)s %(name)s %(message)s")
    asyncio.run(_main())


async def _own_heartbeat_age(hostname: str) -> float | None:
    engine = create_engine(get_settings(), name="semap-worker-health")
    try:
        async with create_sessionmaker(engine)() as session:
            return await heartbeat_age_seconds(session, hostname=hostname)
    finally:
        await engine.dispose()


def worker_health_command(max_age: float = typer.Option(60.0, min=1, help="Seconds a heartbeat may be old."),
                          hostname: str = typer.Option("", help="The worker's host (default: this one).")) -> None:
    """Exit 0 when a worker on this host beat within --max-age seconds, 1 otherwise (a container healthcheck)."""
    age = asyncio.run(_own_heartbeat_age(hostname or socket.gethostname()))
    if age is None or age > max_age:
        seen = "" if age is None else f" (last {age:.0f} s ago)"
        typer.echo(f"no worker heartbeat on this host within {max_age:g} s{seen}", err=True)
        raise typer.Exit(1)
    typer.echo(f"worker alive: last heartbeat {age:.1f} s ago")
