// Funding calls the member's organisation is eligible for (country, kind, sector, size, impact areas),
// open now; asking the cluster for help with one files an "access to funding" request that names it.
import { useEffect, useState } from 'preact/hooks';
import { getJson, type JsonOf } from '../api/client';
import { useI18n, type MessageKey } from '../i18n';
import { askForService } from '../cluster/ask';

type Call = JsonOf<'/api/v1/funding-calls'>['items'][number];
export const FUNDING_KINDS: Record<Call['kind'], MessageKey> = {
  grant: 'funding.kind.grant', loan: 'funding.kind.loan', esf_plus: 'funding.kind.esf_plus',
  private_donor: 'funding.kind.private_donor', other: 'funding.kind.other',
};

export function FundingForYou({ enterpriseId }: { enterpriseId: number }) {
  const { t, f } = useI18n();
  const [items, setItems] = useState<Call[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    getJson('/api/v1/funding-calls', { query: { eligible_for: enterpriseId, limit: 50 } })
      .then((page) => setItems(page.items), () => setFailed(true));
  }, [enterpriseId]);
  return (
    <section aria-labelledby="member-funding" class="admin-card">
      <h2 id="member-funding">{t('funding.forYou')}</h2>
      {failed ? <p class="state state--error" role="alert">{t('results.error')}</p>
        : items === null ? <p>{t('results.loading')}</p>
        : items.length === 0 ? <p class="muted">{t('funding.noneForYou')}</p> : (
          <ul class="funding-list">
            {items.map((call) => (
              <li key={call.id}>
                <strong>{call.url ? <a href={call.url} rel="noopener noreferrer" target="_blank">{call.title}</a> : call.title}</strong>
                <span class="muted"> · {call.funder} · {t(FUNDING_KINDS[call.kind])}
                  {call.deadline ? ` · ${t('tenders.deadline', { date: f.date(call.deadline) })}` : ''}</span>
                <p>{call.summary}</p>
                <button type="button" class="button button--secondary" onClick={() => {
                  askForService('funding_access', call.id);
                  document.getElementById('sr-heading')?.scrollIntoView();
                }}>{t('funding.askHelp')}</button>
              </li>
            ))}
          </ul>
        )}
    </section>
  );
}
