// "Tenders for you": open public tenders with a lot that lists the member's organisation among its best
// matches (GET /api/v1/tenders?for_enterprise=…). Public data: no token needed.
import { useEffect, useState } from 'preact/hooks';
import { getJson, type JsonOf } from '../api/client';
import { Link } from '../app/Link';
import { useAppState } from '../app/store';
import { useI18n } from '../i18n';

type Tender = JsonOf<'/api/v1/tenders'>['items'][number];

export function TendersForYou({ enterpriseId }: { enterpriseId: number }) {
  const { t, f } = useI18n();
  const state = useAppState();
  const [items, setItems] = useState<Tender[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    getJson('/api/v1/tenders', { query: { for_enterprise: enterpriseId, open: true, limit: 20 } })
      .then((page) => setItems(page.items), () => setFailed(true));
  }, [enterpriseId]);
  return (
    <section aria-labelledby="member-tenders" class="admin-card">
      <h2 id="member-tenders">{t('tenders.forYou')}</h2>
      {failed ? <p class="state state--error" role="alert">{t('results.error')}</p>
        : items === null ? <p>{t('results.loading')}</p>
        : items.length === 0 ? <p class="muted">{t('tenders.noneForYou')}</p> : (
          <ul>
            {items.map((tender) => {
              const lots = tender.lots.filter((lot) => lot.matches.some((m) => m.enterprise_id === enterpriseId));
              return (
                <li key={tender.id}>
                  <Link state={state} to={(s) => ({ ...s, route: { name: 'tender', id: tender.id } })}>{tender.title}</Link>
                  <span class="muted"> · {tender.buyer.name}{tender.deadline ? ` · ${t('tenders.deadline', { date: f.date(tender.deadline) })}` : ''}</span>
                  <ul>{lots.map((lot) => <li key={lot.id}>{lot.title}{lot.reserved ? ` (${t('tenders.reserved')})` : ''}</li>)}</ul>
                </li>
              );
            })}
          </ul>
        )}
      <p class="hint">{t('tenders.digestHint')} <Link state={state} to={(s) => ({ ...s, route: { name: 'tenders' } })}>{t('tenders.all')}</Link></p>
    </section>
  );
}
