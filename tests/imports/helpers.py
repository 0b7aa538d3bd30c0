"""Building import files in tests."""

import csv
import io
from typing import Any

from openpyxl import Workbook

HEADER = ["external_id", "name", "country", "registration_code", "locality", "lat", "lon", "email",
          "employees_total", "employees_vulnerable", "impact_areas", "sectors", "description_en"]


def row(**values: Any) -> dict[str, Any]:
    base = {"name": "Cooperativa de Test", "country": "RO", "locality": "Cluj-Napoca", "lat": "46.7712",
            "lon": "23.6236", "employees_total": "8", "employees_vulnerable": "3",
            "impact_areas": "work_integration;education", "sectors": "10.71", "description_en": "A test row."}
    return base | values


def csv_bytes(rows: list[dict[str, Any]], *, header: list[str] | None = None, delimiter: str = ",",
              bom: bool = False) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header or HEADER, delimiter=delimiter, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    data = out.getvalue().encode()
    return (b"\xef\xbb\xbf" + data) if bom else data


def xlsx_bytes(rows: list[dict[str, Any]], header: list[str] | None = None) -> bytes:
    header = header or HEADER
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for values in rows:
        sheet.append([values.get(name) for name in header])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(data: bytes, name: str = "members.csv") -> dict[str, Any]:
    return {"file": (name, data, "application/octet-stream")}
