// Imports and exports: a CSV, XLSX or GeoJSON file checked first (dry run) and then imported, with
// the API's report; links to the export endpoints and to the import template.
import { useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import type { components } from '../api/schema';
import { useI18n } from '../i18n';
import { AuthProblem } from './AdminPage';

type Report = components['schemas']['ImportReport'];

async function upload(file: File, token: string, dryRun: boolean): Promise<Report> {
  const body = new FormData();
  body.append('file', file);
  const response = await fetch(`/api/v1/admin/imports?dry_run=${dryRun}&mode=partial`, {
    method: 'POST', headers: { Accept: 'application/json', Authorization: `Bearer ${token}` }, body,
  });
  const json = await response.json().catch(() => null) as Record<string, unknown> | null;
  if (!response.ok && !(json && 'rows_total' in json)) {
    throw new ApiError(response.status, typeof json?.detail === 'string' ? json.detail : `HTTP ${response.status}`);
  }
  return json as unknown as Report;
}

/** A download that needs the token: fetched, then saved through an object URL. */
async function download(url: string, name: string, token: string) {
  const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) throw new ApiError(response.status, `HTTP ${response.status}`);
  const href = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(href), 1000);
}

export function ImportsTab({ token }: { token: string }) {
  const { t, f } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function run(dryRun: boolean) {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      setReport(await upload(file, token, dryRun));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="imports-heading">
      <h2 id="imports-heading">{t('admin.tab.imports')}</h2>
      <h3>{t('admin.imports.import')}</h3>
      <p class="hint">{t('admin.imports.hint')}{' '}
        <button type="button" class="link-button" onClick={() => void download('/api/v1/admin/imports/template.csv', 'template.csv', token).catch(setError)}>
          {t('admin.imports.template')}</button></p>
      <div class="field">
        <label for="import-file">{t('admin.imports.file')}</label>
        <input id="import-file" type="file" accept=".csv,.xlsx,.geojson,.json"
          onChange={(e) => { setFile(e.currentTarget.files?.[0] ?? null); setReport(null); }} />
      </div>
      <p class="button-row">
        <button type="button" class="button" disabled={!file || busy} onClick={() => void run(true)}>{t('admin.imports.check')}</button>{' '}
        <button type="button" class="button button--primary" disabled={!file || busy || !report?.dry_run}
          onClick={() => void run(false)}>{t('admin.imports.run')}</button>
      </p>
      {error instanceof ApiError && (error.status === 401 || error.status === 403) ? <AuthProblem error={error} />
        : error ? <p class="state state--error" role="alert">{t('form.error')}</p> : null}
      <div role="status" aria-live="polite">
        {report && (
          <div class="admin-card">
            <p><strong>{report.dry_run ? t('admin.imports.checked') : t('admin.imports.done')}</strong></p>
            <dl class="stats-totals">
              <div><dt>{t('admin.imports.rows')}</dt><dd>{f.number(report.rows_total)}</dd></div>
              <div><dt>{t('admin.imports.created')}</dt><dd>{f.number(report.created)}</dd></div>
              <div><dt>{t('admin.imports.updated')}</dt><dd>{f.number(report.updated)}</dd></div>
              <div><dt>{t('admin.imports.unchanged')}</dt><dd>{f.number(report.unchanged)}</dd></div>
              <div><dt>{t('admin.imports.rejected')}</dt><dd>{f.number(report.rejected)}</dd></div>
            </dl>
            {report.problems.length > 0 && (
              <ul>{report.problems.map((p, i) => <li key={i}>{t('admin.imports.problem', { row: String(p.row), column: p.column })}: {p.message}</li>)}</ul>
            )}
          </div>
        )}
      </div>
      <h3>{t('admin.imports.exports')}</h3>
      <ul>
        {(['csv', 'geojson', 'jsonld', 'xlsx'] as const).map((ext) => (
          <li key={ext}><a href={`/api/v1/exports/enterprises.${ext}`} download>{t('admin.imports.exportAs', { format: ext.toUpperCase() })}</a></li>
        ))}
      </ul>
    </section>
  );
}
