"""`semap webhooks deliver`: send the due webhook deliveries now (the worker runs the same job)."""

import asyncio
from datetime import UTC, datetime

import typer

from api.config import get_settings
from api.db import create_engine, create_sessionmaker
from api.webhooks.delivery import DeliveryRun, deliver_webhooks

webhooks_app = typer.Typer(help="Webhook deliveries.", no_args_is_help=True)


async def _deliver() -> DeliveryRun:
    settings = get_settings()
    engine = create_engine(settings)
    try:
        return await deliver_webhooks(create_sessionmaker(engine), settings, datetime.now(UTC))
    finally:
        await engine.dispose()


@webhooks_app.command("deliver")
def deliver() -> None:
    """POST every due delivery once; failures are rescheduled with backoff."""
    run = asyncio.run(_deliver())
    typer.echo(f"{run.delivered} delivered, {run.retrying} to retry, {run.failed} failed"
               + (f"; disabled subscriptions: {run.disabled_subscriptions}" if run.disabled_subscriptions else ""))
