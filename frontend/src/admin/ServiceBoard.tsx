// The service-request board for staff: counts per status (GET …/counts), a status filter, 20 requests a
// page, and per request the transitions the API allows now (triage, start, resolve…), sent with If-Match.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, getJson, postJson } from '../api/client';
import type { components } from '../api/schema';
import { useI18n } from '../i18n';
import { requestEtag, STATUS_LABELS } from '../console/request-states';
import { serviceName, useServices, type Service } from '../console/services';
import { LoadError } from './LoadError';
import { PageButtons, usePagedList, usePageStatus } from '../console/paging';

type Request = components['schemas']['ServiceRequestOut'];
type Status = components['schemas']['RequestStatus'];
const PAGE = 20;

function RequestCard({ request: r, service, reason, onMove, onReason }: {
  request: Request; service: Service | undefined; reason: string; onMove: (to: Status) => void; onReason: (value: string) => void;
}) {
  const { t, f, lang } = useI18n();
  return (
    <article class="console-card" aria-labelledby={`board-${r.id}`}>
      <h3 id={`board-${r.id}`}>{r.title}</h3>
      <p class="muted">{r.organisation_name} · {serviceName(service, lang, r.service)} · {f.date(r.created_at)} · <span class="badge">{t(STATUS_LABELS[r.status])}</span></p>
      <p>{r.description}</p>
      <div class="console-card__actions">
        {r.allowed_transitions.map((to) => (
          <button key={to} type="button" class="button" onClick={() => onMove(to)}>{t('sr.moveTo', { status: t(STATUS_LABELS[to]) })}</button>
        ))}
      </div>
      {r.allowed_transitions.includes('rejected') && (
        <div class="field">
          <label for={`board-reason-${r.id}`}>{t('admin.mod.reason')}</label>
          <input id={`board-reason-${r.id}`} value={reason} onInput={(e) => onReason(e.currentTarget.value)} />
        </div>
      )}
    </article>
  );
}

export function ServiceBoard({ token }: { token: string }) {
  const { t, f } = useI18n();
  const [status, setStatus] = useState<Status | ''>('');
  const [counts, setCounts] = useState<Record<string, number>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [reasons, setReasons] = useState<Record<number, string>>({});
  const services = useServices(token, true);
  const list = usePagedList<Request>(`${token}|${status}`, (cursor, signal) =>
    getJson('/api/v1/service-requests', {
      query: { limit: PAGE, ...(status ? { status: [status] } : {}), ...(cursor ? { cursor } : {}) }, token, signal,
    }).then((page) => ({ items: page.items, next: page.next_cursor })));
  const pageStatus = usePageStatus(list);
  // The counts follow every change of the list (a move, a reload), not its pages.
  const [moves, setMoves] = useState(0);
  useEffect(() => {
    getJson('/api/v1/service-requests/counts', { token }).then((data) => setCounts(data ?? {}), () => setCounts({}));
  }, [token, moves]);

  async function move(request: Request, to: Status) {
    setMessage(null);
    try {
      const body: { to: Status; reason?: string } = { to };
      if (to === 'rejected') {
        const reason = (reasons[request.id] ?? '').trim();
        if (!reason) {
          setMessage(t('admin.board.needReason'));
          return;
        }
        body.reason = reason;
      }
      await postJson('/api/v1/service-requests/{request_id}/transitions', body, { path: { request_id: request.id }, token, ifMatch: await requestEtag(request, token) });
      setMessage(t('admin.board.moved', { title: request.title, status: t(STATUS_LABELS[to]) }));
    } catch (e) {
      setMessage(e instanceof ApiError && e.status === 412 ? t('member.conflict') : t('form.error'));
    }
    list.reload();
    setMoves((n) => n + 1);
  }

  return (
    <section aria-labelledby="board-heading">
      <h2 id="board-heading">{t('admin.tab.requests')}</h2>
      <dl class="stats-totals">
        {(Object.keys(STATUS_LABELS) as Status[]).map((s) => (
          <div key={s}><dt>{t(STATUS_LABELS[s])}</dt><dd>{f.number(counts[s] ?? 0)}</dd></div>
        ))}
      </dl>
      <div class="console-filters">
        <div class="field">
          <label for="board-status">{t('inq.status')}</label>
          <select id="board-status" value={status} onChange={(e) => setStatus(e.currentTarget.value as Status | '')}>
            <option value="">{t('filters.any')}</option>
            {(Object.keys(STATUS_LABELS) as Status[]).map((s) => <option key={s} value={s}>{t(STATUS_LABELS[s])}</option>)}
          </select>
        </div>
      </div>
      <div role="status" aria-live="polite">
        {message && <p>{message}</p>}
        <p>{list.load.status === 'loading' ? t('results.loading') : pageStatus}</p>
      </div>
      {list.load.status === 'error' ? <LoadError error={list.load.error} retry={list.reload} /> : <>
        {list.load.status === 'ready' && (list.load.page.items.length === 0 ? <p class="muted">{t('sr.none')}</p>
          : list.load.page.items.map((r) => (
            <RequestCard key={r.id} request={r} service={services.find((x) => x.code === r.service)} reason={reasons[r.id] ?? ''} onMove={(to) => void move(r, to)}
              onReason={(value) => setReasons((all) => ({ ...all, [r.id]: value }))} />
          )))}
        <PageButtons list={list} label={t('admin.page.of', { list: t('admin.tab.requests') })} />
      </>}
    </section>
  );
}
