// Outbox (admins): the worker's last heartbeat and the counts, the e-mail the platform sends (queued,
// sent, failed; 25 a page, newest first), one message with why it failed, and "retry" for a failed one.
import { useEffect, useRef, useState } from 'preact/hooks';
import { getJson, postJson } from '../api/client';
import type { components } from '../api/schema';
import { LOCALES, useI18n, type MessageKey } from '../i18n';
import { LoadError } from './LoadError';
import { PageButtons, usePagedList, usePageStatus } from '../console/paging';
import { TableFrame } from '../console/TableFrame';

type Summary = components['schemas']['OutboxSummary'];
type Detail = components['schemas']['OutboxDetail'];
type Status = components['schemas']['WorkerStatus'];
type Filter = '' | 'pending' | 'sent' | 'failed';
const PAGE = 25;
const STATUS_KEYS: Record<'pending' | 'sent' | 'failed', MessageKey> = {
  pending: 'admin.outbox.status.pending', sent: 'admin.outbox.status.sent', failed: 'admin.outbox.status.failed',
};

function statusWord(t: (key: MessageKey) => string, status: string): string {
  return status in STATUS_KEYS ? t(STATUS_KEYS[status as keyof typeof STATUS_KEYS]) : status;
}

function useDateTime(): (value: string | null | undefined) => string {
  const { lang } = useI18n();
  const format = new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'short', timeStyle: 'short' });
  return (value) => (value ? format.format(new Date(value)) : '—');
}

function WorkerCard({ status }: { status: Status | null }) {
  const { t, f } = useI18n();
  const when = useDateTime();
  if (!status) return null;
  const { pending, sent, failed } = status.outbox;
  return (
    <section class="console-card" aria-labelledby="outbox-worker-heading">
      <h3 id="outbox-worker-heading">{t('admin.outbox.worker')}</h3>
      <p>{status.last_heartbeat_at
        ? t('admin.outbox.lastBeat', { time: when(status.last_heartbeat_at), seconds: f.number(Math.round(status.heartbeat_age_seconds ?? 0)) })
        : t('admin.outbox.noWorker')}</p>
      <p>{t('admin.outbox.counts', { pending: f.number(pending), sent: f.number(sent), failed: f.number(failed) })}</p>
    </section>
  );
}

function MessageDetail({ message, onClose }: { message: Detail; onClose: () => void }) {
  const { t } = useI18n();
  const when = useDateTime();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [message.id]);
  return (
    <section class="console-card" aria-labelledby="outbox-detail-heading">
      <h3 id="outbox-detail-heading" ref={heading} tabIndex={-1}>{t('admin.outbox.detail', { id: message.id })}</h3>
      <dl class="console-fields">
        <dt>{t('admin.outbox.subject')}</dt><dd>{message.subject}</dd>
        <dt>{t('admin.outbox.to')}</dt><dd>{message.to_address}</dd>
        <dt>{t('admin.outbox.status')}</dt><dd>{statusWord(t, message.status)}</dd>
        <dt>{t('admin.outbox.attempts')}</dt><dd>{message.attempts}</dd>
        <dt>{t('admin.outbox.created')}</dt><dd>{when(message.created_at)}</dd>
        <dt>{t('admin.outbox.sentAt')}</dt><dd>{when(message.sent_at)}</dd>
        <dt>{t('admin.outbox.template')}</dt><dd>{message.template ?? '—'} {message.language ? `(${message.language})` : ''}</dd>
        <dt>{t('admin.outbox.error')}</dt><dd class="outbox__error">{message.last_error ?? '—'}</dd>
      </dl>
      <h4>{t('admin.outbox.body')}</h4>
      <pre class="outbox__body" tabIndex={0}>{message.body_text}</pre>
      <p><button type="button" class="button" onClick={onClose}>{t('admin.outbox.close')}</button></p>
    </section>
  );
}

function OutboxTable({ items, onShow, onRetry }: { items: Summary[]; onShow: (id: number) => void; onRetry: (id: number) => void }) {
  const { t } = useI18n();
  const when = useDateTime();
  return (
    <TableFrame label={t('admin.tab.outbox')}>
      <table class="console-table">
        <caption class="sr-only">{t('admin.tab.outbox')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.outbox.subject')}</th><th scope="col">{t('admin.outbox.to')}</th>
            <th scope="col">{t('admin.outbox.status')}</th><th scope="col">{t('admin.outbox.attempts')}</th>
            <th scope="col">{t('admin.outbox.created')}</th><th scope="col">{t('admin.outbox.error')}</th>
            <th scope="col">{t('admin.outbox.actions')}</th>
          </tr>
        </thead>
        <tbody>{items.map((m) => (
          <tr key={m.id}>
            <th scope="row">{m.subject}</th>
            <td>{m.to_address}</td>
            <td>{statusWord(t, m.status)}</td>
            <td>{m.attempts}</td>
            <td>{when(m.created_at)}</td>
            <td class="outbox__error">{m.last_error ?? '—'}</td>
            <td class="outbox__actions">
              <button type="button" class="button" aria-label={t('admin.outbox.showNamed', { id: m.id })}
                onClick={() => onShow(m.id)}>{t('admin.outbox.show')}</button>
              {m.status === 'failed' && (
                <button type="button" class="button" aria-label={t('admin.outbox.retryNamed', { id: m.id })}
                  onClick={() => onRetry(m.id)}>{t('admin.outbox.retry')}</button>
              )}
            </td>
          </tr>
        ))}</tbody>
      </table>
    </TableFrame>
  );
}

export function OutboxTab({ token }: { token: string }) {
  const { t } = useI18n();
  const [filter, setFilter] = useState<Filter>('');
  const [message, setMessage] = useState('');
  const [shown, setShown] = useState<Detail | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const list = usePagedList<Summary>(`${token}|${filter}`, (cursor, signal) =>
    getJson('/api/v1/admin/outbox', { query: { limit: PAGE, ...(filter ? { status: filter } : {}), ...(cursor ? { cursor } : {}) }, token, signal })
      .then((page) => ({ items: page.items, next: page.next_cursor })));
  const pageStatus = usePageStatus(list);
  const loadedAt = list.load.status === 'ready' ? list.load.page : null;

  // The worker's status with every (re)load of the list, so the counts match the rows shown.
  useEffect(() => {
    const controller = new AbortController();
    getJson('/api/v1/admin/outbox/status', { token, signal: controller.signal }).then(setStatus, () => setStatus(null));
    return () => controller.abort();
  }, [token, loadedAt]);

  async function show(id: number) {
    try {
      setShown(await getJson('/api/v1/admin/outbox/{message_id}', { path: { message_id: id }, token }));
    } catch {
      setMessage(t('form.error'));
    }
  }

  async function retry(id: number) {
    try {
      const queued = await postJson('/api/v1/admin/outbox/{message_id}/retry', undefined, { path: { message_id: id }, token });
      setMessage(t('admin.outbox.retried', { id }));
      if (shown?.id === id) setShown(queued);
      list.reload();
    } catch {
      setMessage(t('form.error'));
    }
    // The row's button may be gone with the reload: the keyboard carries on from the tab's heading.
    heading.current?.focus();
  }

  return (
    <section aria-labelledby="outbox-heading" class="outbox">
      <h2 id="outbox-heading" ref={heading} tabIndex={-1}>{t('admin.tab.outbox')}</h2>
      {list.load.status === 'error' ? <LoadError error={list.load.error} retry={list.reload} /> : <>
        <WorkerCard status={status} />
        <div class="field">
          <label for="outbox-status">{t('admin.outbox.filter')}</label>
          <select id="outbox-status" value={filter} onChange={(e) => setFilter(e.currentTarget.value as Filter)}>
            <option value="">{t('admin.outbox.all')}</option>
            {(['pending', 'sent', 'failed'] as const).map((s) => <option key={s} value={s}>{t(STATUS_KEYS[s])}</option>)}
          </select>
        </div>
        <div role="status" aria-live="polite">
          {message && <p>{message}</p>}
          <p>{list.load.status === 'loading' ? t('results.loading') : pageStatus}</p>
        </div>
        {list.load.status === 'ready' && <OutboxTable items={list.load.page.items} onShow={(id) => void show(id)} onRetry={(id) => void retry(id)} />}
        <PageButtons list={list} label={t('admin.page.of', { list: t('admin.tab.outbox') })} />
        {shown && <MessageDetail message={shown} onClose={() => { setShown(null); heading.current?.focus(); }} />}
      </>}
    </section>
  );
}
