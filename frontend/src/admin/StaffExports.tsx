// Staff exports: the directory filtered like the console's lists, fetched with the staff token (so the
// API includes what staff may see: other statuses, and e-mails and contact persons for admins) and
// saved from the response's blob. "CSV for Excel" starts with a UTF-8 byte-order mark, so Excel reads
// ș, ț and Cyrillic correctly.
import { useState } from 'preact/hooks';
import { ApiError, queryString, saveFile } from '../api/client';
import { useI18n, type MessageKey } from '../i18n';
import { COUNTRIES, KINDS } from '../taxonomies/labels';
import { AuthProblem } from './LoadError';

const STATUSES = ['published', 'draft', 'pending', 'suspended', 'archived'] as const;
type Format = 'excel' | 'csv' | 'xlsx' | 'geojson' | 'jsonld';
const FORMATS: Record<Format, { ext: string; bom?: boolean }> = {
  excel: { ext: 'csv', bom: true }, csv: { ext: 'csv' }, xlsx: { ext: 'xlsx' }, geojson: { ext: 'geojson' },
  jsonld: { ext: 'jsonld' },
};

interface ExportFilters { country: string; kind: string; status: string; verified: string }

/** The export's URL for these filters (empty ones left out), as the API's list reads them. */
export function exportUrl(format: Format, filters: ExportFilters): string {
  const { ext, bom } = FORMATS[format];
  const query = queryString({
    country: filters.country || undefined, kind: filters.kind || undefined, status: filters.status || undefined,
    verified: filters.verified || undefined, bom: bom ? 'true' : undefined,
  });
  return `/api/v1/exports/enterprises.${ext}${query}`;
}

export function StaffExports({ token }: { token: string }) {
  const { t, code } = useI18n();
  const [filters, setFilters] = useState<ExportFilters>({ country: '', kind: '', status: '', verified: '' });
  const [busy, setBusy] = useState<Format | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function run(format: Format) {
    if (busy) return;
    setBusy(format);
    setError(null);
    try {
      await saveFile(exportUrl(format, filters), `enterprises.${FORMATS[format].ext}`, token);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }

  const select = (key: keyof ExportFilters, label: string, options: [string, string][]) => (
    <div class="field">
      <label for={`export-${key}`}>{label}</label>
      <select id={`export-${key}`} value={filters[key]}
        onChange={(e) => setFilters({ ...filters, [key]: e.currentTarget.value })}>
        <option value="">{t('admin.exports.any')}</option>
        {options.map(([value, text]) => <option key={value} value={value}>{text}</option>)}
      </select>
    </div>
  );

  return (
    <section aria-labelledby="exports-heading">
      <h3 id="exports-heading">{t('admin.imports.exports')}</h3>
      <p class="hint">{t('admin.exports.hint')}</p>
      <div class="console-filters">
        {select('country', t('admin.exports.country'), COUNTRIES.map((c) => [c, code('country', c)]))}
        {select('kind', t('admin.exports.kind'), KINDS.map((k) => [k, code('kind', k)]))}
        {select('status', t('admin.exports.status'), STATUSES.map((s) => [s, t(`admin.state.${s}` as MessageKey)]))}
        {select('verified', t('admin.exports.verified'), [['true', t('admin.exports.yes')], ['false', t('admin.exports.no')]])}
      </div>
      <p class="button-row">
        {(Object.keys(FORMATS) as Format[]).map((format) => (
          <button key={format} type="button" class={format === 'excel' ? 'button button--primary' : 'button'}
            aria-busy={busy === format} onClick={() => void run(format)}>
            {t(`admin.exports.as.${format}` as MessageKey)}
          </button>
        ))}
      </p>
      {/* Not role="status": the import above owns the tab's status region. */}
      <div aria-live="polite">{busy && <p>{t('admin.exports.busy')}</p>}</div>
      {error !== null && (error instanceof ApiError && (error.status === 401 || error.status === 403)
        ? <AuthProblem error={error} />
        : <p class="state state--error" role="alert">{t('admin.exports.failed')}</p>)}
    </section>
  );
}
