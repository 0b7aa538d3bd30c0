// The staff console (/admin): a token entry screen (admin or editor tokens only, checked with
// GET /api/v1/me), then tabs. The token stays in sessionStorage.
import { useEffect } from 'preact/hooks';
import { ApiError } from '../api/client';
import { TokenSignIn, type WhoAmI } from '../forms/TokenSignIn';
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
import { ImpactQueue } from './ImpactQueue';
import { ServiceBoard } from './ServiceBoard';
import { ImportsTab } from './ImportsTab';
import { OutboxTab } from './OutboxTab';
import { FundingTab } from './FundingTab';
import './admin.css';

const TAB_LABELS: Record<AdminTab, MessageKey> = {
  moderation: 'admin.tab.moderation', stats: 'admin.tab.stats', members: 'admin.tab.members', requests: 'admin.tab.requests',
  imports: 'admin.tab.imports', tokens: 'admin.tab.tokens', audit: 'admin.tab.audit', outbox: 'admin.tab.outbox',
  funding: 'admin.tab.funding',
};
const TABS = Object.keys(TAB_LABELS) as AdminTab[];

/** The console's sign-in: only admin and editor tokens are kept (GET /api/v1/me says which a token is). */
function TokenForm() {
  const { t } = useI18n();
  const state = useAppState();
  function accept(me: WhoAmI, token: string) {
    if (me.token.role === 'admin' || me.token.role === 'editor') {
      setAdminToken(token);
      return null;
    }
    if (me.token.role !== 'member') return t('admin.notStaffToken');
    return <>{t('admin.memberToken')} <Link state={state} to={(s) => ({ ...s, route: { name: 'member' } })}>{t('member.title')}</Link></>;
  }
  return <TokenSignIn id="admin-token" intro={t('admin.tokenIntro')} accept={accept} />;
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
        {tab === 'members' && <><MembersTab token={token} /><ImpactQueue token={token} /></>}
        {tab === 'requests' && <ServiceBoard token={token} />}
        {tab === 'imports' && <ImportsTab token={token} />}
        {tab === 'tokens' && <TokensTab token={token} />}
        {tab === 'audit' && <AuditLog token={token} />}
        {tab === 'outbox' && <OutboxTab token={token} />}
        {tab === 'funding' && <FundingTab token={token} />}
      </>}
    </main>
  );
}
