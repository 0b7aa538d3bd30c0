"""Importing a file of organisations: read, check every row, stage, match, then write set-based."""

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import IO, Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.audit import service as audit
from api.auth.models import ApiToken
from api.config import Settings
from api.duplicates.schemas import DuplicateCandidate
from api.duplicates.service import DUPLICATE_METRES, DUPLICATE_SIMILARITY
from api.enterprises import service as enterprises
from api.errors import ProblemError
from api.imports import staging
from api.imports.columns import BY_NAME, LANGUAGES
from api.imports.models import ImportRun
from api.imports.readers import ImportLimits, MalformedFile, RowSource, open_rows
from api.imports.rows import Problem, RowConverter
from api.imports.schemas import ImportProblem, ImportReport
from api.writes import policy

BATCH_ROWS = 5000
# Possible duplicates use the thresholds of api.duplicates (submissions and API creates), so all agree.
Progress = Callable[[int, int], None]


class ImportRejected(ProblemError):
    """An all-or-nothing import with problems: nothing was written; the report says why."""

    status, code, title = 422, "import_rejected", "Import rejected"


def limits_of(settings: Settings) -> ImportLimits:
    return ImportLimits(max_rows=settings.import_max_rows, max_unpacked_bytes=settings.import_max_unpacked_bytes)


@dataclass
class ImportOptions:
    dry_run: bool = False
    partial: bool = False
    confirm_all: bool = False
    confirm_rows: set[int] = field(default_factory=set)
    limits: ImportLimits = field(default_factory=ImportLimits)


@dataclass
class _Outcome:
    problems: list[Problem] = field(default_factory=list)
    confirmed: list[Problem] = field(default_factory=list)
    candidates: dict[int, list[DuplicateCandidate]] = field(default_factory=dict)
    rows_total: int = 0


def _batch(source: RowSource, converter: RowConverter) -> tuple[list[tuple[Any, ...]], list[Problem], int]:
    """The next rows of the file, converted (runs in a thread: parsing is CPU work)."""
    records, problems, count = [], [], 0
    for line, raw in source.rows:
        count += 1
        record, row_problems = converter.convert(line, raw)
        if record is not None:
            records.append(record)
        problems.extend(row_problems)
        if count >= BATCH_ROWS:
            break
    return records, problems, count


async def _stage_file(session: AsyncSession, source: RowSource, options: ImportOptions,
                      progress: Progress | None) -> _Outcome:
    outcome = _Outcome()
    converter = RowConverter(source.header, options.confirm_rows, options.confirm_all)
    await staging.create(session)
    while True:
        records, problems, count = await asyncio.to_thread(_batch, source, converter)
        await staging.copy(session, records)
        outcome.problems.extend(problems)
        outcome.rows_total += count
        if progress is not None:
            progress(source.position(), source.size)
        if count < BATCH_ROWS:
            break
    if outcome.rows_total == 0:
        raise MalformedFile("The file has a header but no rows.")
    return outcome


def _repeat_problem(row: dict[str, Any]) -> Problem:
    if row["col"] == "name":
        message = f"updates the same organisation as row {row['first_row']}"
    else:
        message = f"repeats the {row['col']} of row {row['first_row']}"
    return Problem(row["row_number"], row["col"], row["val"], message, "repeated")


async def _check_staged(session: AsyncSession, outcome: _Outcome, present: set[str], options: ImportOptions,
                        writer: policy.Writer) -> None:
    """The checks that need the database: matches, repeats, the write policy, places, regions, look-alikes."""
    await staging.prepare(session)
    for row in await staging.match(session):
        outcome.problems.append(Problem(
            row["row_number"], "external_id", row["external_id"],
            f"the external id belongs to organisation {row['ext_target_id']}, but the country and registration "
            f"code match organisation {row['target_id']}", "conflict"))
    # An import cannot hold proposals: what the importer may not write directly refuses its row.
    held = [name for name in staging.DIRECT_COLUMNS
            if name in present and policy.decide(writer, name) != policy.Decision.direct]
    for row in await staging.changes_to(session, held):
        outcome.problems.append(Problem(row["row_number"], row["col"], row["val"],
                                        f"only an admin may change the {row['col']} of an existing organisation",
                                        "needs_admin"))
    outcome.problems.extend(_repeat_problem(row) for row in await staging.repeats(session))
    for row in await staging.unplaced(session):
        outcome.problems.append(Problem(row["row_number"], "locality", row["locality"], row["location_problem"],
                                        "unknown_location"))
    for row in await staging.outside_country(session):
        outcome.problems.append(Problem(
            row["row_number"], "lat", f"{row['lat']}, {row['lon']}",
            f"the point lies outside {row['country']} (lat is the latitude, lon the longitude)", "outside_country"))
    for row in await staging.vulnerable_over_total(session, present):
        outcome.problems.append(Problem(row["row_number"], "employees_vulnerable", str(row["vulnerable"]),
                                        f"would exceed employees_total ({row['total']})"))
    await _look_alikes(session, outcome, options)


async def _look_alikes(session: AsyncSession, outcome: _Outcome, options: ImportOptions) -> None:
    for candidate in await staging.look_alikes(session, metres=DUPLICATE_METRES, similarity=DUPLICATE_SIMILARITY):
        row = candidate.pop("row_number")
        known = outcome.candidates.setdefault(row, [])
        if all(c.id != candidate["id"] for c in known):
            known.append(DuplicateCandidate.model_validate(candidate))
    for row, candidates in sorted(outcome.candidates.items()):
        named = ", ".join(f"{c.name} (id {c.id})" for c in candidates)
        confirmed = options.confirm_all or row in options.confirm_rows
        problem = Problem(row, "name", None, f"looks like an existing organisation: {named}",
                          "confirmed_duplicate" if confirmed else "possible_duplicate")
        (outcome.confirmed if confirmed else outcome.problems).append(problem)


def _report(source: RowSource, outcome: _Outcome, options: ImportOptions, counts: dict[str, int],
            warnings: list[str], *, committed: bool, run_id: int | None) -> ImportReport:
    def shown(problem: Problem) -> ImportProblem:
        return ImportProblem(row=problem.row, column=problem.column, value=problem.value, message=problem.message,
                             code=problem.code, candidates=outcome.candidates.get(problem.row)
                             if problem.code.endswith("duplicate") else None)

    problems = sorted(outcome.problems, key=lambda p: (p.row, p.column))
    return ImportReport(
        dry_run=options.dry_run, partial=options.partial, file_format=source.file_format,
        committed=committed, import_run_id=run_id, rows_total=outcome.rows_total,
        created=counts.get("create", 0), updated=counts.get("update", 0),
        unchanged=counts.get("unchanged", 0),
        rejected=len({p.row for p in problems}),
        problems=[shown(p) for p in problems], confirmed_duplicates=[shown(p) for p in outcome.confirmed],
        warnings=warnings,
    )


def _warnings(header: list[str]) -> list[str]:
    ignored = [name for name in header if name and name not in BY_NAME]
    export_only = [name for name in header if name in BY_NAME and not BY_NAME[name].imported]
    return ([f"column {name!r} is not known and was ignored" for name in ignored]
            + [f"column {name!r} is written by exports and ignored by imports" for name in export_only])


async def run_import(session: AsyncSession, handle: IO[bytes], filename: str | None, options: ImportOptions, *,
                     actor: ApiToken | None, progress: Progress | None = None) -> ImportReport:
    """Import a file in this session's transaction; the caller commits (or rolls back on an error)."""
    source = await asyncio.to_thread(partial(open_rows, handle, filename, limits=options.limits))
    present = set(source.header)
    languages = [lang for lang in LANGUAGES if f"description_{lang}" in present]
    outcome = await _stage_file(session, source, options, progress)
    await _check_staged(session, outcome, present, options, policy.writer_of(actor, importing=True))
    warnings = _warnings(source.header)
    if outcome.problems and not options.partial and not options.dry_run:
        report = _report(source, outcome, options, {}, warnings, committed=False, run_id=None)
        raise ImportRejected(f"{report.rejected} of {outcome.rows_total} rows have problems, so nothing was "
                             "imported; fix them, or import with partial mode to take the valid rows.",
                             report=report.model_dump(mode="json"))
    await staging.reject(session, {p.row for p in outcome.problems})
    if options.dry_run:
        counts = await staging.outcome_counts(session)
        changed = await staging.count_changed(session, present, languages)
        counts = {**counts, "update": changed, "unchanged": counts.get("unchanged", 0) - changed}
        await staging.drop(session)
        return _report(source, outcome, options, counts, warnings, committed=False, run_id=None)
    return await _write(session, source, outcome, options, present, languages, warnings, actor, filename)


async def _write(session: AsyncSession, source: RowSource, outcome: _Outcome, options: ImportOptions,
                 present: set[str], languages: list[str], warnings: list[str],
                 actor: ApiToken | None, filename: str | None) -> ImportReport:
    notices = await staging.email_changes(session) if "email" in present else []
    await staging.update_matched(session, present, languages)
    for row in notices:
        await enterprises.tell_previous_contact(session, organisation_id=row["id"], name=row["name"],
                                                version=row["version"], previous=row["previous"],
                                                current=row["current"])
    await staging.assign_slugs(session)
    await staging.insert_new(session)
    await staging.save_external_ids(session)
    counts = await staging.outcome_counts(session)
    report = _report(source, outcome, options, counts, warnings, committed=True, run_id=None)
    run = ImportRun(actor=audit.actor_name(actor), filename=filename, file_format=source.file_format,
                    partial=options.partial, rows_total=report.rows_total, created=report.created,
                    updated=report.updated, unchanged=report.unchanged, rejected=report.rejected,
                    report={"problems": [p.model_dump(mode="json") for p in report.problems[:1000]],
                            "warnings": warnings})
    session.add(run)
    await session.flush()
    await staging.audit_rows(session, run_id=run.id, actor=audit.actor_name(actor),
                             token_id=actor.id if actor else None)
    audit.record(session, actor=actor, entity="import_run", entity_id=run.id, action="import",
                 changes=report.model_dump(include={"rows_total", "created", "updated", "unchanged", "rejected"})
                 | {"partial": options.partial, "file_format": source.file_format})
    await staging.drop(session)
    return report.model_copy(update={"import_run_id": run.id})
