// The staff console (/admin): a token entry screen (admin or editor tokens only, checked with
// GET /api/v1/me), then tabs. The token stays in sessionStorage.
import { TokenSignIn, type WhoAmI } from '../console/TokenSignIn';
import { Link } from '../app/Link';
import { navigate, useAppState } from '../app/store';
import { ADMIN_TABS, type AdminTab } from '../app/url-state';
import { useI18n, type MessageKey } from '../i18n';
import { ModerationQueue } from './ModerationQueue';
import { setAdminToken, useAdminToken } from './session';
import { StatsDashboard } from './StatsDashboard';
import { TokensTab } from './TokensTab';
import { AuditLog } from './AuditLog';
import { MembersTab } from './MembersTab';
import { ImpactQueue } from './ImpactQueue';
import { ReservedQueue } from './ReservedQueue';
import { ServiceBoard } from './ServiceBoard';
import { ImportsTab } from './ImportsTab';
import { OutboxTab } from './OutboxTab';
import { ClaimsQueue } from './ClaimsQueue';
import { DuplicatesTab } from './DuplicatesTab';
import { EmbedSitesTab } from './EmbedSitesTab';
import { EnterprisesTab } from './EnterprisesTab';
import { FundingTab } from './FundingTab';
import { ConsolePage } from '../console/ConsolePage';
import './admin.css';

const TAB_LABELS: Record<AdminTab, MessageKey> = {
  moderation: 'admin.tab.moderation', claims: 'admin.tab.claims', duplicates: 'admin.tab.duplicates',
  enterprises: 'admin.tab.enterprises', stats: 'admin.tab.stats',
  members: 'admin.tab.members', requests: 'admin.tab.requests', embeds: 'admin.tab.embeds', imports: 'admin.tab.imports',
  tokens: 'admin.tab.tokens', audit: 'admin.tab.audit', outbox: 'admin.tab.outbox', funding: 'admin.tab.funding',
};
const TABS = ADMIN_TABS;

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

/**
 * The sections: a row of links on a wide screen; on a phone (admin.css) a select instead, because seven
 * tabs would wrap into a wall of links there.
 */
function Sections({ tab }: { tab: AdminTab }) {
  const state = useAppState();
  const { t } = useI18n();
  return (
    <nav class="console__sections" aria-label={t('admin.tabs')}>
      <div class="console__tabs">
        {TABS.map((name) => (
          <Link key={name} state={state} to={(s) => ({ ...s, route: { name: 'admin', tab: name } })}
            class="console__tab" aria-current={name === tab ? 'page' : undefined}>{t(TAB_LABELS[name])}</Link>
        ))}
      </div>
      <div class="field console__section-select">
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
  return (
    <ConsolePage area="admin" title={t('admin.title')} onSignOut={token ? () => setAdminToken(null) : null}>
      {!token ? <TokenForm /> : <>
        <Sections tab={tab} />
        {tab === 'moderation' && <ModerationQueue token={token} />}
        {tab === 'claims' && <ClaimsQueue token={token} />}
        {tab === 'duplicates' && <DuplicatesTab token={token} />}
        {tab === 'embeds' && <EmbedSitesTab token={token} />}
        {tab === 'enterprises' && <EnterprisesTab token={token} />}
        {tab === 'stats' && <StatsDashboard token={token} />}
        {tab === 'members' && <><MembersTab token={token} /><ImpactQueue token={token} /><ReservedQueue token={token} /></>}
        {tab === 'requests' && <ServiceBoard token={token} />}
        {tab === 'imports' && <ImportsTab token={token} />}
        {tab === 'tokens' && <TokensTab token={token} />}
        {tab === 'audit' && <AuditLog token={token} />}
        {tab === 'outbox' && <OutboxTab token={token} />}
        {tab === 'funding' && <FundingTab token={token} />}
      </>}
    </ConsolePage>
  );
}
