// A cluster's public page (/cluster/{slug}): who runs it and since when, its members on a small map,
// its support services (members ask in their area, outsiders ask the coordinator), its networks and
// financing partner, and its members' impact per year (table, charts on the cluster's own scale, CSV, print).
import { useEffect, useState } from 'preact/hooks';
import { getJson, type JsonOf } from '../api/client';
import { Link, toEnterprise } from '../app/Link';
import { navigate, useAppState } from '../app/store';
import { LOCALES, useI18n, type MessageKey } from '../i18n';
import { useMemberSession } from '../member/session';
import { ClusterInquiryForm } from './ClusterInquiryForm';
import { ImpactSection } from './ImpactSection';
import { SocialSpend } from '../outcomes/SocialSpend';
import { MembersMap, type MemberFeature } from './MembersMap';
import { askForService } from './ask';

type Page = JsonOf<'/api/v1/clusters/{slug}'>;
type Service = Page['support_services'][number];

const RELATIONS: Record<string, MessageKey> = {
  network: 'cluster.relation.network', financing_partner: 'cluster.relation.financing_partner',
  partner: 'cluster.relation.partner',
};

function text(values: Record<string, string>, lang: string): string {
  return values[lang] ?? values.en ?? Object.values(values)[0] ?? '';
}

function Services({ services, onAsk }: { services: Service[]; onAsk: (code: string) => void }) {
  const { t, lang } = useI18n();
  const state = useAppState();
  const member = useMemberSession();
  return (
    <section aria-labelledby="cluster-services">
      <h2 id="cluster-services">{t('cluster.services')}</h2>
      <ul class="cluster-services">
        {services.map((s) => (
          <li key={s.code} class="cluster-service">
            <h3>{text(s.names, lang)}</h3>
            <p>{text(s.descriptions, lang)}</p>
            {member ? (
              <button type="button" class="button" onClick={() => {
                askForService(s.code);
                navigate({ ...state, route: { name: 'member' } });
                scrollTo(0, 0);
              }}>{t('cluster.askService')}</button>
            ) : (
              <button type="button" class="button button--secondary" onClick={() => onAsk(s.code)}>
                {t('cluster.askAbout', { service: text(s.names, lang) })}
              </button>
            )}
          </li>
        ))}
      </ul>
      {!member && <p class="hint">{t('cluster.membersSignIn')} <Link state={state} to={(st) => ({ ...st, route: { name: 'member' } })}>{t('member.navLink')}</Link></p>}
    </section>
  );
}

export function ClusterPage({ slug }: { slug: string }) {
  const { t, f, lang, code } = useI18n();
  const state = useAppState();
  const [page, setPage] = useState<Page | null>(null);
  const [members, setMembers] = useState<MemberFeature[]>([]);
  const [failed, setFailed] = useState<number | null>(null);
  const [askedService, setAskedService] = useState('');
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setFailed(null);
    getJson('/api/v1/clusters/{slug}', { path: { slug }, signal: controller.signal })
      .then(setPage, (e: { status?: number }) => { if (!controller.signal.aborted) setFailed(e.status ?? 0); });
    fetch(`/api/v1/members?cluster=${encodeURIComponent(slug)}&format=geojson&limit=200`, { signal: controller.signal })
      .then((r) => (r.ok ? r.json() : { features: [] }))
      .then((body: { features: MemberFeature[] }) => setMembers(body.features), () => undefined);
    return () => controller.abort();
  }, [slug, attempt]);

  useEffect(() => {
    if (page) document.title = `${page.name} · ${t('app.title')}`;
  }, [page, lang]);

  if (failed === 404) {
    return <main id="main" class="page"><h1>{t('app.notFound')}</h1></main>;
  }
  if (failed !== null) {
    return (
      <main id="main" class="page">
        <div class="state state--error" role="alert"><p>{t('results.error')}</p>
          <button type="button" class="button" onClick={() => setAttempt((n) => n + 1)}>{t('results.retry')}</button></div>
      </main>
    );
  }
  if (!page) return <main id="main" class="page"><p role="status">{t('results.loading')}</p></main>;

  function ask(service: string) {
    setAskedService(service);
    document.getElementById('cluster-inquiry-message')?.focus();
  }

  const year = (d: string | null | undefined) => (d ? d.slice(0, 4) : '');
  const monthYear = (d: string) => new Intl.DateTimeFormat(LOCALES[lang], { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(d));
  return (
    <main id="main" class="page cluster-page">
      <p class="cluster-page__back"><Link state={state} to={(s) => ({ ...s, route: { name: 'map' } })}>{t('app.backToMap')}</Link></p>
      <h1>{page.name}</h1>
      <p class="cluster-page__lead">{text(page.description, lang)}</p>
      <dl class="cluster-facts">
        {page.coordinator && (<>
          <dt>{t('cluster.coordinator')}</dt>
          <dd><Link state={state} to={toEnterprise(page.coordinator.slug)}>{page.coordinator.name}</Link>
            {' '}{t('cluster.since', { year: year(page.coordinator.since) })}</dd>
        </>)}
        {page.programme_since && (<><dt>{t('cluster.programme')}</dt><dd>{t('cluster.since', { year: year(page.programme_since) })}</dd></>)}
        {page.founded_on && (<><dt>{t('cluster.founded')}</dt><dd>{year(page.founded_on)}</dd></>)}
        {page.eccp_registered_on && (<><dt>{t('cluster.eccp')}</dt><dd>
          {page.eccp_url ? <a href={page.eccp_url} rel="noopener">{monthYear(page.eccp_registered_on)}</a>
            : monthYear(page.eccp_registered_on)}</dd></>)}
        <dt>{t('cluster.countries')}</dt><dd>{page.countries.map((c) => code('country', c)).join(', ')}</dd>
      </dl>

      <section aria-labelledby="cluster-figures">
        <h2 id="cluster-figures">{t('cluster.figures')}</h2>
        <ul class="cluster-figures">
          <li><strong>{f.number(page.member_count)}</strong> {t('cluster.members')}</li>
          <li><strong>{f.number(page.figures.employees)}</strong> {t('cluster.employees')}</li>
          <li><strong>{f.number(page.figures.employees_vulnerable)}</strong> {t('cluster.employeesVulnerable')}</li>
          <li><strong>{f.money(page.figures.turnover_eur)}</strong> {t('cluster.turnover')}</li>
        </ul>
        <p class="hint">{Object.entries(page.members_by_kind).map(([k, n]) => `${code('kind', k)}: ${f.number(n)}`).join(' · ')}</p>
      </section>

      <SocialSpend spend={page.social_spend} headingId="cluster-spend" />

      <section aria-labelledby="cluster-members">
        <h2 id="cluster-members">{t('cluster.membersHeading')}</h2>
        <MembersMap members={members} />
        <details class="cluster-members">
          <summary>{t('cluster.memberList', { count: members.length })}</summary>
          <ul>
            {members.map((m) => (
              <li key={m.id}><Link state={state} to={toEnterprise(m.properties.slug)}>{m.properties.name}</Link>
                {' '}<span class="muted">{m.properties.locality} · {code('kind', m.properties.kind)}</span></li>
            ))}
          </ul>
        </details>
        <p><Link state={state} to={(s) => ({ ...s, route: { name: 'map' }, filters: { ...s.filters, cluster: [slug] }, selected: null })}>{t('cluster.onTheMap')}</Link></p>
      </section>

      <Services services={page.support_services} onAsk={ask} />

      <section aria-labelledby="cluster-linked">
        <h2 id="cluster-linked">{t('cluster.linked')}</h2>
        <ul class="cluster-linked">
          {page.linked_organisations.map((o) => (
            <li key={o.name}>
              <strong>{o.url ? <a href={o.url} rel="noopener">{o.name}</a> : o.name}</strong>
              {' '}<span class="badge">{t(RELATIONS[o.relation] ?? 'cluster.relation.partner')}</span>
              <p>{text(o.note ?? {}, lang)}</p>
            </li>
          ))}
        </ul>
      </section>

      <ImpactSection slug={slug} name={page.name} />

      <section aria-labelledby="cluster-inquiry-heading" class="no-print">
        <h2 id="cluster-inquiry-heading">{t('cluster.inquiry.heading')}</h2>
        <ClusterInquiryForm slug={slug} services={page.support_services} service={askedService} onService={setAskedService} />
      </section>
    </main>
  );
}
