"""Streaming an export: pages of rows read by keyset, each on a connection held only while it is read,
encoded as it goes."""

from collections.abc import AsyncIterator
from enum import StrEnum
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.enterprises.filters import EnterpriseFilters
from api.enterprises.models import Organisation
from api.exports import writers
from api.exports.rows import export_query, public_view

CHUNK_ROWS = 2000


class ExportFormat(StrEnum):
    csv = "csv"
    geojson = "geojson"
    jsonld = "jsonld"
    xlsx = "xlsx"


MEDIA_TYPES = {
    ExportFormat.csv: "text/csv; charset=utf-8",
    ExportFormat.geojson: "application/geo+json",
    ExportFormat.jsonld: "application/ld+json",
    ExportFormat.xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


async def row_chunks(sessionmaker: async_sessionmaker[AsyncSession], filters: EnterpriseFilters, *,
                     staff: bool, chunk_rows: int = CHUNK_ROWS) -> AsyncIterator[list[dict[str, Any]]]:
    """Rows in chunks of `chunk_rows`, in id order, each chunk one statement (`id > last id … LIMIT n`) in a
    session of its own that is closed before the chunk is handed on.

    A download takes as long as its client reads; a cursor would hold a connection (and a snapshot that
    keeps VACUUM from tidying) that long, against every other request of the worker's small pool. Here a
    connection is held for one page's read, a few tens of milliseconds; memory holds one page. Each
    enterprise appears at most once, and every one that exists from start to end appears exactly once.
    """
    after = 0
    while True:
        query = export_query(filters, staff=staff).where(Organisation.id > after).limit(chunk_rows)
        async with sessionmaker() as session:
            rows = (await session.execute(query)).mappings().all()
        if not rows:
            return
        yield [public_view(row, staff=staff) for row in rows]
        if len(rows) < chunk_rows:
            return
        after = rows[-1]["id"]


async def export_stream(export_format: ExportFormat, sessionmaker: async_sessionmaker[AsyncSession],
                        filters: EnterpriseFilters, *, staff: bool, base_url: str,
                        bom: bool = False) -> AsyncIterator[bytes]:
    """The encoded export. Its first block is produced only once the database has given the first rows, so a
    response that waits for it (PrefetchedStreamingResponse) answers 503, not a cut download, when it fails."""
    chunks = row_chunks(sessionmaker, filters, staff=staff)
    first = await anext(chunks, None)

    async def replayed() -> AsyncIterator[list[dict[str, Any]]]:
        if first is not None:
            yield first
            async for chunk in chunks:
                yield chunk

    async for block in _encoded(export_format, replayed(), base_url=base_url, bom=bom):
        yield block


def _encoded(export_format: ExportFormat, chunks: AsyncIterator[list[dict[str, Any]]], *, base_url: str,
             bom: bool) -> AsyncIterator[bytes]:
    if export_format is ExportFormat.csv:
        return writers.csv_chunks(chunks, bom=bom)
    if export_format is ExportFormat.geojson:
        return writers.geojson_chunks(chunks)
    if export_format is ExportFormat.jsonld:
        return writers.jsonld_chunks(chunks, base_url=base_url)
    return writers.xlsx_chunks(chunks)
