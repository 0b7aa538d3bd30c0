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
# Excel's limit per sheet (the header row included); past it the rows continue on a new sheet.
XLSX_SHEET_ROWS = 1_048_576


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


class _Sheets:
    """The workbook's sheets, a new one ("enterprises 2", …) with the header each time one is full."""

    def __init__(self, book: Any, sheet_rows: int) -> None:
        self.book, self.sheet_rows = book, sheet_rows
        self.sheet: Any = None
        self.rows = 0
        self.count = 0

    def append(self, rows: list[dict[str, Any]]) -> None:
        for row in rows:
            if self.rows >= self.sheet_rows:
                self.new_sheet()
            values = flat(row)
            self.sheet.append([xlsx_value(self.sheet, values[name]) for name in HEADER])
            self.rows += 1

    def new_sheet(self) -> None:
        self.count += 1
        self.sheet = self.book.create_sheet("enterprises" if self.count == 1 else f"enterprises {self.count}")
        self.sheet.append(HEADER)
        self.rows = 1


async def xlsx_chunks(chunks: RowChunks, *, sheet_rows: int = XLSX_SHEET_ROWS) -> AsyncIterator[bytes]:
    """XLSX is a zip written at the end: rows go to openpyxl's write-only sheets (spooled to disk),
    the workbook to a temporary file, and the file out in chunks; memory stays flat, the first
    byte waits for the last row. Each sheet holds at most `sheet_rows` rows, its header included."""
    book = Workbook(write_only=True)
    sheets = _Sheets(book, sheet_rows)
    sheets.new_sheet()  # an empty export is still a workbook with its header
    async for rows in chunks:
        await asyncio.to_thread(sheets.append, rows)
    handle, path = tempfile.mkstemp(suffix=".xlsx")
    os.close(handle)
    try:
        await asyncio.to_thread(book.save, path)
        with open(path, "rb") as stream:  # noqa: ASYNC230 - reads happen in a thread below
            while block := await asyncio.to_thread(stream.read, FILE_CHUNK):
                yield block
    finally:
        os.unlink(path)
