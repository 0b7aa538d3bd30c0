// Embed sites (admins): the partner sites allowed to show the embedded map in their pages (the /embed
// page's CSP frame-ancestors). Add an origin with a note, or remove one after a confirmation.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, deleteJson, getJson, postJson } from '../api/client';
import type { components } from '../api/schema';
import { ConfirmDialog } from '../console/ConfirmDialog';
import { TableFrame } from '../console/TableFrame';
import { errorsByField, Field, type FieldErrors } from '../forms/Field';
import { useI18n } from '../i18n';
import { LoadError } from './LoadError';

type Site = components['schemas']['EmbedSiteOut'];

export function EmbedSitesTab({ token }: { token: string }) {
  const i18n = useI18n();
  const { t, f } = i18n;
  const [sites, setSites] = useState<Site[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const [origin, setOrigin] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [asking, setAsking] = useState<Site | null>(null);
  useEffect(() => {
    setError(null);
    getJson('/api/v1/admin/embed-sites', { token }).then(setSites, setError);
  }, [token, attempt]);

  async function add(event: Event) {
    event.preventDefault();
    setErrors({});
    setMessage(null);
    try {
      const site = await postJson('/api/v1/admin/embed-sites', { origin: origin.trim(), note: note.trim() || null }, { token });
      setOrigin('');
      setNote('');
      setMessage(t('admin.embeds.added', { origin: site.origin }));
      setAttempt((n) => n + 1);
    } catch (e) {
      if (e instanceof ApiError && e.errors.length) setErrors(errorsByField(e.errors, i18n));
      else if (e instanceof ApiError && e.status === 409) setErrors({ origin: t('admin.embeds.exists') });
      else if (e instanceof ApiError && e.status === 400) setErrors({ origin: e.message });
      else setMessage(t('form.error'));
    }
  }

  async function remove(site: Site) {
    setAsking(null);
    try {
      await deleteJson('/api/v1/admin/embed-sites/{site_id}', { path: { site_id: site.id }, token });
      setMessage(t('admin.embeds.removed', { origin: site.origin }));
    } catch {
      setMessage(t('form.error'));
    }
    setAttempt((n) => n + 1);
  }

  return (
    <section aria-labelledby="embeds-heading">
      <h2 id="embeds-heading">{t('admin.tab.embeds')}</h2>
      <p class="hint">{t('admin.embeds.intro')}</p>
      <div role="status" aria-live="polite">{message && <p>{message}</p>}</div>
      <form class="console-form" onSubmit={add} noValidate>
        <Field id="embed-origin" label={t('admin.embeds.origin')} hint={t('admin.embeds.originHint')} error={errors.origin}>
          {(props) => <input {...props} type="url" required value={origin} onInput={(e) => setOrigin(e.currentTarget.value)} />}
        </Field>
        <Field id="embed-note" label={t('admin.embeds.note')} error={errors.note}>
          {(props) => <input {...props} value={note} maxLength={500} onInput={(e) => setNote(e.currentTarget.value)} />}
        </Field>
        <p><button type="submit" class="button button--primary">{t('admin.embeds.add')}</button></p>
      </form>
      {error ? <LoadError error={error} retry={() => setAttempt((n) => n + 1)} />
        : sites === null ? <p>{t('results.loading')}</p>
        : sites.length === 0 ? <p class="muted">{t('admin.embeds.none')}</p> : (
          <TableFrame label={t('admin.tab.embeds')}>
            <table class="console-table">
              <thead><tr><th scope="col">{t('admin.embeds.origin')}</th><th scope="col">{t('admin.embeds.note')}</th>
                <th scope="col">{t('admin.embeds.since')}</th><th scope="col"><span class="sr-only">{t('admin.embeds.remove')}</span></th></tr></thead>
              <tbody>
                {sites.map((site) => (
                  <tr key={site.id}>
                    <th scope="row">{site.origin}</th>
                    <td>{site.note ?? ''}</td>
                    <td>{f.date(site.created_at)}</td>
                    <td><button type="button" class="button" aria-label={t('admin.embeds.removeFor', { origin: site.origin })}
                      onClick={() => setAsking(site)}>{t('admin.embeds.remove')}</button></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableFrame>
        )}
      <ConfirmDialog id="remove-embed-site" open={asking !== null} title={t('admin.embeds.question', { origin: asking?.origin ?? '' })}
        confirmLabel={t('admin.embeds.remove')} onConfirm={() => asking && void remove(asking)} onCancel={() => setAsking(null)}>
        <p>{t('admin.embeds.warning')}</p>
      </ConfirmDialog>
    </section>
  );
}
