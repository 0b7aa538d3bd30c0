"""Encoders for streamed exports: chunks of rows in, bytes out; memory holds one chunk at a time."""

import asyncio
import csv
import io
import json
import os
import tempfile
from collections.abc import AsyncIterator
from decimal import Decimal
from typing import Any

from openpyxl import Workbook

from api.exports.rows import HEADER, flat
from api.linked_data import essglobal
from api.spreadsheets import cell_text, xlsx_value

RowChunks = AsyncIterator[list[dict[str, Any]]]
FILE_CHUNK = 256 * 1024


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value) if value != value.to_integral_value() else int(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


async def csv_chunks(chunks: RowChunks, *, bom: bool = False) -> AsyncIterator[bytes]:
    """Every cell through api.spreadsheets.cell_text: text that a spreadsheet would run as a formula is neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    # A BOM makes Excel read the file as UTF-8; imports accept it either way.
    yield (b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode()
    async for rows in chunks:
        buffer.seek(0)
        buffer.truncate()
        for row in rows:
            values = flat(row)
            writer.writerow([cell_text(values[name]) for name in HEADER])
        yield buffer.getvalue().encode()


def _feature(row: dict[str, Any]) -> dict[str, Any]:
    properties = {k: v for k, v in flat(row).items() if k not in ("lat", "lon")}
    return {"type": "Feature", "id": row["id"],
            "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]}, "properties": properties}


async def geojson_chunks(chunks: RowChunks) -> AsyncIterator[bytes]:
    yield b'{"type":"FeatureCollection","features":['
    first = True
    async for rows in chunks:
        parts = [json.dumps(_feature(row), ensure_ascii=False, default=_json_default) for row in rows]
        if parts:
            yield (("" if first else ",") + ",".join(parts)).encode()
            first = False
    yield b"]}"


async def jsonld_chunks(chunks: RowChunks, *, base_url: str) -> AsyncIterator[bytes]:
    head = {"@context": essglobal.CONTEXT}
    yield json.dumps(head, ensure_ascii=False)[:-1].encode() + b',"@graph":['
    first = True
    async for rows in chunks:
        parts = [json.dumps(essglobal.initiative(row, base_url=base_url), ensure_ascii=False,
                            default=_json_default) for row in rows]
        if parts:
            yield (("" if first else ",") + ",".join(parts)).encode()
            first = False
    yield b"]}"


async def xlsx_chunks(chunks: RowChunks) -> AsyncIterator[bytes]:
    """XLSX is a zip written at the end: rows go to openpyxl's write-only sheet (spooled to disk),
    the workbook to a temporary file, and the file out in chunks; memory stays flat, the first
    byte waits for the last row."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("enterprises")
    sheet.append(HEADER)
    async for rows in chunks:
        await asyncio.to_thread(_append, sheet, rows)
    handle, path = tempfile.mkstemp(suffix=".xlsx")
    os.close(handle)
    try:
        await asyncio.to_thread(book.save, path)
        with open(path, "rb") as stream:  # noqa: ASYNC230 - reads happen in a thread below
            while block := await asyncio.to_thread(stream.read, FILE_CHUNK):
                yield block
    finally:
        os.unlink(path)


def _append(sheet: Any, rows: list[dict[str, Any]]) -> None:
    for row in rows:
        values = flat(row)
        sheet.append([xlsx_value(sheet, values[name]) for name in HEADER])
