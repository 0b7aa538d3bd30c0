// The audit log (admins): newest first, filtered by entity, entity id, actor token and time, paged
// with the API's cursor (a stack of cursors lets "previous" go back).
import { useEffect, useState } from 'preact/hooks';
import { getJson, type QueryOf } from '../api/client';
import type { components } from '../api/schema';
import { LOCALES, useI18n } from '../i18n';
import { LoadError } from './AdminPage';

type Entry = components['schemas']['AuditEntryOut'];
type Query = QueryOf<'/api/v1/admin/audit'>;
type Load = { status: 'loading' } | { status: 'ready'; items: Entry[]; next: string | null } | { status: 'error'; error: unknown };
const PAGE = 25;
const ENTITIES = ['organisation', 'offering', 'membership', 'submission', 'claim', 'api_token', 'service_request', 'support_service',
  'inquiry', 'match', 'subscription', 'embed_site', 'import_run', 'reminders'];

interface Filters { entity: string; entityId: string; actor: string; from: string; to: string }
const NO_FILTERS: Filters = { entity: '', entityId: '', actor: '', from: '', to: '' };

function toQuery(filters: Filters, cursor: string | null): Query {
  const query: Query = { limit: PAGE };
  if (filters.entity) query.entity = filters.entity;
  if (filters.entityId.trim()) query.entity_id = filters.entityId.trim();
  if (/^\d+$/.test(filters.actor.trim())) query.actor = Number(filters.actor.trim());
  if (filters.from) query.from = new Date(filters.from).toISOString();
  if (filters.to) query.to = new Date(filters.to).toISOString();
  if (cursor) query.cursor = cursor;
  return query;
}

function changesText(changes: Entry['changes']): string {
  return Object.entries(changes).map(([field, change]) => {
    const c = change as { before?: unknown; after?: unknown } | null;
    return c && typeof c === 'object' && ('before' in c || 'after' in c)
      ? `${field}: ${JSON.stringify(c.before ?? null)} → ${JSON.stringify(c.after ?? null)}`
      : `${field}: ${JSON.stringify(change)}`;
  }).join('; ');
}

export function AuditLog({ token }: { token: string }) {
  const { t, lang } = useI18n();
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const cursor = cursors[cursors.length - 1] ?? null;

  useEffect(() => {
    const controller = new AbortController();
    setLoad({ status: 'loading' });
    getJson('/api/v1/admin/audit', { query: toQuery(filters, cursor), token, signal: controller.signal })
      .then((page) => setLoad({ status: 'ready', items: page.items, next: page.next_cursor }))
      .catch((error: unknown) => { if (!controller.signal.aborted) setLoad({ status: 'error', error }); });
    return () => controller.abort();
  }, [token, filters, cursor, attempt]);

  const time = new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'medium', timeStyle: 'medium' });
  const set = (key: keyof Filters) => (e: Event) => setDraft({ ...draft, [key]: (e.currentTarget as HTMLInputElement).value });

  return (
    <section aria-labelledby="audit-heading">
      <h2 id="audit-heading">{t('admin.tab.audit')}</h2>
      <form class="admin-filters" onSubmit={(e) => { e.preventDefault(); setFilters(draft); setCursors([null]); }}>
        <div class="field">
          <label for="audit-entity">{t('admin.audit.entity')}</label>
          <select id="audit-entity" value={draft.entity} onChange={set('entity')}>
            <option value="">{t('filters.any')}</option>
            {ENTITIES.map((e) => <option key={e} value={e}>{e}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="audit-entity-id">{t('admin.audit.entityId')}</label>
          <input id="audit-entity-id" value={draft.entityId} onInput={set('entityId')} />
        </div>
        <div class="field">
          <label for="audit-actor">{t('admin.audit.actor')}</label>
          <input id="audit-actor" inputMode="numeric" value={draft.actor} onInput={set('actor')} />
        </div>
        <div class="field">
          <label for="audit-from">{t('admin.audit.from')}</label>
          <input id="audit-from" type="datetime-local" value={draft.from} onInput={set('from')} />
        </div>
        <div class="field">
          <label for="audit-to">{t('admin.audit.to')}</label>
          <input id="audit-to" type="datetime-local" value={draft.to} onInput={set('to')} />
        </div>
        <p class="button-row">
          <button type="submit" class="button button--primary">{t('admin.audit.apply')}</button>
          <button type="button" class="button" onClick={() => { setDraft(NO_FILTERS); setFilters(NO_FILTERS); setCursors([null]); }}>
            {t('filters.clear')}
          </button>
        </p>
      </form>
      <p role="status" aria-live="polite">
        {load.status === 'loading' ? t('results.loading')
          : load.status === 'ready' ? t('admin.audit.page', { page: cursors.length, count: load.items.length }) : ''}
      </p>
      {load.status === 'error' && <LoadError error={load.error} retry={() => setAttempt((n) => n + 1)} />}
      {load.status === 'ready' && <>
        <div class="admin-table-wrap">
          <table class="admin-table">
            <caption class="sr-only">{t('admin.tab.audit')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.audit.when')}</th><th scope="col">{t('admin.audit.who')}</th>
                <th scope="col">{t('admin.audit.entity')}</th><th scope="col">{t('admin.audit.entityId')}</th>
                <th scope="col">{t('admin.audit.action')}</th><th scope="col">{t('admin.audit.changes')}</th>
              </tr>
            </thead>
            <tbody>
              {load.items.map((entry) => (
                <tr key={entry.id}>
                  <td>{time.format(new Date(entry.occurred_at))}</td>
                  <td>{entry.actor}</td>
                  <td>{entry.entity}</td>
                  <td>{entry.entity_id}</td>
                  <td>{entry.action}</td>
                  <td class="admin-table__changes">{changesText(entry.changes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p class="button-row">
          <button type="button" class="button" disabled={cursors.length < 2} onClick={() => setCursors(cursors.slice(0, -1))}>
            {t('admin.audit.previous')}
          </button>
          <button type="button" class="button" disabled={!load.next} onClick={() => load.next && setCursors([...cursors, load.next])}>
            {t('admin.audit.next')}
          </button>
        </p>
      </>}
    </section>
  );
}
