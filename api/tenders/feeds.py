"""Tender packages from a file or a URL, and the worker's scheduled import of the configured feeds."""

import asyncio
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.config import Settings
from api.errors import PayloadTooLarge, ProblemError
from api.tenders.service import ImportSummary, import_package

FETCH_TIMEOUT_SECONDS = 60.0


class FeedUnreachable(ProblemError):
    status, code, title = 502, "feed_unreachable", "Feed unreachable"


async def read_source(source: str, *, max_bytes: int) -> bytes:
    """The package's bytes: an http(s) URL is fetched (at most max_bytes), anything else is a local file."""
    if not source.startswith(("https://", "http://")):
        data = await asyncio.to_thread(Path(source).read_bytes)
        if len(data) > max_bytes:
            raise PayloadTooLarge(f"{source} is larger than {max_bytes} bytes.")
        return data
    chunks, size = [], 0
    try:
        async with httpx.AsyncClient(timeout=FETCH_TIMEOUT_SECONDS, follow_redirects=True) as client, \
                client.stream("GET", source, headers={"Accept": "application/json"}) as response:
            if response.status_code != 200:
                raise FeedUnreachable(f"{source} answered HTTP {response.status_code}.")
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise PayloadTooLarge(f"{source} sends more than {max_bytes} bytes.")
                chunks.append(chunk)
    except httpx.HTTPError as exc:
        raise FeedUnreachable(f"{source} could not be read: {exc}") from exc
    return b"".join(chunks)


async def import_source(sessionmaker: async_sessionmaker[AsyncSession], source: str, *, settings: Settings,
                        now: datetime | None = None) -> ImportSummary:
    """Read and import one package in one transaction: all of it, or (on any problem) nothing."""
    raw = await read_source(source, max_bytes=settings.max_upload_bytes)
    async with sessionmaker() as session, session.begin():
        return await import_package(session, raw, source=source, now=now)


@dataclass
class FeedsReport:
    imported: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        if not self.imported and not self.failed:
            return "no tender feeds configured (TENDER_FEED_URLS)"
        return "; ".join(self.imported + [f"FAILED {line}" for line in self.failed])


async def import_feeds(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings,
                       now: datetime | None = None) -> FeedsReport:
    """Every configured feed, each in its own transaction: a broken feed does not hold back the others."""
    now = now or datetime.now(UTC)
    report = FeedsReport()
    for url in settings.tender_feed_urls:
        try:
            summary = await import_source(sessionmaker, url, settings=settings, now=now)
        except ProblemError as exc:
            report.failed.append(f"{url}: {exc.detail}")
            continue
        report.imported.append(f"{url}: {summary}")
    if report.failed:
        # The job's run is marked failed (and retried) while the working feeds' tenders stay imported.
        raise RuntimeError(str(report))
    return report
