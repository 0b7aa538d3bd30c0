// The staff console (/admin): a token entry screen (admin or editor tokens only, checked with
// GET /api/v1/me), then tabs. The token stays in sessionStorage.
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import type { components } from '../api/schema';
import { call } from '../member/http';
import { Link } from '../app/Link';
import { navigate, useAppState } from '../app/store';
import type { AdminTab } from '../app/url-state';
import { useI18n, type MessageKey } from '../i18n';
import { ModerationQueue } from './ModerationQueue';
import { setAdminToken, useAdminToken } from './session';
import { StatsDashboard } from './StatsDashboard';
import { TokensTab } from './TokensTab';
import { AuditLog } from './AuditLog';
import { MembersTab } from './MembersTab';
import { ServiceBoard } from './ServiceBoard';
import { ImportsTab } from './ImportsTab';
import './admin.css';

const TAB_LABELS: Record<AdminTab, MessageKey> = {
  moderation: 'admin.tab.moderation', stats: 'admin.tab.stats', members: 'admin.tab.members', requests: 'admin.tab.requests',
  imports: 'admin.tab.imports', tokens: 'admin.tab.tokens', audit: 'admin.tab.audit',
};
const TABS = Object.keys(TAB_LABELS) as AdminTab[];

type WhoAmI = components['schemas']['WhoAmI'];

/** The console's sign-in: GET /api/v1/me checks the token and its role before any tab is shown. */
function TokenForm() {
  const { t } = useI18n();
  const state = useAppState();
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<'unknown' | 'member' | 'integration' | 'other' | null>(null);
  async function submit(event: Event) {
    event.preventDefault();
    const token = value.trim();
    if (!token) return;
    setBusy(true);
    setRefusal(null);
    try {
      const { data } = await call<WhoAmI>('GET', '/api/v1/me', token);
      if (data.token.role === 'admin' || data.token.role === 'editor') setAdminToken(token);
      else setRefusal(data.token.role === 'member' ? 'member' : 'integration');
    } catch (e) {
      setRefusal(e instanceof ApiError && e.status === 401 ? 'unknown' : 'other');
    }
    setBusy(false);
  }
  return (
    <form class="admin-token" onSubmit={submit}>
      <p>{t('admin.tokenIntro')}</p>
      <div class="field">
        <label for="admin-token">{t('admin.tokenLabel')}</label>
        <p id="admin-token-hint" class="hint">{t('admin.tokenHint')}</p>
        <input id="admin-token" type="password" autoComplete="off" spellcheck={false} required
          aria-describedby="admin-token-hint" value={value} onInput={(e) => setValue(e.currentTarget.value)} />
      </div>
      <p><button type="submit" class="button button--primary" disabled={busy}>{t('admin.tokenSubmit')}</button></p>
      <div role="alert">
        {refusal === 'unknown' && <p class="state state--error">{t('admin.unauthorized')}</p>}
        {refusal === 'integration' && <p class="state state--error">{t('admin.notStaffToken')}</p>}
        {refusal === 'member' && <p class="state state--error">{t('admin.memberToken')}{' '}
          <Link state={state} to={(s) => ({ ...s, route: { name: 'member' } })}>{t('member.title')}</Link></p>}
        {refusal === 'other' && <p class="state state--error">{t('results.error')}</p>}
      </div>
    </form>
  );
}

/** What a tab shows when the API refuses the token: 401 (unknown, revoked, expired) or 403 (not allowed). */
export function AuthProblem({ error }: { error: ApiError }) {
  const { t } = useI18n();
  return (
    <div class="state state--error" role="alert">
      <p>{error.status === 403 ? t('admin.forbidden') : t('admin.unauthorized')}</p>
      <button type="button" class="button" onClick={() => setAdminToken(null)}>{t('admin.changeToken')}</button>
    </div>
  );
}

/** The error state of a tab: the token's problem, or a generic failure with a retry. */
export function LoadError({ error, retry }: { error: unknown; retry: () => void }) {
  const { t } = useI18n();
  if (error instanceof ApiError && (error.status === 401 || error.status === 403)) return <AuthProblem error={error} />;
  return (
    <div class="state state--error" role="alert">
      <p>{t('results.error')}</p>
      <button type="button" class="button" onClick={retry}>{t('results.retry')}</button>
    </div>
  );
}

/**
 * The sections: a row of links on a wide screen; on a phone (admin.css) a select instead, because seven
 * tabs would wrap into a wall of links there.
 */
function Sections({ tab }: { tab: AdminTab }) {
  const state = useAppState();
  const { t } = useI18n();
  return (
    <nav class="admin__sections" aria-label={t('admin.tabs')}>
      <div class="admin__tabs">
        {TABS.map((name) => (
          <Link key={name} state={state} to={(s) => ({ ...s, route: { name: 'admin', tab: name } })}
            class="admin__tab" aria-current={name === tab ? 'page' : undefined}>{t(TAB_LABELS[name])}</Link>
        ))}
      </div>
      <div class="field admin__section-select">
        <label for="admin-section">{t('admin.section')}</label>
        <select id="admin-section" value={tab}
          onChange={(e) => { const chosen = e.currentTarget.value as AdminTab; navigate((s) => ({ ...s, route: { name: 'admin', tab: chosen } })); }}>
          {TABS.map((name) => <option key={name} value={name}>{t(TAB_LABELS[name])}</option>)}
        </select>
      </div>
    </nav>
  );
}

export function AdminPage({ tab }: { tab: AdminTab }) {
  const { t } = useI18n();
  const token = useAdminToken();

  useEffect(() => {
    document.title = `${t('admin.title')} · ${t('app.title')}`;
  }, [t]);

  return (
    <main id="main" class="page page--wide admin">
      <div class="admin__head">
        <h1>{t('admin.title')}</h1>
        {token && <button type="button" class="button" onClick={() => setAdminToken(null)}>{t('admin.changeToken')}</button>}
      </div>
      {!token ? <TokenForm /> : <>
        <Sections tab={tab} />
        {tab === 'moderation' && <ModerationQueue token={token} />}
        {tab === 'stats' && <StatsDashboard token={token} />}
        {tab === 'members' && <MembersTab token={token} />}
        {tab === 'requests' && <ServiceBoard token={token} />}
        {tab === 'imports' && <ImportsTab token={token} />}
        {tab === 'tokens' && <TokensTab token={token} />}
        {tab === 'audit' && <AuditLog token={token} />}
      </>}
    </main>
  );
}
