// Imports and exports: a CSV, XLSX or GeoJSON file checked (dry run) or imported, all-or-nothing or
// partially, with the API's report; possible duplicates confirmed row by row for the next run; links to
// the export endpoints and to the import template.
import { useState } from 'preact/hooks';
import { ApiError, saveFile } from '../api/client';
import { useI18n } from '../i18n';
import { AuthProblem } from './LoadError';
import { confirmParam, uploadImport, type ImportMode, type ImportOutcome } from './imports';
import { ImportHeadline, ImportReportView, type Confirmations } from './ImportReportView';
import { StaffExports } from './StaffExports';

function ModeChoice({ mode, onChange }: { mode: ImportMode; onChange: (mode: ImportMode) => void }) {
  const { t } = useI18n();
  const option = (value: ImportMode, label: string) => (
    <label class="checkbox">
      <input type="radio" name="import-mode" value={value} checked={mode === value} onChange={() => onChange(value)} />
      {' '}{label}
    </label>
  );
  return (
    <fieldset class="field admin-modes">
      <legend>{t('admin.imports.mode')}</legend>
      {option('all_or_nothing', t('admin.imports.allOrNothing'))}
      {option('partial', t('admin.imports.partial'))}
    </fieldset>
  );
}

function ImportError({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (error instanceof ApiError && (error.status === 401 || error.status === 403)) return <AuthProblem error={error} />;
  // A file the API cannot read (400) or too large (413): its own words say what to fix.
  const detail = error instanceof ApiError && (error.status === 400 || error.status === 413) ? ` ${error.message}` : '';
  return <p class="state state--error" role="alert">{t('admin.imports.failed')}{detail}</p>;
}

/** The rows ticked as "create anyway", kept for the next run of the same file. */
function useConfirmations(): Confirmations & { reset: () => void } {
  const [rows, setRows] = useState<ReadonlySet<number>>(new Set());
  const [all, setAll] = useState(false);
  return {
    rows, all, onAll: setAll,
    onRow: (row, confirmed) => setRows((current) => {
      const next = new Set(current);
      if (confirmed) next.add(row);
      else next.delete(row);
      return next;
    }),
    reset: () => { setRows(new Set()); setAll(false); },
  };
}

export function ImportsTab({ token }: { token: string }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<ImportMode>('all_or_nothing');
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const confirm = useConfirmations();
  const confirmed = confirmParam(confirm.rows, confirm.all);

  async function run(dryRun: boolean) {
    // Not `disabled` while busy: a disabled button would drop the keyboard focus.
    if (!file || busy) return;
    setBusy(true);
    setError(null);
    try {
      setOutcome(await uploadImport(file, token, { dryRun, mode, confirm: confirmed }));
    } catch (e) {
      setOutcome(null);
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  function choose(chosen: File | null) {
    setFile(chosen);
    setOutcome(null);
    setError(null);
    confirm.reset();
  }

  return (
    <section aria-labelledby="imports-heading">
      <h2 id="imports-heading">{t('admin.tab.imports')}</h2>
      <h3>{t('admin.imports.import')}</h3>
      <p class="hint">{t('admin.imports.hint')}{' '}
        <button type="button" class="link-button" onClick={() => void saveFile('/api/v1/admin/imports/template.csv', 'template.csv', token).catch(setError)}>
          {t('admin.imports.template')}</button></p>
      <div class="field">
        <label for="import-file">{t('admin.imports.file')}</label>
        <input id="import-file" type="file" accept=".csv,.xlsx,.geojson,.json" onChange={(e) => choose(e.currentTarget.files?.[0] ?? null)} />
      </div>
      <ModeChoice mode={mode} onChange={setMode} />
      {confirmed && <p class="hint">{confirmed === 'all' ? t('admin.imports.confirmingAll') : t('admin.imports.confirming', { rows: confirmed })}</p>}
      <p class="button-row">
        <button type="button" class="button" disabled={!file} onClick={() => void run(true)}>{t('admin.imports.check')}</button>
        <button type="button" class="button button--primary" disabled={!file} onClick={() => void run(false)}>{t('admin.imports.run')}</button>
      </p>
      {error !== null && <ImportError error={error} />}
      <div role="status" aria-live="polite">
        {busy && <p>{t('admin.imports.busy')}</p>}
        {outcome && !busy && <ImportHeadline outcome={outcome} />}
      </div>
      {outcome && <ImportReportView outcome={outcome} confirm={confirm} />}
      <StaffExports token={token} />
    </section>
  );
}
