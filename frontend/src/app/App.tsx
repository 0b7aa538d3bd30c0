import { useEffect } from 'preact/hooks';
import { useAdminToken } from '../admin/session';
import { DetailPanel } from '../enterprise/DetailPanel';
import { MAIN_CLUSTER } from '../cluster/ask';
import { SubscribeSection } from '../participate/SubscribeSection';
import { LOCALES, useI18n } from '../i18n';
import { MapPanel } from '../map/MapPanel';
import { AroundBar } from '../search/AroundBar';
import { FilterPanel } from '../search/FilterPanel';
import { ResultList } from '../search/ResultList';
import { SearchBox } from '../search/SearchBox';
import { lazyPage } from './lazy';
import { LanguageSwitch } from './LanguageSwitch';
import { Link, toMap } from './Link';
import { useAppState } from './store';
import { EMPTY_FILTERS } from './url-state';

// Every screen but the map loads when first shown, so that a first visit of the map downloads none of them.
const AdminPage = lazyPage(() => import('../admin/AdminPage').then((m) => m.AdminPage));
const MatchPage = lazyPage(() => import('../match/MatchPage').then((m) => m.MatchPage));
const MemberPage = lazyPage(() => import('../member/MemberPage').then((m) => m.MemberPage));
const EnterprisePage = lazyPage(() => import('../enterprise/EnterprisePage').then((m) => m.EnterprisePage));
const ClusterPage = lazyPage(() => import('../cluster/ClusterPage').then((m) => m.ClusterPage));
const EmbedCodePage = lazyPage(() => import('../embed/EmbedCodePage').then((m) => m.EmbedCodePage));
const OpenDataPage = lazyPage(() => import('../open-data/OpenDataPage').then((m) => m.OpenDataPage));
const ConfirmPage = lazyPage(() => import('../trust/ConfirmPage').then((m) => m.ConfirmPage));
const SavedNeedLink = lazyPage(() => import('../saved-needs/SavedNeedLink').then((m) => m.SavedNeedLink));
const AddEnterprisePage = lazyPage(() => import('../participate/AddEnterprisePage').then((m) => m.AddEnterprisePage));
const PrivacyPage = lazyPage(() => import('../participate/PrivacyPage').then((m) => m.PrivacyPage));
const TendersPage = lazyPage(() => import('../tenders/TendersPage').then((m) => m.TendersPage));
const TenderPage = lazyPage(() => import('../tenders/TendersPage').then((m) => m.TenderPage));

function Header() {
  const state = useAppState();
  const { t } = useI18n();
  const adminToken = useAdminToken();
  const home = (s: typeof state) => ({ ...toMap(s), filters: EMPTY_FILTERS, selected: null, around: null, view: null });
  return (
    <header class="app-header">
      <a class="skip-link" href={state.route.name === 'map' ? '#results-heading' : '#main'}>{t('app.skipToResults')}</a>
      <div class="app-header__title">
        <Link state={state} to={home} class="brand">{t('app.title')}</Link>
        <span class="app-header__tagline">{t('app.tagline')}</span>
      </div>
      <nav class="app-header__nav" aria-label={t('app.nav')}>
        <Link state={state} to={(s) => ({ ...s, route: { name: 'cluster', slug: MAIN_CLUSTER } })}
          aria-current={state.route.name === 'cluster' ? 'page' : undefined}>{t('cluster.navLink')}</Link>
        <Link state={state} to={(s) => ({ ...s, route: { name: 'add-enterprise' } })}
          aria-current={state.route.name === 'add-enterprise' ? 'page' : undefined}>{t('participate.navLink')}</Link>
        <Link state={state} to={(s) => ({ ...s, route: { name: 'match', id: null } })}
          aria-current={state.route.name === 'match' ? 'page' : undefined}>{t('match.navLink')}</Link>
        <Link state={state} to={(s) => ({ ...s, route: { name: 'tenders' } })}
          aria-current={state.route.name === 'tenders' || state.route.name === 'tender' ? 'page' : undefined}>{t('tenders.navLink')}</Link>
        <Link state={state} to={(s) => ({ ...s, route: { name: 'embed-code' } })}
          aria-current={state.route.name === 'embed-code' ? 'page' : undefined}>{t('embed.navLink')}</Link>
        <Link state={state} to={(s) => ({ ...s, route: { name: 'open-data' } })}
          aria-current={state.route.name === 'open-data' ? 'page' : undefined}>{t('openData.navLink')}</Link>
        {(adminToken || state.route.name === 'admin') && (
          <Link state={state} to={(s) => ({ ...s, route: { name: 'admin', tab: 'moderation' } })}
            aria-current={state.route.name === 'admin' ? 'page' : undefined}>{t('admin.navLink')}</Link>
        )}
        <Link state={state} to={(s) => ({ ...s, route: { name: 'member' } })}
          aria-current={state.route.name === 'member' ? 'page' : undefined}>{t('member.navLink')}</Link>
      </nav>
      <LanguageSwitch />
    </header>
  );
}

function MapScreen() {
  const { selected } = useAppState();
  const { t } = useI18n();
  return (
    <main id="main" class="map-screen">
      <h1 class="sr-only">{t('app.title')}</h1>
      <div class="sidebar">
        <SearchBox />
        <FilterPanel />
        <AroundBar />
        <ResultList />
        <SubscribeSection />
      </div>
      <div class="map-area">
        <MapPanel />
        {selected && <DetailPanel key={selected} slug={selected} />}
      </div>
    </main>
  );
}

export function App() {
  const state = useAppState();
  const { t, lang } = useI18n();

  useEffect(() => {
    document.documentElement.lang = lang;
    document.documentElement.dataset.locale = LOCALES[lang];
    if (state.route.name === 'map' || state.route.name === 'not-found') document.title = t('app.title');
  }, [lang, state.route.name]);

  return (
    <>
      <Header />
      {state.route.name === 'map' && <MapScreen />}
      {state.route.name === 'enterprise' && <EnterprisePage key={state.route.slug} slug={state.route.slug} />}
      {state.route.name === 'cluster' && <ClusterPage key={state.route.slug} slug={state.route.slug} />}
      {state.route.name === 'claim-confirm' && <ConfirmPage kind="claim" token={state.route.token} />}
      {state.route.name === 'freshness-confirm' && <ConfirmPage kind="freshness" token={state.route.token} />}
      {state.route.name === 'saved-need-confirm' && <SavedNeedLink action="confirm" token={state.route.token} />}
      {state.route.name === 'saved-need-stop' && <SavedNeedLink action="stop" token={state.route.token} />}
      {state.route.name === 'embed-code' && <EmbedCodePage />}
      {state.route.name === 'open-data' && <OpenDataPage />}
      {state.route.name === 'add-enterprise' && <AddEnterprisePage />}
      {state.route.name === 'privacy' && <PrivacyPage />}
      {state.route.name === 'match' && <MatchPage id={state.route.id} />}
      {state.route.name === 'admin' && <AdminPage tab={state.route.tab} />}
      {state.route.name === 'member' && <MemberPage />}
      {state.route.name === 'tenders' && <TendersPage />}
      {state.route.name === 'tender' && <TenderPage key={state.route.id} id={state.route.id} />}
      {state.route.name === 'not-found' && (
        <main id="main" class="page">
          <h1>{t('app.notFound')}</h1>
          <p><Link state={state} to={toMap}>{t('app.backToMap')}</Link></p>
        </main>
      )}
    </>
  );
}
