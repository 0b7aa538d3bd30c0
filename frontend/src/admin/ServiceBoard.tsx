// The service-request board for staff: counts per status (GET …/counts), a status filter, 20 requests a
// page, and per request the transitions the API allows now (triage, start, resolve…) and its assignee,
// priority and due date (PATCH), each sent with If-Match.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, getJson, patchJson, postJson } from '../api/client';
import type { components } from '../api/schema';
import { useI18n } from '../i18n';
import { requestEtag, STATUS_LABELS, type Priority } from '../console/request-states';
import { serviceName, useServices, type Service } from '../console/services';
import { LoadError } from './LoadError';
import { PageButtons, usePagedList, usePageStatus } from '../console/paging';

type Request = components['schemas']['ServiceRequestOut'];
type Status = components['schemas']['RequestStatus'];
type Staff = { id: number; name: string };
type Plan = { assignee_token_id: number | null; priority: Priority; due_date: string | null };
const PAGE = 20;
const PRIORITIES: Priority[] = ['low', 'normal', 'high', 'urgent'];

/**
 * Who can be assigned: every live admin and editor token for an admin (GET /admin/tokens), only oneself for
 * an editor (that list is an admin's); a request already assigned to someone else keeps that name.
 */
function useStaff(token: string): Staff[] {
  const [staff, setStaff] = useState<Staff[]>([]);
  useEffect(() => {
    getJson('/api/v1/admin/tokens', { query: { role: ['admin', 'editor'], limit: 200 }, token })
      .then((page) => setStaff(page.items.map((x) => ({ id: x.id, name: x.name }))))
      .catch(() => getJson('/api/v1/me', { token }).then((me) => setStaff([{ id: me.token.id, name: me.token.name }]), () => setStaff([])));
  }, [token]);
  return staff;
}

/** Assignee, priority and due date of one request, saved together. */
function PlanForm({ request: r, staff, onSave }: { request: Request; staff: Staff[]; onSave: (plan: Plan) => void }) {
  const { t } = useI18n();
  const [plan, setPlan] = useState<Plan>({ assignee_token_id: r.assignee_token_id, priority: r.priority, due_date: r.due_date });
  const known = r.assignee_token_id === null || staff.some((s) => s.id === r.assignee_token_id);
  const id = (name: string) => `board-${name}-${r.id}`;
  return (
    <form class="console-form" onSubmit={(e) => { e.preventDefault(); onSave(plan); }}>
      <div class="field">
        <label for={id('assignee')}>{t('admin.board.assignee')}</label>
        <select id={id('assignee')} value={plan.assignee_token_id ?? ''}
          onChange={(e) => setPlan({ ...plan, assignee_token_id: e.currentTarget.value ? Number(e.currentTarget.value) : null })}>
          <option value="">{t('admin.board.nobody')}</option>
          {!known && <option value={r.assignee_token_id!}>#{r.assignee_token_id}</option>}
          {staff.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </select>
      </div>
      <div class="field">
        <label for={id('priority')}>{t('admin.board.priority')}</label>
        <select id={id('priority')} value={plan.priority} onChange={(e) => setPlan({ ...plan, priority: e.currentTarget.value as Priority })}>
          {PRIORITIES.map((p) => <option key={p} value={p}>{t(`admin.priority.${p}`)}</option>)}
        </select>
      </div>
      <div class="field">
        <label for={id('due')}>{t('admin.board.due')}</label>
        <input id={id('due')} type="date" value={plan.due_date ?? ''} onInput={(e) => setPlan({ ...plan, due_date: e.currentTarget.value || null })} />
      </div>
      <p><button type="submit" class="button">{t('admin.board.savePlan', { title: r.title })}</button></p>
    </form>
  );
}

function RequestCard({ request: r, service, reason, staff, onMove, onReason, onPlan }: {
  request: Request; service: Service | undefined; reason: string; staff: Staff[]; onMove: (to: Status) => void;
  onReason: (value: string) => void; onPlan: (plan: Plan) => void;
}) {
  const { t, f, lang } = useI18n();
  return (
    <article class="console-card" aria-labelledby={`board-${r.id}`}>
      <h3 id={`board-${r.id}`}>{r.title}</h3>
      <p class="muted">{r.organisation_name} · {serviceName(service, lang, r.service)} · {f.date(r.created_at)} · <span class="badge">{t(STATUS_LABELS[r.status])}</span>
        {r.overdue && <> · <strong>{t('admin.board.overdue')}</strong></>}</p>
      <p>{r.description}</p>
      <div class="console-card__actions">
        {r.allowed_transitions.map((to) => (
          <button key={to} type="button" class="button" onClick={() => onMove(to)}>{t('sr.moveTo', { status: t(STATUS_LABELS[to]) })}</button>
        ))}
      </div>
      <PlanForm key={r.version} request={r} staff={staff} onSave={onPlan} />
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
  const staff = useStaff(token);
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

  async function plan(request: Request, body: Plan) {
    setMessage(null);
    try {
      await patchJson('/api/v1/service-requests/{request_id}', body,
        { path: { request_id: request.id }, token, ifMatch: await requestEtag(request, token) });
      setMessage(t('admin.board.planned', { title: request.title }));
    } catch (e) {
      setMessage(e instanceof ApiError && e.status === 412 ? t('member.conflict') : e instanceof ApiError && e.errors.length
        ? e.errors.map((x) => x.detail).join(' ') : t('form.error'));
    }
    list.reload();
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
            <RequestCard key={r.id} request={r} service={services.find((x) => x.code === r.service)} reason={reasons[r.id] ?? ''} staff={staff} onMove={(to) => void move(r, to)} onPlan={(p) => void plan(r, p)}
              onReason={(value) => setReasons((all) => ({ ...all, [r.id]: value }))} />
          )))}
        <PageButtons list={list} label={t('admin.page.of', { list: t('admin.tab.requests') })} />
      </>}
    </section>
  );
}
