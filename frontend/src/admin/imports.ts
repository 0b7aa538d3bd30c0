// Imports from the console: the request (mode, dry run, possible duplicates confirmed) and the API's
// answer turned into a report — a 200's body, or the report inside a rejected all-or-nothing import's 422.
import { ApiError } from '../api/client';
import type { components } from '../api/schema';

export type ImportReport = components['schemas']['ImportReport'];
export type ImportProblem = components['schemas']['ImportProblem'];
/** all_or_nothing (the API's default): any problem and nothing is written; partial: the valid rows are. */
export type ImportMode = 'all_or_nothing' | 'partial';

export interface ImportRequest {
  dryRun: boolean;
  mode: ImportMode;
  /** `confirm_duplicates`: 'all', row numbers ('4,17'), or null. */
  confirm: string | null;
}

/** The report, and whether an all-or-nothing import was refused because of it (nothing written). */
export interface ImportOutcome {
  report: ImportReport;
  rejected: boolean;
}

/** `confirm_duplicates` for the rows ticked: 'all', the rows in order without repeats ('4,17'), or null. */
export function confirmParam(rows: Iterable<number>, all: boolean): string | null {
  if (all) return 'all';
  const sorted = [...new Set(rows)].filter((row) => Number.isInteger(row) && row > 0).sort((a, b) => a - b);
  return sorted.length ? sorted.join(',') : null;
}

export function importUrl(request: ImportRequest): string {
  const params = new URLSearchParams({ dry_run: String(request.dryRun), mode: request.mode });
  if (request.confirm) params.set('confirm_duplicates', request.confirm);
  return `/api/v1/admin/imports?${params.toString()}`;
}

function isReport(value: unknown): value is ImportReport {
  return typeof value === 'object' && value !== null && 'rows_total' in value && Array.isArray((value as ImportReport).problems);
}

/** The report in an answer, or null when the answer carries none (an unreadable file, a refused token…). */
export function outcomeOf(status: number, body: unknown): ImportOutcome | null {
  if (status >= 200 && status < 300 && isReport(body)) return { report: body, rejected: false };
  const problem = typeof body === 'object' && body !== null ? body as Record<string, unknown> : null;
  if (status === 422 && problem && isReport(problem.report)) return { report: problem.report, rejected: true };
  return null;
}

/** Rows reported as possible duplicates, each once, with the organisations they look like. */
export function possibleDuplicates(report: ImportReport): ImportProblem[] {
  return report.problems.filter((p) => p.code === 'possible_duplicate');
}

/** Sends the file; an answer without a report throws an ApiError with the API's own explanation. */
export async function uploadImport(file: File, token: string, request: ImportRequest): Promise<ImportOutcome> {
  const body = new FormData();
  body.append('file', file);
  let response: Response;
  try {
    response = await fetch(importUrl(request), {
      method: 'POST', headers: { Accept: 'application/json', Authorization: `Bearer ${token}` }, body,
    });
  } catch (error) {
    throw new ApiError(0, String(error));
  }
  const json: unknown = await response.json().catch(() => null);
  const outcome = outcomeOf(response.status, json);
  if (outcome) return outcome;
  const detail = (json as { detail?: unknown } | null)?.detail;
  throw new ApiError(response.status, typeof detail === 'string' ? detail : `HTTP ${response.status}`);
}
