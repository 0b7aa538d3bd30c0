// The statistics dashboard: GET /api/v1/stats drawn with Chart.js (its own lazily loaded chunk), each
// chart with a table of the same figures for screen readers and anyone who prefers numbers.
import { useEffect, useRef, useState } from 'preact/hooks';
import { getJson, type JsonOf } from '../api/client';
import { useI18n, LOCALES } from '../i18n';
import { impactLabel, regionName } from '../taxonomies/labels';
import { LoadError } from './LoadError';
import { statusLabel } from '../console/request-states';
import { SocialSpend } from '../outcomes/SocialSpend';
import type { components } from '../api/schema';
import type { Series } from './charts';
import { topWithOther } from './words';
import { MAIN_CLUSTER } from '../cluster/ask';
import { useClusterImpact } from '../cluster/impact';

type Stats = JsonOf<'/api/v1/stats'>;
type Figures = Pick<Stats['members'], 'employees_total' | 'employees_vulnerable' | 'turnover_eur_total'>;
type Load = { status: 'loading' } | { status: 'ready'; data: Stats } | { status: 'error'; error: unknown };

const BRAND = '#1d4e89';
const ACCENT = '#c2571a';

interface ChartProps {
  id: string;
  title: string;
  labels: string[];
  series: Series[];
  horizontal?: boolean;
  format: (value: number) => string;
}

function BarChart({ id, title, labels, series, horizontal = false, format }: ChartProps) {
  const { t, lang } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let remove: (() => void) | null = null;
    let cancelled = false;
    import('./charts').then(({ drawBars }) => {
      if (cancelled || !canvas.current) return;
      remove = drawBars(canvas.current, { labels, series, horizontal, locale: LOCALES[lang], format });
      canvas.current.dataset.drawn = 'true';
    }).catch(() => setFailed(true));
    return () => {
      cancelled = true;
      remove?.();
    };
  }, [lang, JSON.stringify([labels, series])]);
  const summary = labels.map((label, i) => `${label}: ${series.map((s) => format(s.values[i] ?? 0)).join(' / ')}`).join('; ');
  const height = horizontal ? Math.max(160, labels.length * 26 + 60) : 260;
  return (
    <figure class="stats-chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}><h3>{title}</h3></figcaption>
      {!labels.length ? <p class="muted">{t('admin.stats.none')}</p> : <>
        <div class="stats-chart__canvas" style={{ height: `${height}px` }}>
          <canvas ref={canvas} id={id} role="img" aria-label={`${title}. ${summary}`} />
        </div>
        {failed && <p class="state state--error">{t('results.error')}</p>}
        <details class="stats-chart__table">
          <summary>{t('admin.stats.table')}</summary>
          <table>
            <caption class="sr-only">{title}</caption>
            <thead><tr><th scope="col">{t('admin.stats.item')}</th>{series.map((s) => <th scope="col" key={s.label}>{s.label}</th>)}</tr></thead>
            <tbody>
              {labels.map((label, i) => (
                <tr key={label}><th scope="row">{label}</th>{series.map((s) => <td key={s.label}>{format(s.values[i] ?? 0)}</td>)}</tr>
              ))}
            </tbody>
          </table>
        </details>
      </>}
    </figure>
  );
}

/** The entries of a count map, largest first. */
function sorted(counts: Record<string, number>): [string, number][] {
  return Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}


/** The cluster's yearly impact reports as two charts (people; money), each on the cluster's own scale. */
function ImpactYears({ slug }: { slug: string }) {
  const { t, f } = useI18n();
  const { impact, failed } = useClusterImpact(slug);
  if (failed) return <p class="state state--error">{t('results.error')}</p>;
  if (!impact) return null;
  const labels = impact.years.map((y) => String(y.year));
  return (<>
    <BarChart id="chart-years-people" title={t('admin.stats.yearsPeople')} labels={labels} format={(v) => f.number(v)}
      series={[{ label: t('admin.stats.employees'), values: impact.years.map((y) => y.employees_total), colour: BRAND },
        { label: t('admin.stats.vulnerable'), values: impact.years.map((y) => y.employees_vulnerable), colour: ACCENT }]} />
    <BarChart id="chart-years-turnover" title={t('admin.stats.yearsTurnover')} labels={labels} format={(v) => f.money(v)}
      series={[{ label: t('admin.stats.turnover'), values: impact.years.map((y) => Number(y.turnover_eur)), colour: BRAND }]} />
  </>);
}

export function StatsDashboard({ token }: { token: string }) {
  const { t, f, lang, code } = useI18n();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setLoad({ status: 'loading' });
    getJson('/api/v1/stats', { token, signal: controller.signal })
      .then((data) => setLoad({ status: 'ready', data }))
      .catch((error: unknown) => { if (!controller.signal.aborted) setLoad({ status: 'error', error }); });
    return () => controller.abort();
  }, [token, attempt]);

  if (load.status === 'loading') return <p role="status">{t('results.loading')}</p>;
  if (load.status === 'error') return <LoadError error={load.error} retry={() => setAttempt((n) => n + 1)} />;
  const { members, directory, sections } = load.data;
  const number = (v: number) => f.number(v);
  const money = (v: number) => f.money(v);
  const byCountry = sorted(members.by_country);
  const byKind = sorted(members.by_kind);
  const requests = (sections?.service_requests ?? null) as { total: number; by_status: Record<string, number> } | null;
  const spend = (sections?.social_spend ?? null) as components['schemas']['SocialSpend'] | null;
  const everyone = directory ?? members;
  const impacts = sorted(everyone.by_impact_area);
  const regions = topWithOther(sorted(everyone.by_region), 15, (count) => t('admin.stats.otherRegions', { count }));
  // The members' figures and the whole directory's are drawn in charts of their own: on one axis the
  // cluster's 319 employees and EUR 3 million were slivers beside the register's thousands and millions.
  const people = (figures: Figures) => [
    { label: t('admin.stats.employees'), values: [figures.employees_total], colour: BRAND },
    { label: t('admin.stats.vulnerable'), values: [figures.employees_vulnerable], colour: ACCENT }];
  const turnover = (figures: Figures) => [
    { label: t('admin.stats.turnover'), values: [Number(figures.turnover_eur_total)], colour: BRAND }];

  return (
    <section aria-labelledby="stats-heading">
      <h2 id="stats-heading">{t('admin.tab.stats')}</h2>
      <dl class="stats-totals">
        <div><dt>{t('admin.stats.memberCount')}</dt><dd data-figure="members">{f.number(members.organisations)}</dd></div>
        <div><dt>{t('admin.stats.employees')}</dt><dd data-figure="employees">{f.number(members.employees_total)}</dd></div>
        <div><dt>{t('admin.stats.vulnerable')}</dt><dd>{f.number(members.employees_vulnerable)}</dd></div>
        <div><dt>{t('admin.stats.turnover')}</dt><dd data-figure="turnover">{f.money(members.turnover_eur_total)}</dd></div>
        {directory && <div><dt>{t('admin.stats.directoryCount')}</dt><dd>{f.number(directory.organisations)}</dd></div>}
      </dl>
      <div class="stats-grid">
        <BarChart id="chart-country" title={t('admin.stats.byCountry')} labels={byCountry.map(([c]) => code('country', c))}
          series={[{ label: t('admin.stats.members'), values: byCountry.map(([, n]) => n), colour: BRAND }]} format={number} />
        <BarChart id="chart-kind" title={t('admin.stats.byKind')} labels={byKind.map(([k]) => code('kind', k))}
          series={[{ label: t('admin.stats.members'), values: byKind.map(([, n]) => n), colour: BRAND }]} format={number} horizontal />
        <BarChart id="chart-employment" title={t('admin.stats.employmentMembers')} labels={[t('admin.stats.members')]}
          series={people(members)} format={number} />
        <BarChart id="chart-turnover" title={t('admin.stats.turnoverMembers')} labels={[t('admin.stats.members')]}
          series={turnover(members)} format={money} />
        <ImpactYears slug={MAIN_CLUSTER} />
        {directory && <>
          <BarChart id="chart-directory-employment" title={t('admin.stats.employmentDirectory')} labels={[t('admin.stats.directory')]}
            series={people(directory)} format={number} />
          <BarChart id="chart-directory-turnover" title={t('admin.stats.turnoverDirectory')} labels={[t('admin.stats.directory')]}
            series={turnover(directory)} format={money} />
        </>}
        <BarChart id="chart-impact" title={t('admin.stats.byImpact')} labels={impacts.map(([c]) => impactLabel(c, lang))}
          series={[{ label: t('admin.stats.enterprises'), values: impacts.map(([, n]) => n), colour: BRAND }]} format={number} horizontal />
        <BarChart id="chart-region" title={t('admin.stats.byRegion')} labels={regions.map(([c]) => (c in everyone.by_region ? regionName(c, lang) : c))}
          series={[{ label: t('admin.stats.enterprises'), values: regions.map(([, n]) => n), colour: BRAND }]} format={number} horizontal />
        {requests && (
          <BarChart id="chart-requests" title={t('admin.stats.requests', { count: requests.total })}
            labels={Object.keys(requests.by_status).map((s) => { const label = statusLabel(s); return label ? t(label) : s; })}
            series={[{ label: t('admin.stats.requestsShort'), values: Object.values(requests.by_status), colour: ACCENT }]} format={number} />
        )}
      </div>
      {spend && <SocialSpend spend={spend} headingId="stats-spend" level={3} />}
    </section>
  );
}
