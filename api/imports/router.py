"""HTTP for imports: POST a file (multipart), GET the template. No JSON-only rule here: uploads are multipart."""

import csv
import io
import re
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Query, Request, UploadFile
from fastapi.responses import Response

from api.auth.dependencies import StaffToken
from api.db import SessionDep
from api.errors import InvalidInput
from api.imports import service
from api.imports.schemas import ImportReport
from api.spreadsheets import csv_text

router = APIRouter(prefix="/api/v1/admin/imports", tags=["imports"])

TEMPLATE = Path(__file__).parent / "template.csv"
_CONFIRM = re.compile(r"^\s*(all|\d+(\s*,\s*\d+)*)\s*$", re.IGNORECASE)


def _confirmations(value: str | None) -> tuple[bool, set[int]]:
    if value is None or not value.strip():
        return False, set()
    if not _CONFIRM.match(value):
        raise InvalidInput("confirm_duplicates takes 'all' or row numbers separated by commas, e.g. 4,17.",
                           pointer="/query/confirm_duplicates")
    if value.strip().lower() == "all":
        return True, set()
    return False, {int(part) for part in value.split(",")}


@router.post("", response_model=ImportReport, summary="Import organisations from a CSV, XLSX or GeoJSON file",
             responses={400: {"description": "The file cannot be read (encoding, broken XLSX, not a "
                                             "FeatureCollection, no rows)."},
                        413: {"description": "The upload is larger than the configured limit, has more rows "
                                              "than IMPORT_MAX_ROWS, or is an XLSX that would unpack beyond "
                                              "IMPORT_MAX_UNPACKED_BYTES (or is compressed like a zip bomb)."},
                        422: {"description": "All-or-nothing import with problems: nothing written; "
                                             "`report` lists every problem."}})
async def import_organisations(
    request: Request, session: SessionDep, token: StaffToken,
    file: Annotated[UploadFile, File(description="CSV (UTF-8, comma or semicolon), XLSX or GeoJSON.")],
    dry_run: Annotated[bool, Query(description="Check and report only; write nothing.")] = False,
    mode: Annotated[str, Query(pattern="^(all_or_nothing|partial)$",
                               description="all_or_nothing: any problem and nothing is written; "
                                           "partial: write the valid rows, report the rest.")] = "all_or_nothing",
    confirm_duplicates: Annotated[str | None, Query(
        description="Create possible duplicates anyway: 'all', or their row numbers, e.g. 4,17.")] = None,
) -> ImportReport:
    """Rows matching an organisation by (country, registration_code) or external_id update it;
    the others are created. Possible duplicates are reported and created only when confirmed."""
    confirm_all, confirm_rows = _confirmations(confirm_duplicates)
    options = service.ImportOptions(dry_run=dry_run, partial=mode == "partial", confirm_all=confirm_all,
                                    confirm_rows=confirm_rows, limits=service.limits_of(request.app.state.settings))
    return await service.run_import(session, file.file, file.filename, options, actor=token)


@router.get("/template.csv", response_class=Response, summary="Download the import template",
            responses={200: {"content": {"text/csv": {}}}})
async def get_import_template(token: StaffToken) -> Response:
    # Written like every other CSV of the platform (api.spreadsheets), so its examples are neutralised too.
    header, *rows = csv.reader(io.StringIO(TEMPLATE.read_text(encoding="utf-8")))
    return Response(csv_text(header, rows), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="semap-import-template.csv"'})
