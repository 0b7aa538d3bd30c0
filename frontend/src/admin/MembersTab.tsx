// The cluster's members (GET /api/v1/members, 50 a page) with filters by country, role and status, and
// "end the membership" after a confirmation (PATCH status=ended with If-Match; the row stays as history).
import { useState } from 'preact/hooks';
import { ApiError, currentEtag, getJson, patchJson, type QueryOf } from '../api/client';
import type { components } from '../api/schema';
import { useI18n } from '../i18n';
import { Link } from '../app/Link';
import { useAppState } from '../app/store';
import { LoadError } from './LoadError';
import { ConfirmDialog } from '../console/ConfirmDialog';
import { PageButtons, usePagedList, usePageStatus } from '../console/paging';
import { TableFrame } from '../console/TableFrame';
import { AddMember } from './AddMember';
import { ROLES, STATUSES } from './member-words';

type Member = components['schemas']['MemberOut'];
type Role = components['schemas']['MembershipRole'];
type Status = components['schemas']['MembershipStatus'];
type Query = QueryOf<'/api/v1/members'>;
interface Filters { country: string; role: string; status: string }
const PAGE = 50;

function toQuery(filters: Filters, cursor: string | null): Query {
  const query: Query = { limit: PAGE };
  if (filters.country) query.country = [filters.country as NonNullable<Query['country']>[number]];
  if (filters.role) query.role = [filters.role as Role];
  if (filters.status) query.status = [filters.status as Status];
  if (cursor) query.cursor = cursor;
  return query;
}

function MemberTable({ items, onEnd }: { items: Member[]; onEnd: (member: Member) => void }) {
  const { t, f, code } = useI18n();
  const state = useAppState();
  return (
    <TableFrame label={t('admin.tab.members')}><table class="console-table">
      <thead><tr>
        <th scope="col">{t('member.field.name')}</th><th scope="col">{t('filters.country')}</th>
        <th scope="col">{t('admin.members.role')}</th><th scope="col">{t('inq.status')}</th>
        <th scope="col">{t('admin.members.joined')}</th><th scope="col"><span class="sr-only">{t('admin.members.actions')}</span></th>
      </tr></thead>
      <tbody>
        {items.map((m) => (
          <tr key={m.membership.id}>
            <td><Link state={state} to={(st) => ({ ...st, route: { name: 'enterprise', slug: m.slug } })}>{m.name}</Link></td>
            <td>{code('country', m.country)}</td>
            <td>{m.membership.role in ROLES ? t(ROLES[m.membership.role as Role]) : m.membership.role}</td>
            <td>{m.membership.status in STATUSES ? t(STATUSES[m.membership.status as Status]) : m.membership.status}</td>
            <td>{f.date(m.membership.joined_on)}</td>
            <td>{m.membership.status !== 'ended' && (
              <button type="button" class="button" onClick={() => onEnd(m)}
                aria-label={t('admin.members.endFor', { name: m.name })}>{t('admin.members.end')}</button>
            )}</td>
          </tr>
        ))}
      </tbody>
    </table></TableFrame>
  );
}

export function MembersTab({ token }: { token: string }) {
  const { t, code } = useI18n();
  const [filters, setFilters] = useState<Filters>({ country: '', role: '', status: 'active' });
  const [total, setTotal] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const [asking, setAsking] = useState<Member | null>(null);
  const list = usePagedList<Member>(`${token}|${JSON.stringify(filters)}`, (cursor, signal) =>
    getJson('/api/v1/members', { query: toQuery(filters, cursor), token, signal }).then((page) => {
      setTotal(page.total);
      return { items: page.items, next: page.next_cursor };
    }));
  const status = usePageStatus(list);

  async function end(member: Member) {
    setAsking(null);
    setMessage(null);
    const m = member.membership;
    try {
      const path = { membership_id: m.id };
      const ifMatch = await currentEtag('/api/v1/members/{membership_id}', { path, token }, (now) => now.membership.version === m.version);
      await patchJson('/api/v1/members/{membership_id}', { status: 'ended' }, { path, token, ifMatch });
      setMessage(t('admin.members.ended', { name: member.name }));
      list.reload();
    } catch (e) {
      setMessage(e instanceof ApiError && e.status === 412 ? t('member.conflict') : t('form.error'));
    }
  }

  const select = (key: keyof typeof filters, label: string, options: [string, string][]) => (
    <div class="field">
      <label for={`members-${key}`}>{label}</label>
      <select id={`members-${key}`} value={filters[key]} onChange={(e) => setFilters({ ...filters, [key]: e.currentTarget.value })}>
        <option value="">{t('filters.any')}</option>
        {options.map(([value, text]) => <option key={value} value={value}>{text}</option>)}
      </select>
    </div>
  );

  return (
    <section aria-labelledby="members-heading">
      <h2 id="members-heading">{t('admin.tab.members')}</h2>
      <AddMember token={token} onAdded={(name) => { setMessage(t('admin.members.added', { name })); list.reload(); }} />
      <div class="console-filters">
        {select('country', t('filters.country'), ['RO', 'MD', 'UA'].map((c) => [c, code('country', c)]))}
        {select('role', t('admin.members.role'), (Object.keys(ROLES) as Role[]).map((r) => [r, t(ROLES[r])]))}
        {select('status', t('inq.status'), (Object.keys(STATUSES) as Status[]).map((s) => [s, t(STATUSES[s])]))}
      </div>
      <div role="status" aria-live="polite">
        {message && <p>{message}</p>}
        {list.load.status === 'loading' && <p>{t('results.loading')}</p>}
        {list.load.status === 'ready' && <p>{t('admin.members.count', { count: total })} · {status}</p>}
      </div>
      {list.load.status === 'error' ? <LoadError error={list.load.error} retry={list.reload} /> : <>
        {list.load.status === 'ready' && <MemberTable items={list.load.page.items} onEnd={setAsking} />}
        <PageButtons list={list} label={t('admin.page.of', { list: t('admin.tab.members') })} />
        <ConfirmDialog id="end-membership" open={asking !== null} title={t('admin.members.endQuestion', { name: asking?.name ?? '' })}
          confirmLabel={t('admin.members.endConfirm')} onConfirm={() => asking && void end(asking)} onCancel={() => setAsking(null)}>
          <p>{t('admin.members.endWarning')}</p>
        </ConfirmDialog>
      </>}
    </section>
  );
}
