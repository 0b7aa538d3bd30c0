"""Reading CSV, XLSX and GeoJSON files as rows of {column: value}, streamed where the format allows."""

import codecs
import csv
import io
import itertools
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from api.errors import ProblemError

FORMATS = ("csv", "xlsx", "geojson")
# A key no header can have (headers are stripped), for a problem with the row as a whole.
ROW_PROBLEM = " row"


class MalformedFile(ProblemError):
    """The file cannot be read at all: nothing of it is imported."""

    status, code, title = 400, "malformed_file", "Malformed file"


class ImportTooLarge(ProblemError):
    """More rows than an import takes, or an XLSX that would unpack to too much: refused, nothing imported."""

    status, code, title = 413, "import_too_large", "Import too large"


@dataclass(frozen=True)
class ImportLimits:
    """What one import may cost the server (settings IMPORT_MAX_ROWS, IMPORT_MAX_UNPACKED_BYTES)."""

    max_rows: int = 100_000
    max_unpacked_bytes: int = 256 * 1024 * 1024


# An XLSX is a zip of XML. Spreadsheet XML compresses some 5-30 to 1; a zip bomb a thousand to one. A part
# that would unpack beyond this ratio (and beyond a mebibyte, where tiny parts may compress more) is refused
# before anything is unpacked; so is an archive of more parts than any workbook has.
MAX_COMPRESSION_RATIO = 200
_RATIO_FLOOR_BYTES = 1024 * 1024
MAX_ZIP_PARTS = 1000
# The template has some 35 columns; a header far wider is not an import file.
MAX_COLUMNS = 200


@dataclass
class RowSource:
    """Rows of a file, with the header and a way to tell how far the reading has gone."""

    file_format: str
    header: list[str]
    rows: Iterator[tuple[int, dict[str, Any]]]
    handle: IO[bytes]
    size: int
    extra_columns: set[str] = field(default_factory=set)

    def position(self) -> int:
        try:
            return self.handle.tell()
        except (OSError, ValueError):
            return self.size


def detect_format(filename: str | None, head: bytes) -> str:
    """From the file name's extension, else from the first bytes."""
    suffix = (filename or "").rsplit(".", 1)[-1].lower() if filename and "." in filename else ""
    if suffix in ("csv", "txt"):
        return "csv"
    if suffix in ("xlsx", "xlsm"):
        return "xlsx"
    if suffix in ("geojson", "json"):
        return "geojson"
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.lstrip(codecs.BOM_UTF8 + b" \t\r\n").startswith(b"{"):
        return "geojson"
    return "csv"


def open_rows(handle: IO[bytes], filename: str | None, file_format: str | None = None, *,
              limits: ImportLimits | None = None) -> RowSource:
    """The file's rows, read lazily; reading beyond `limits.max_rows` raises ImportTooLarge."""
    limits = limits or ImportLimits()
    handle.seek(0, io.SEEK_END)
    size = handle.tell()
    handle.seek(0)
    if size == 0:
        raise MalformedFile("The file is empty.")
    file_format = file_format or detect_format(filename, handle.read(64))
    handle.seek(0)
    if file_format == "xlsx":
        _check_zip(handle, limits)
        source = _xlsx(handle, size)
    elif file_format == "geojson":
        source = _geojson(handle, size)
    else:
        source = _csv(handle, size)
    source.rows = _bounded(source.rows, limits.max_rows, first=1 if file_format == "geojson" else 2)
    return source


def _bounded(rows: Iterator[tuple[int, dict[str, Any]]], max_rows: int, *, first: int
             ) -> Iterator[tuple[int, dict[str, Any]]]:
    """Stop at the first row past the limit. Rows are counted by their place in the file (blank ones too),
    so that a sheet with a row numbered 1,048,576 is refused without walking down to it."""
    for line, row in rows:
        if line - first >= max_rows:
            raise ImportTooLarge(f"The file has more than {max_rows:,} rows; an import takes at most that many "
                                 "(setting IMPORT_MAX_ROWS). Split it and import the parts.",
                                 max_rows=max_rows)
        yield line, row


def _check_zip(handle: IO[bytes], limits: ImportLimits) -> None:
    """Refuse a zip bomb from the sizes the archive declares, before anything is unpacked.

    Python's zipfile stops reading a part at its declared size (and fails its CRC beyond), so a part
    that lies about its size cannot unpack to more than it declared.
    """
    try:
        with zipfile.ZipFile(handle) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise MalformedFile(f"The file is not a readable XLSX workbook ({type(exc).__name__}: {exc}).") from exc
    finally:
        handle.seek(0)
    if len(parts) > MAX_ZIP_PARTS:
        raise ImportTooLarge(f"The XLSX holds {len(parts):,} parts; a workbook has far fewer.")
    unpacked = sum(part.file_size for part in parts)
    if unpacked > limits.max_unpacked_bytes:
        raise ImportTooLarge(f"The XLSX would unpack to {unpacked:,} bytes; an import takes at most "
                             f"{limits.max_unpacked_bytes:,} (setting IMPORT_MAX_UNPACKED_BYTES).",
                             max_unpacked_bytes=limits.max_unpacked_bytes)
    for part in parts:
        ratio = part.file_size // max(part.compress_size, 1)
        if part.file_size > _RATIO_FLOOR_BYTES and ratio > MAX_COMPRESSION_RATIO:
            raise ImportTooLarge(f"The XLSX part {part.filename} is compressed {ratio:,} to 1; more than "
                                 f"{MAX_COMPRESSION_RATIO} to 1 is taken for a zip bomb.")


def _check_header(header: list[str]) -> list[str]:
    names = [str(name or "").strip().lower() for name in header]
    while names and not names[-1]:
        names.pop()
    if len(names) > MAX_COLUMNS:
        raise MalformedFile(f"The header has {len(names):,} columns; an import file has at most {MAX_COLUMNS}.")
    if any("\x00" in name for name in names):
        raise MalformedFile("A column name holds a NUL character.")
    seen = [name for name in names if name]
    if len(seen) != len(set(seen)):
        repeated = sorted({name for name in seen if seen.count(name) > 1})
        raise MalformedFile(f"The header repeats column(s): {', '.join(repeated)}.")
    missing = [name for name in ("name", "country") if name not in names]
    if missing:
        raise MalformedFile(f"The header has no column {' or '.join(missing)}; found: "
                            f"{', '.join(seen[:12]) or 'nothing'}. Download the template for the expected "
                            "columns (GET /api/v1/admin/imports/template.csv).")
    return names


def _csv(handle: IO[bytes], size: int) -> RowSource:
    # utf-8-sig takes the BOM Excel writes off the first column's name; strict, so a file saved
    # in another encoding is refused instead of imported with broken letters.
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", errors="strict", newline="")
    try:
        first = text.readline()
    except UnicodeDecodeError as exc:
        raise not_utf8(exc, 1) from exc
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(itertools.chain([first], text), delimiter=delimiter)
    header = _check_header(next(reader))

    def rows() -> Iterator[tuple[int, dict[str, Any]]]:
        line = 1
        try:
            for line, values in enumerate(reader, start=2):
                if not any(v.strip() for v in values):
                    continue
                yield line, dict(zip(header, values, strict=False)) | _overflow(header, values)
        except UnicodeDecodeError as exc:
            raise not_utf8(exc, line + 1) from exc
        except csv.Error as exc:
            raise MalformedFile(f"The CSV cannot be read near row {line + 1}: {exc}.") from exc

    return RowSource("csv", header, rows(), handle, size)


def not_utf8(exc: UnicodeDecodeError, line: int) -> MalformedFile:
    byte = exc.object[exc.start:exc.start + 1].hex().upper()
    return MalformedFile(f"The file is not UTF-8 text (byte 0x{byte} near row {line} is not valid UTF-8). "
                         "Save it as 'CSV UTF-8' (comma or semicolon separated) and upload it again.",
                         encoding="expected UTF-8")


def _overflow(header: list[str], values: list[str]) -> dict[str, Any]:
    # More cells than columns: a shifted row, reported rather than silently cut.
    extra = [v for v in values[len(header):] if v.strip()]
    return {ROW_PROBLEM: f"the row has more cells than the header has columns: {'; '.join(extra)}"} if extra else {}


# openpyxl parses with defusedxml (a dependency): entity declarations (billion laughs) and external
# entities (XXE) raise DefusedXmlException, broken XML a ParseError; both are a malformed file.
_XLSX_ERRORS = (zipfile.BadZipFile, KeyError, OSError, ValueError, ParseError, DefusedXmlException)


def _xlsx(handle: IO[bytes], size: int) -> RowSource:
    try:
        workbook = load_workbook(handle, read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        # The sheet's declared size (A1:XFD1048576) would pad every row and add rows up to it: read what is there.
        sheet.reset_dimensions()
        first = next(sheet.iter_rows(max_row=1, values_only=True), ())
        header = _check_header([str(v) if v is not None else "" for v in first])
        # Cells right of the header are not read (a cell in column XFD would widen every row to 16,384).
        values = sheet.iter_rows(min_row=2, max_col=max(len(header), 1), values_only=True)
    except (*_XLSX_ERRORS, InvalidFileException, IndexError) as exc:
        raise MalformedFile(f"The file is not a readable XLSX workbook ({type(exc).__name__}: {exc}).") from exc

    def rows() -> Iterator[tuple[int, dict[str, Any]]]:
        try:
            for line, cells in enumerate(values, start=2):
                if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
                    continue
                yield line, dict(zip(header, cells, strict=False))
        except _XLSX_ERRORS as exc:
            raise MalformedFile(f"The XLSX workbook is damaged ({type(exc).__name__}: {exc}).") from exc
        finally:
            workbook.close()

    return RowSource("xlsx", header, rows(), handle, size)


def _geojson(handle: IO[bytes], size: int) -> RowSource:
    try:
        document = json.load(io.TextIOWrapper(handle, encoding="utf-8-sig", errors="strict"))
    except UnicodeDecodeError as exc:
        raise not_utf8(exc, 1) from exc
    except json.JSONDecodeError as exc:
        raise MalformedFile(f"The file is not valid JSON: {exc.msg} at line {exc.lineno}, "
                            f"column {exc.colno}.") from exc
    except RecursionError as exc:
        raise MalformedFile("The JSON is nested too deeply to be GeoJSON.") from exc
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        raise MalformedFile(f"The file is not valid JSON: {exc}.") from exc
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection" \
            or not isinstance(document.get("features"), list):
        found = document.get("type") if isinstance(document, dict) else type(document).__name__
        raise MalformedFile(f"The GeoJSON must be a FeatureCollection with a features array; found {found!r}.")
    features: list[Any] = document["features"]
    keys: dict[str, None] = {}
    for feature in features:
        if isinstance(feature, dict) and isinstance(feature.get("properties"), dict):
            keys.update(dict.fromkeys(k.strip().lower() for k in feature["properties"]))
    header = _check_header([*keys, *(k for k in ("lat", "lon") if k not in keys)])

    def rows() -> Iterator[tuple[int, dict[str, Any]]]:
        for number, feature in enumerate(features, start=1):
            yield number, _feature_row(feature)

    return RowSource("geojson", header, rows(), handle, size)


def _feature_row(feature: Any) -> dict[str, Any]:
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        return {ROW_PROBLEM: "not a GeoJSON Feature"}
    props = feature.get("properties") or {}
    row = {str(k).strip().lower(): v for k, v in props.items()} if isinstance(props, dict) else {}
    geometry = feature.get("geometry")
    if geometry is None:
        return row
    coordinates = geometry.get("coordinates") if isinstance(geometry, dict) else None
    if not isinstance(geometry, dict) or geometry.get("type") != "Point" or not isinstance(coordinates, list) \
            or len(coordinates) < 2:
        return {**row, ROW_PROBLEM: "the geometry must be a Point [longitude, latitude]"}
    return {**row, "lon": coordinates[0], "lat": coordinates[1]}
