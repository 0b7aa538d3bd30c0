"""`semap worker`: deliver the outbox, run the schedules, expire old rows, beat; until SIGTERM or SIGINT."""

import asyncio
import logging
import signal

from api.config import get_settings
from api.db import create_engine, create_sessionmaker
from api.worker.runner import Worker


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
