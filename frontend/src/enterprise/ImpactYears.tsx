// An organisation's verified yearly impact reports on its profile (GET /api/v1/enterprises/{key}/impact,
// which shows the public verified reports only): its impact over time, not just today's snapshot. Nothing
// is drawn while there is no verified year or when the request fails (the profile stands without it).
import { useEffect, useState } from 'preact/hooks';
import { getJson, type JsonOf } from '../api/client';
import { useI18n } from '../i18n';

type Report = JsonOf<'/api/v1/enterprises/{key}/impact'>['reports'][number];

export function ImpactYears({ slug }: { slug: string }) {
  const { t, f } = useI18n();
  const [reports, setReports] = useState<Report[]>([]);
  useEffect(() => {
    let current = true;
    getJson('/api/v1/enterprises/{key}/impact', { path: { key: slug } })
      .then((answer) => { if (current) setReports(answer.reports.filter((r) => r.status === 'verified')); }, () => undefined);
    return () => { current = false; };
  }, [slug]);
  if (!reports.length) return null;
  const count = (v: number | null | undefined) => (v === null || v === undefined ? '—' : f.number(v));
  const money = (v: string | null | undefined) => (v === null || v === undefined ? '—' : f.money(v));
  return (<>
    <h3 id="impact-years-heading">{t('cluster.impact.heading')}</h3>
    <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="impact-years-heading">
      <table class="cluster-impact__table impact-years">
        <thead><tr>
          <th scope="col">{t('cluster.impact.year')}</th><th scope="col">{t('cluster.employees')}</th>
          <th scope="col">{t('cluster.employeesVulnerable')}</th><th scope="col">{t('cluster.impact.beneficiaries')}</th>
          <th scope="col">{t('cluster.turnover')}</th><th scope="col">{t('cluster.impact.contracts')}</th>
        </tr></thead>
        <tbody>{reports.map((r) => (
          <tr key={r.year}>
            <th scope="row">{r.year}</th><td>{count(r.employees_total)}</td><td>{count(r.employees_vulnerable)}</td>
            <td>{count(r.beneficiaries)}</td><td>{money(r.turnover_eur)}</td><td>{count(r.public_contracts_won)}</td>
          </tr>
        ))}</tbody>
      </table>
    </div>
  </>);
}
