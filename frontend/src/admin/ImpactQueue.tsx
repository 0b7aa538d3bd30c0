// Staff check the yearly impact reports members submitted (oldest first) and mark them verified (If-Match):
// only verified reports reach the public series and the cluster's page.
import { useEffect, useState } from 'preact/hooks';
import { getJson, postJson, type JsonOf } from '../api/client';
import { useI18n } from '../i18n';

type Item = JsonOf<'/api/v1/impact-reports'>['items'][number];

export function ImpactQueue({ token }: { token: string }) {
  const { t, f } = useI18n();
  const [items, setItems] = useState<Item[] | null>(null);
  const [error, setError] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    getJson('/api/v1/impact-reports', { token }).then((page) => setItems(page.items), () => setError(true));
  }, [token, attempt]);

  async function verify(item: Item) {
    setError(false);
    try {
      await postJson('/api/v1/enterprises/{key}/impact/{year}/verify', undefined,
        { path: { key: String(item.enterprise.id), year: item.year }, token, ifMatch: item.etag });
    } catch {
      setError(true);
    }
    setAttempt((n) => n + 1);
  }

  return (
    <section aria-labelledby="impact-queue-heading">
      <h2 id="impact-queue-heading">{t('impact.queueHeading')}</h2>
      {error && <p class="field__error" role="alert">{t('form.error')}</p>}
      {items === null ? <p role="status">{t('results.loading')}</p> : items.length === 0 ? <p>{t('impact.queueEmpty')}</p> : (
        <ul class="impact-queue">
          {items.map((item) => (
            <li key={item.id}>
              <strong>{item.enterprise.name}</strong>, {item.year}: {t('impact.employees')} {f.number(item.employees_total ?? 0)},
              {' '}{t('impact.vulnerable')} {f.number(item.employees_vulnerable ?? 0)},
              {' '}{t('impact.turnover')} {item.turnover_eur !== null && item.turnover_eur !== undefined ? f.money(item.turnover_eur) : '—'}
              {' '}<button type="button" class="button" onClick={() => verify(item)}>
                {t('impact.verify', { name: String(item.enterprise.name), year: String(item.year) })}</button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
