import { describe, expect, it } from 'vitest';
import { confirmParam, importUrl, outcomeOf, possibleDuplicates, type ImportReport } from './imports';

const report: ImportReport = {
  dry_run: true, partial: false, file_format: 'csv', committed: false, import_run_id: null,
  rows_total: 3, created: 1, updated: 0, unchanged: 0, rejected: 2,
  problems: [
    { row: 2, column: 'email', value: 'ana@', message: 'value is not a valid email address', code: 'invalid' },
    { row: 4, column: 'name', value: null, message: 'looks like an existing organisation', code: 'possible_duplicate',
      candidates: [{ id: 17, name: 'Brutăria', slug: 'brutaria', country: 'RO', registration_code: null, reason: 'nearby_similar_name', distance_m: 12, similarity: 0.8 }] },
  ],
  confirmed_duplicates: [], warnings: [],
};

describe('confirm_duplicates', () => {
  it('lists the ticked rows in order, once each; all wins; none is null', () => {
    expect(confirmParam([17, 4, 17], false)).toBe('4,17');
    expect(confirmParam(new Set([4]), true)).toBe('all');
    expect(confirmParam([], false)).toBeNull();
    expect(confirmParam([0, -3, 2.5], false)).toBeNull();
  });

  it('goes into the import URL with the mode and the dry run', () => {
    expect(importUrl({ dryRun: true, mode: 'all_or_nothing', confirm: null }))
      .toBe('/api/v1/admin/imports?dry_run=true&mode=all_or_nothing');
    expect(importUrl({ dryRun: false, mode: 'partial', confirm: '4,17' }))
      .toBe('/api/v1/admin/imports?dry_run=false&mode=partial&confirm_duplicates=4%2C17');
  });
});

describe('the answer of an import', () => {
  it('is the report of a 200, or the report inside a rejected all-or-nothing 422', () => {
    expect(outcomeOf(200, report)).toEqual({ report, rejected: false });
    expect(outcomeOf(422, { type: 'https://semap.dev/problems/import_rejected', status: 422, detail: '2 of 3 rows…', report }))
      .toEqual({ report, rejected: true });
  });

  it('carries no report for other failures', () => {
    expect(outcomeOf(422, { detail: 'confirm_duplicates takes …', errors: [] })).toBeNull();
    expect(outcomeOf(400, { detail: 'not UTF-8' })).toBeNull();
    expect(outcomeOf(200, null)).toBeNull();
  });

  it('picks the possible duplicates out of the problems', () => {
    expect(possibleDuplicates(report).map((p) => p.row)).toEqual([4]);
  });
});
