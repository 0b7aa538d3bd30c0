// The members' impact per year: a table (the printable report), two charts on the cluster's own scale
// (people; money), the CSV, and a print button (print CSS keeps the report and drops the rest).
import { useEffect, useRef } from 'preact/hooks';
import { useI18n, LOCALES } from '../i18n';
import { beneficiaryLabel } from '../taxonomies/labels';
import { useClusterImpact, type ClusterImpact } from './impact';

type Year = ClusterImpact['years'][number];

function Chart({ years, label, series }: { years: Year[]; label: string; series: { label: string; colour: string; value: (y: Year) => number }[] }) {
  const { lang, f } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let remove: (() => void) | null = null;
    let disposed = false;
    import('../admin/charts').then(({ drawBars }) => {
      if (disposed || !canvas.current) return;
      remove = drawBars(canvas.current, {
        labels: years.map((y) => String(y.year)), horizontal: false, locale: LOCALES[lang], format: (v) => f.number(v),
        series: series.map((s) => ({ label: s.label, colour: s.colour, values: years.map(s.value) })),
      });
    });
    return () => {
      disposed = true;
      remove?.();
    };
  }, [years, lang]);
  return <figure class="cluster-chart"><div class="cluster-chart__box"><canvas ref={canvas} role="img" aria-label={label} /></div><figcaption>{label}</figcaption></figure>;
}

/** The latest year in detail: vulnerable employees by group (largest first) and the environmental figures. */
function LatestYear({ year }: { year: Year }) {
  const { t, f, lang } = useI18n();
  const groups = Object.entries(year.vulnerable_by_group).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  const environment = ([['waste_diverted_t', 'cluster.impact.waste'], ['co2_avoided_t', 'cluster.impact.co2']] as const)
    .filter(([key]) => Number(year[key]) > 0);
  if (!groups.length && !environment.length) return null;
  return (
    <div class="cluster-impact__latest">
      {groups.length > 0 && (<>
        <h3 id="cluster-impact-groups">{t('cluster.impact.byGroup', { year: String(year.year) })}</h3>
        <dl class="facts">
          {groups.map(([code, n]) => <div key={code}><dt>{beneficiaryLabel(code, lang)}</dt><dd>{f.number(n)}</dd></div>)}
        </dl>
      </>)}
      {environment.length > 0 && (<>
        <h3 id="cluster-impact-environment">{t('cluster.impact.environment', { year: String(year.year) })}</h3>
        <dl class="facts">
          {environment.map(([key, label]) => <div key={key}><dt>{t(label)}</dt><dd>{f.number(Number(year[key]))}</dd></div>)}
        </dl>
      </>)}
    </div>
  );
}

export function ImpactSection({ slug, name }: { slug: string; name: string }) {
  const { t, f } = useI18n();
  const { impact, failed } = useClusterImpact(slug);
  if (failed) return <p class="state state--error" role="alert">{t('results.error')}</p>;
  if (!impact) return <p role="status">{t('results.loading')}</p>;
  const years = impact.years;
  return (
    <section aria-labelledby="cluster-impact" class="cluster-impact">
      <h2 id="cluster-impact">{t('cluster.impact.heading')}</h2>
      <p class="print-only">{name}</p>
      {years.length === 0 ? <p>{t('cluster.impact.none')}</p> : (<>
        <p class="hint">{t('cluster.impact.intro')}</p>
        <div class="table-scroll" tabIndex={0} role="region" aria-label={t('cluster.impact.heading')}>
          <table class="cluster-impact__table">
            <thead><tr>
              <th scope="col">{t('cluster.impact.year')}</th><th scope="col">{t('cluster.impact.organisations')}</th>
              <th scope="col">{t('cluster.employees')}</th><th scope="col">{t('cluster.employeesVulnerable')}</th>
              <th scope="col">{t('cluster.impact.beneficiaries')}</th><th scope="col">{t('cluster.turnover')}</th>
              <th scope="col">{t('cluster.impact.contracts')}</th>
            </tr></thead>
            <tbody>{years.map((y) => (
              <tr key={y.year}>
                <th scope="row">{y.year}</th><td>{f.number(y.organisations)}</td><td>{f.number(y.employees_total)}</td>
                <td>{f.number(y.employees_vulnerable)}</td><td>{f.number(y.beneficiaries)}</td>
                <td>{f.money(y.turnover_eur)}</td><td>{f.number(y.public_contracts_won)} · {f.money(y.public_contracts_eur)}</td>
              </tr>
            ))}</tbody>
          </table>
        </div>
        <LatestYear year={years[years.length - 1]!} />
        <div class="cluster-charts">
          <Chart years={years} label={t('cluster.impact.peopleChart')} series={[
            { label: t('cluster.employees'), colour: '#1d4e89', value: (y) => y.employees_total },
            { label: t('cluster.employeesVulnerable'), colour: '#c05a00', value: (y) => y.employees_vulnerable },
          ]} />
          <Chart years={years} label={t('cluster.impact.moneyChart')} series={[
            { label: t('cluster.turnover'), colour: '#2e7d32', value: (y) => Number(y.turnover_eur) },
          ]} />
        </div>
        <p class="no-print cluster-impact__actions">
          <button type="button" class="button" onClick={() => print()}>{t('cluster.impact.print')}</button>
          {' '}<a class="button button--secondary" href={`/api/v1/clusters/${encodeURIComponent(slug)}/impact?format=csv`} download>{t('cluster.impact.csv')}</a>
        </p>
      </>)}
    </section>
  );
}
