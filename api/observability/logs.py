"""Structured logs: every record of the `semap` loggers as one JSON object per line on stdout."""

import json
import logging
import sys
from datetime import UTC, datetime

ROOT_LOGGER = "semap"


class JsonFormatter(logging.Formatter):
    """time, level, logger and message, plus the record's `fields` (e.g. the access log's)."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure_logging(level: str) -> None:
    """One JSON handler on the `semap` logger (idempotent: create_app runs once per worker, tests often)."""
    logger = logging.getLogger(ROOT_LOGGER)
    logger.setLevel(level.upper())
    if not any(isinstance(handler.formatter, JsonFormatter) for handler in logger.handlers):
        handler = logging.StreamHandler(sys.stdout)
        handler.setFormatter(JsonFormatter())
        logger.addHandler(handler)
    # Its own handler only: a root handler (if any) would print each line a second time, unformatted.
    logger.propagate = False
