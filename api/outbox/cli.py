"""`semap outbox …`: look at the queue, retry failed messages, or send the due ones once by hand."""

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Annotated, Any, TypeVar

import typer
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.config import get_settings
from api.db import create_engine, create_sessionmaker
from api.outbox import service, worker
from api.outbox.models import OutboxStatus

outbox_app = typer.Typer(help="The e-mail outbox.", no_args_is_help=True)
T = TypeVar("T")


def _with_sessionmaker(action: Callable[[async_sessionmaker[AsyncSession]], Awaitable[T]]) -> T:
    async def main() -> T:
        engine = create_engine(get_settings())
        try:
            return await action(create_sessionmaker(engine))
        finally:
            await engine.dispose()

    return asyncio.run(main())


@outbox_app.command("send")
def send() -> None:
    """Send the due messages once, now (`semap worker` does this continuously)."""
    report = _with_sessionmaker(lambda sm: worker.deliver_due(sm, get_settings()))
    typer.echo(str(report))


@outbox_app.command("list")
def list_messages(status: Annotated[OutboxStatus | None, typer.Option()] = None,
                  limit: Annotated[int, typer.Option(min=1, max=1000)] = 50) -> None:
    """The newest messages, optionally of one status (e.g. failed)."""
    async def action(sm: async_sessionmaker[AsyncSession]) -> list[dict[str, Any]]:
        async with sm() as session:
            return [service.describe(m) for m in await service.list_messages(session, status=status, limit=limit)]

    for row in _with_sessionmaker(action):
        typer.echo(" | ".join(f"{key}={value}" for key, value in row.items()))


@outbox_app.command("retry")
def retry(message_id: int) -> None:
    """Queue a failed message again, due now."""
    async def action(sm: async_sessionmaker[AsyncSession]) -> bool:
        async with sm() as session, session.begin():
            return await service.retry(session, message_id, now=datetime.now(UTC))

    if not _with_sessionmaker(action):
        typer.echo(f"No failed message {message_id}.", err=True)
        raise typer.Exit(1)
    typer.echo(f"Message {message_id} is pending again.")
