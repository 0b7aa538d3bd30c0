"""The import report: what a run did (or, dry, would do), and every problem, row by row."""


from pydantic import BaseModel, ConfigDict, Field

from api.duplicates.schemas import DuplicateCandidate


class ImportProblem(BaseModel):
    row: int = Field(description="Line in the file (the header is row 1); the feature's number in GeoJSON.")
    column: str = Field(description="The offending column; empty when the row as a whole is wrong.")
    value: str | None
    message: str
    code: str = Field(description="invalid, unknown_location, outside_country, conflict, repeated, "
                                  "possible_duplicate, confirmed_duplicate, needs_admin (an editor's file would "
                                  "change a contact or trust field of an existing organisation: the write policy).")
    candidates: list[DuplicateCandidate] | None = None


class ImportReport(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "dry_run": False, "partial": True, "file_format": "csv", "committed": True, "import_run_id": 7,
        "rows_total": 3, "created": 1, "updated": 1, "unchanged": 0, "rejected": 1,
        "problems": [{"row": 4, "column": "email", "value": "ana@", "code": "invalid",
                      "message": "value is not a valid email address"}],
        "confirmed_duplicates": [], "warnings": ["column 'fax' is not known and was ignored"],
    }]})

    dry_run: bool
    partial: bool
    file_format: str
    committed: bool = Field(description="True when the rows were written; a dry run never is.")
    import_run_id: int | None
    rows_total: int
    created: int = Field(description="Rows created (or that would be, in a dry run).")
    updated: int
    unchanged: int = Field(description="Rows that match an organisation and change nothing.")
    rejected: int = Field(description="Rows not written, each with at least one problem below.")
    problems: list[ImportProblem]
    confirmed_duplicates: list[ImportProblem] = Field(
        description="Possible duplicates created anyway, because confirm_duplicates named them.")
    warnings: list[str]
