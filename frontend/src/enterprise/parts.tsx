// Small pieces shared by the map's detail panel and the enterprise page.
import type { Enterprise } from '../api/client';
import { Link } from '../app/Link';
import { useAppState } from '../app/store';
import { useI18n } from '../i18n';
import { IMPACT_COLOURS, impactLabel, OTHER_COLOUR, regionName } from '../taxonomies/labels';
import { localised } from './text';

export function VerifiedBadge({ verified }: { verified: boolean }) {
  const { t } = useI18n();
  return verified
    ? <span class="chip chip--verified">✓ {t('enterprise.verified')}</span>
    : <span class="chip chip--muted">{t('enterprise.notVerified')}</span>;
}

// Relocated or suspended (war, occupation): said before anything else, so nobody travels to a closed door.
export function OperatingStatusNotice({ enterprise: e }: { enterprise: Enterprise }) {
  const { t } = useI18n();
  if (e.operating_status === 'relocated') return <p class="notice notice--operating" role="note">{t('enterprise.operating.relocated')}</p>;
  if (e.operating_status === 'suspended') return <p class="notice notice--operating" role="note">{t('enterprise.operating.suspended')}</p>;
  return null;
}

/** "Cluster member", linked to the cluster's page: the organisation is an active member of a cluster. */
export function ClusterBadge({ enterprise: e, link = true }: { enterprise: Enterprise; link?: boolean }) {
  const state = useAppState();
  const { t } = useI18n();
  const slug = e.clusters?.[0];
  if (!slug) return null;
  const label = <>★ {t('cluster.badge')}</>;
  return link
    ? <Link class="chip chip--cluster" state={state} to={(s) => ({ ...s, route: { name: 'cluster', slug } })}>{label}</Link>
    : <span class="chip chip--cluster">{label}</span>;
}

export function Place({ enterprise: e }: { enterprise: Enterprise }) {
  const { lang, code } = useI18n();
  return <>{[e.locality, e.region_code ? regionName(e.region_code, lang) : null, code('country', e.country)].filter(Boolean).join(', ')}</>;
}

export function ImpactChips({ codes }: { codes: string[] }) {
  const { lang } = useI18n();
  return (
    <ul class="chips" role="list">
      {codes.map((c) => (
        <li key={c} class="chip">
          <span class="chip__dot" style={{ background: IMPACT_COLOURS[c] ?? OTHER_COLOUR }} aria-hidden="true" />
          {impactLabel(c, lang)}
        </li>
      ))}
    </ul>
  );
}

export function Description({ enterprise: e }: { enterprise: Enterprise }) {
  const { lang } = useI18n();
  const text = localised(e.description, lang);
  return text ? <p class="description" lang={text.lang}>{text.text}</p> : null;
}

export function Employees({ enterprise: e }: { enterprise: Enterprise }) {
  const { t } = useI18n();
  return (
    <p>
      {t('enterprise.employeesTotal', { count: e.employees_total })}
      {e.employees_vulnerable > 0 && <>, {t('enterprise.employeesVulnerable', { count: e.employees_vulnerable })}</>}
    </p>
  );
}
