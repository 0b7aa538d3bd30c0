// An import's report: what was (or, in a dry run, would be) created, updated and rejected, each problem
// by row and column, and the possible duplicates with their look-alikes and a box to confirm each.
import { useI18n, type MessageKey } from '../i18n';
import { DuplicateItem } from './DuplicateItem';
import { possibleDuplicates, type ImportOutcome, type ImportProblem } from './imports';

const CODE_KEYS: Record<string, MessageKey> = {
  invalid: 'admin.imports.code.invalid', unknown_location: 'admin.imports.code.unknown_location',
  outside_country: 'admin.imports.code.outside_country', conflict: 'admin.imports.code.conflict',
  repeated: 'admin.imports.code.repeated', possible_duplicate: 'admin.imports.code.possible_duplicate',
  confirmed_duplicate: 'admin.imports.code.confirmed_duplicate',
};

export interface Confirmations {
  rows: ReadonlySet<number>;
  all: boolean;
  onRow: (row: number, confirmed: boolean) => void;
  onAll: (confirmed: boolean) => void;
}

function Where({ problem }: { problem: ImportProblem }) {
  const { t } = useI18n();
  const row = String(problem.row);
  return <>{problem.column ? t('admin.imports.problem', { row, column: problem.column }) : t('admin.imports.problemRow', { row })}</>;
}

function Problems({ problems }: { problems: ImportProblem[] }) {
  const { t } = useI18n();
  if (!problems.length) return null;
  return (
    <>
      <h4>{t('admin.imports.problems')}</h4>
      <ul class="admin-problems">
        {problems.map((p, i) => (
          <li key={i}>
            <Where problem={p} /> — <strong>{CODE_KEYS[p.code] ? t(CODE_KEYS[p.code]!) : p.code}</strong>: {p.message}
            {p.value ? <> (<code>{p.value}</code>)</> : null}
          </li>
        ))}
      </ul>
    </>
  );
}

function Candidates({ problem }: { problem: ImportProblem }) {
  return (
    <ul class="admin-duplicates">
      {(problem.candidates ?? []).map((c) => <li key={c.id}><DuplicateItem candidate={c} /></li>)}
    </ul>
  );
}

/** The rows that look like existing organisations: tick one to create it anyway on the next run. */
function DuplicatePicker({ duplicates, confirm }: { duplicates: ImportProblem[]; confirm: Confirmations }) {
  const { t } = useI18n();
  if (!duplicates.length) return null;
  return (
    <fieldset class="admin-picker">
      <legend>{t('admin.imports.duplicates')}</legend>
      <p class="hint">{t('admin.imports.duplicatesHint')}</p>
      {duplicates.map((p) => (
        <div key={p.row} class="admin-picker__row">
          <label class="checkbox">
            <input type="checkbox" checked={confirm.all || confirm.rows.has(p.row)} disabled={confirm.all}
              onChange={(e) => confirm.onRow(p.row, e.currentTarget.checked)} />
            {' '}{t('admin.imports.confirmRow', { row: String(p.row) })}
          </label>
          <Candidates problem={p} />
        </div>
      ))}
      <label class="checkbox">
        <input type="checkbox" checked={confirm.all} onChange={(e) => confirm.onAll(e.currentTarget.checked)} />
        {' '}{t('admin.imports.confirmAll')}
      </label>
    </fieldset>
  );
}

function Confirmed({ problems }: { problems: ImportProblem[] }) {
  const { t } = useI18n();
  if (!problems.length) return null;
  return (
    <>
      <h4>{t('admin.imports.confirmed')}</h4>
      <ul class="admin-problems">
        {problems.map((p) => <li key={p.row}><Where problem={p} /><Candidates problem={p} /></li>)}
      </ul>
    </>
  );
}

/** What happened, in one sentence for the tab's live status line. */
export function ImportHeadline({ outcome }: { outcome: ImportOutcome }) {
  const { t } = useI18n();
  const { report } = outcome;
  const what = outcome.rejected ? t('admin.imports.refused') : report.dry_run ? t('admin.imports.checked') : t('admin.imports.done');
  return (
    <p class={outcome.rejected ? 'state state--error' : undefined}>
      <strong>{what}</strong>{' '}
      {t('admin.imports.summary', { rows: report.rows_total, created: report.created, updated: report.updated, rejected: report.rejected })}
    </p>
  );
}

/** The report in full, below the status line (interactive, so not inside the live region). */
export function ImportReportView({ outcome, confirm }: { outcome: ImportOutcome; confirm: Confirmations }) {
  const { t, f } = useI18n();
  const { report } = outcome;
  const duplicates = possibleDuplicates(report);
  const counts: [MessageKey, number][] = [['admin.imports.rows', report.rows_total], ['admin.imports.created', report.created],
    ['admin.imports.updated', report.updated], ['admin.imports.unchanged', report.unchanged], ['admin.imports.rejected', report.rejected]];
  return (
    <div class="console-card admin-report">
      <dl class="stats-totals">
        {counts.map(([key, value]) => <div key={key}><dt>{t(key)}</dt><dd data-count={key.slice('admin.imports.'.length)}>{f.number(value)}</dd></div>)}
      </dl>
      <Problems problems={report.problems.filter((p) => p.code !== 'possible_duplicate')} />
      <DuplicatePicker duplicates={duplicates} confirm={confirm} />
      <Confirmed problems={report.confirmed_duplicates} />
      {report.warnings.length > 0 && <ul class="hint">{report.warnings.map((w) => <li key={w}>{w}</li>)}</ul>}
    </div>
  );
}
