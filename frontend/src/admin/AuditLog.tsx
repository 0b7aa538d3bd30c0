// The audit log (admins): newest first, filtered by entity, entity id, actor token and time, 25 a page
// (usePagedList), each entry in words: who, which entity, what action, and each field's before → after.
import { useState } from 'preact/hooks';
import { getJson, type QueryOf } from '../api/client';
import type { components } from '../api/schema';
import { LOCALES, useI18n } from '../i18n';
import { LoadError } from './LoadError';
import { useNaceTitles } from './nace-titles';
import { PageButtons, usePagedList, usePageStatus } from '../console/paging';
import { actionLabel, actorLabel, AUDIT_ENTITIES, changeRows, entityLabel } from './words';
import { TableFrame } from '../console/TableFrame';

type Entry = components['schemas']['AuditEntryOut'];
type Query = QueryOf<'/api/v1/admin/audit'>;
const PAGE = 25;

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

function Changes({ entry }: { entry: Entry }) {
  const i18n = useI18n();
  const rows = changeRows(i18n, entry.entity, entry.changes);
  if (!rows.length) return <>—</>;
  return (
    <ul class="admin-changes">
      {rows.map((row, i) => (
        <li key={i}>
          <span class="admin-changes__field">{row.field}</span>: {row.before !== null && <>
            <del>{row.before}</del> <span aria-hidden="true">→</span><span class="sr-only">{i18n.t('admin.audit.becomes')}</span>{' '}
          </>}<ins>{row.after}</ins>
        </li>
      ))}
    </ul>
  );
}

export function AuditLog({ token }: { token: string }) {
  useNaceTitles();
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const list = usePagedList<Entry>(`${token}|${JSON.stringify(filters)}`, (cursor, signal) =>
    getJson('/api/v1/admin/audit', { query: toQuery(filters, cursor), token, signal })
      .then((page) => ({ items: page.items, next: page.next_cursor })));
  const status = usePageStatus(list);

  const time = new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'medium', timeStyle: 'medium' });
  const set = (key: keyof Filters) => (e: Event) => setDraft({ ...draft, [key]: (e.currentTarget as HTMLInputElement).value });

  return (
    <section aria-labelledby="audit-heading">
      <h2 id="audit-heading">{t('admin.tab.audit')}</h2>
      <form class="console-filters" onSubmit={(e) => { e.preventDefault(); setFilters(draft); }}>
        <div class="field">
          <label for="audit-entity">{t('admin.audit.entity')}</label>
          <select id="audit-entity" value={draft.entity} onChange={set('entity')}>
            <option value="">{t('filters.any')}</option>
            {AUDIT_ENTITIES.map((e) => <option key={e} value={e}>{entityLabel(i18n, e)}</option>)}
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
          <button type="button" class="button" onClick={() => { setDraft(NO_FILTERS); setFilters(NO_FILTERS); }}>
            {t('filters.clear')}
          </button>
        </p>
      </form>
      <p role="status" aria-live="polite">{list.load.status === 'loading' ? t('results.loading') : status}</p>
      {list.load.status === 'error' && <LoadError error={list.load.error} retry={list.reload} />}
      {list.load.status === 'ready' && (
        <TableFrame label={t('admin.tab.audit')}>
          <table class="console-table">
            <caption class="sr-only">{t('admin.tab.audit')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.audit.when')}</th><th scope="col">{t('admin.audit.who')}</th>
                <th scope="col">{t('admin.audit.entity')}</th><th scope="col">{t('admin.audit.which')}</th>
                <th scope="col">{t('admin.audit.action')}</th><th scope="col">{t('admin.audit.changes')}</th>
              </tr>
            </thead>
            <tbody>
              {list.load.page.items.map((entry) => (
                <tr key={entry.id} data-entity={entry.entity} data-action={entry.action}>
                  <td>{time.format(new Date(entry.occurred_at))}</td>
                  <td>{actorLabel(i18n, entry.actor)}</td>
                  <td>{entityLabel(i18n, entry.entity)}</td>
                  <td>{entry.entity_name ? <>{entry.entity_name} <span class="muted">({entry.entity_id})</span></> : entry.entity_id}</td>
                  <td>{actionLabel(i18n, entry.action)}</td>
                  <td class="console-table__changes"><Changes entry={entry} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableFrame>
      )}
      {list.load.status !== 'error' && <PageButtons list={list} label={t('admin.page.of', { list: t('admin.tab.audit') })} />}
    </section>
  );
}
