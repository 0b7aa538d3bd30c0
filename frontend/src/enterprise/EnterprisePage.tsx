import { useEffect, useState } from 'preact/hooks';
import type { EnterpriseDetail, Offering } from '../api/client';
import { Link, toMap } from '../app/Link';
import { useAppState } from '../app/store';
import { toUrl } from '../app/url-state';
import { useCopy } from '../forms/useCopy';
import { useI18n } from '../i18n';
import { beneficiaryLabel, certificationLabel, labelOf, loadNace, type NaceItem } from '../taxonomies/labels';
import { enterpriseJsonLd, insertJsonLd } from './jsonld';
import { MiniMap } from './MiniMap';
import { ClusterBadge, Description, Employees, ImpactChips, OperatingStatusNotice, Place, VerifiedBadge } from './parts';
import { useEnterprise } from './useEnterprise';
import { ClaimForm } from '../trust/ClaimForm';
import { OpeningHours } from './OpeningHours';
import { ImpactYears } from './ImpactYears';
import { ContactForm } from './ContactForm';
import { CorrectionForm } from '../participate/CorrectionForm';

function OfferingItem({ offering: o }: { offering: Offering }) {
  const { t, f, code } = useI18n();
  const facts = [
    `${t('offering.delivery')}: ${code('delivery', o.delivery_mode)}`,
    o.lead_time_days != null ? t('offering.leadTime', { count: o.lead_time_days }) : null,
    o.min_order_quantity != null && o.max_order_quantity != null
      ? t('offering.quantity', { min: o.min_order_quantity, max: o.max_order_quantity, unit: o.quantity_unit ?? '' }) : null,
    o.min_order_value_eur != null ? t('offering.minOrderValue', { value: f.money(o.min_order_value_eur) }) : null,
    o.price_from_eur != null ? t('offering.priceFrom', { value: f.money(o.price_from_eur) }) : null,
  ].filter(Boolean);
  return (
    <li class="offering">
      <h3>{o.title}</h3>
      {o.description && <p>{o.description}</p>}
      <p class="muted">{facts.join(' · ')}</p>
    </li>
  );
}

function Sectors({ codes }: { codes: string[] }) {
  const { lang } = useI18n();
  const [nace, setNace] = useState<Map<string, NaceItem> | null>(null);
  useEffect(() => void loadNace().then(setNace, () => setNace(new Map())), []);
  return <ul>{codes.map((c) => <li key={c}>{c}{nace?.get(c) ? ` · ${labelOf(nace.get(c), lang)}` : ''}</li>)}</ul>;
}

function ShareLink() {
  const { t } = useI18n();
  const [message, copy] = useCopy('enterprise.shared', 'enterprise.shareFailed');
  return (
    <p class="share">
      <button type="button" class="button" onClick={() => void copy(location.href)}>{t('enterprise.share')}</button>
      <span role="status" aria-live="polite">{message}</span>
    </p>
  );
}

function Profile({ enterprise: e }: { enterprise: EnterpriseDetail }) {
  const { t, f, lang, code } = useI18n();
  const [lng, lat] = e.location.coordinates;
  const facts: [string, string][] = [
    ...(e.legal_form ? [[t('enterprise.legalForm'), e.legal_form] as [string, string]] : []),
    ...(e.registration_code ? [[t('enterprise.registrationCode'), e.registration_code] as [string, string]] : []),
    ...(e.annual_turnover_eur != null ? [[t('enterprise.turnover'), f.money(e.annual_turnover_eur)] as [string, string]] : []),
    ...(e.languages.length ? [[t('enterprise.languages'), e.languages.map((l) => code('language', l)).join(', ')] as [string, string]] : []),
  ];
  return (
    <article class="profile">
      <header class="profile__header">
        <h1 id="main-heading" tabIndex={-1}>{e.name}</h1>
        <p class="muted">{code('kind', e.kind)} · <Place enterprise={e} />{e.founded_year ? ` · ${t('enterprise.founded', { year: String(e.founded_year) })}` : ''}</p>
        <p><VerifiedBadge verified={e.verified} /><ClusterBadge enterprise={e} />{e.claimed && <span class="chip chip--verified">✓ {t('enterprise.claimed')}</span>}{e.is_demo && <span class="chip chip--muted">{t('app.demoNotice')}</span>}</p>
        <OperatingStatusNotice enterprise={e} />
        <ShareLink />
      </header>
      <div class="profile__grid">
        <div>
          <section aria-labelledby="about-heading">
            <h2 id="about-heading">{t('enterprise.about')}</h2>
            <Description enterprise={e} />
            {facts.length > 0 && <dl class="facts">{facts.map(([k, v]) => <div key={k}><dt>{k}</dt><dd>{v}</dd></div>)}</dl>}
          </section>
          <section aria-labelledby="offerings-heading">
            <h2 id="offerings-heading">{t('enterprise.offerings')}</h2>
            {e.offerings.length ? <ul class="offerings">{e.offerings.map((o) => <OfferingItem key={o.id} offering={o} />)}</ul>
              : <p class="muted">{t('enterprise.noOfferings')}</p>}
          </section>
          <section aria-labelledby="impact-heading">
            <h2 id="impact-heading">{t('enterprise.impact')}</h2>
            <h3>{t('enterprise.impactAreas')}</h3>
            <ImpactChips codes={e.impact_areas} />
            {e.beneficiary_groups.length > 0 && <>
              <h3>{t('enterprise.beneficiaries')}</h3>
              <ul>{e.beneficiary_groups.map((b) => <li key={b}>{beneficiaryLabel(b, lang)}</li>)}</ul>
            </>}
            <h3>{t('enterprise.employees')}</h3>
            <Employees enterprise={e} />
            {e.reserved_contract_eligible && <p>{t('enterprise.reservedContracts')}</p>}
            <ImpactYears slug={e.slug} />
          </section>
          {e.certifications.length > 0 && (
            <section aria-labelledby="certifications-heading">
              <h2 id="certifications-heading">{t('enterprise.certifications')}</h2>
              <ul>{e.certifications.map((c) => <li key={c}>{certificationLabel(c, lang)}</li>)}</ul>
            </section>
          )}
          {e.sectors.length > 0 && (
            <section aria-labelledby="sectors-heading">
              <h2 id="sectors-heading">{t('enterprise.sectors')}</h2>
              <Sectors codes={e.sectors} />
            </section>
          )}
        </div>
        <div>
          <section aria-labelledby="location-heading">
            <h2 id="location-heading">{t('enterprise.location')}</h2>
            <MiniMap lng={lng} lat={lat} name={e.name} />
            <p><Place enterprise={e} />{e.address ? ` · ${e.address}` : ''}</p>
            {(e.service_radius_km != null || e.service_countries.length > 0) && (
              <p>{t('enterprise.serviceArea')}: {[
                ...e.service_countries.map((c) => code('country', c)),
                ...(e.service_radius_km != null ? [t('enterprise.serviceRadius', { km: Number(e.service_radius_km) })] : []),
              ].join(', ')}</p>
            )}
          </section>
          <section aria-labelledby="contact-heading">
            <h2 id="contact-heading">{t('enterprise.contact')}</h2>
            <dl class="facts">
              {e.website && <div><dt>{t('enterprise.website')}</dt><dd><a href={e.website} rel="noopener noreferrer" target="_blank">{e.website.replace(/^https?:\/\//, '')}</a></dd></div>}
              {e.phone && <div><dt>{t('enterprise.phone')}</dt><dd><a href={`tel:${e.phone.replace(/[^+\d]/g, '')}`}>{e.phone}</a></dd></div>}
            </dl>
            {e.opening_hours && <>
              <h3>{t('enterprise.openingHours')}</h3>
              <OpeningHours value={e.opening_hours} />
            </>}
            <p class="muted">{t('enterprise.updated', { date: f.date(e.updated_at) })}</p>
          </section>
          <section aria-labelledby="write-heading">
            <h2 id="write-heading">{t('contact.heading')}</h2>
            <ContactForm recipients={[{ id: e.id, name: e.name }]} />
          </section>
          <section aria-labelledby="correct-heading">
            <details class="claim">
              <summary><h2 id="correct-heading" class="summary-heading">{t('participate.correct.heading')}</h2></summary>
              <CorrectionForm enterprise={e} />
            </details>
          </section>
          {!e.claimed && (
            <section aria-labelledby="claim-heading">
              <details class="claim">
                <summary><h2 id="claim-heading" class="summary-heading">{t('claim.heading')}</h2></summary>
                <ClaimForm enterpriseId={e.id} />
              </details>
            </section>
          )}
        </div>
      </div>
    </article>
  );
}

/** /e/{slug}: the whole profile, with a share link and schema.org JSON-LD. */
export function EnterprisePage({ slug }: { slug: string }) {
  const state = useAppState();
  const { t } = useI18n();
  const result = useEnterprise(slug);

  useEffect(() => {
    if (result.status !== 'ready') return;
    document.title = `${result.enterprise.name} · ${t('app.title')}`;
    const page = new URL(toUrl({ ...state, route: { name: 'enterprise', slug } }), location.origin);
    return insertJsonLd(enterpriseJsonLd(result.enterprise, `${page.origin}${page.pathname}`));
  }, [result.status, slug, state.lang]);

  return (
    <main id="main" class="page">
      <p><Link state={state} to={toMap}>← {t('app.backToMap')}</Link></p>
      {result.status === 'loading' && <p class="state" role="status">{t('results.loading')}</p>}
      {result.status === 'not-found' && <h1 class="state" role="alert">{t('enterprise.notFound')}</h1>}
      {result.status === 'error' && (
        <div class="state state--error" role="alert">
          <p>{t('results.error')}</p>
          <button type="button" class="button" onClick={result.retry}>{t('results.retry')}</button>
        </div>
      )}
      {result.status === 'ready' && <Profile enterprise={result.enterprise} />}
    </main>
  );
}
