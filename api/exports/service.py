"""Streaming an export: a server-side cursor in chunks, encoded as it goes."""

from collections.abc import AsyncIterator
from enum import StrEnum
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.enterprises.filters import EnterpriseFilters
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
                     staff: bool) -> AsyncIterator[list[dict[str, Any]]]:
    """Rows in chunks from a server-side cursor, in a session of its own (the response outlives the request's)."""
    query = export_query(filters, staff=staff).execution_options(yield_per=CHUNK_ROWS)
    async with sessionmaker() as session:
        result = await session.stream(query)
        async for partition in result.mappings().partitions(CHUNK_ROWS):
            yield [public_view(row, staff=staff) for row in partition]


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
