// A tender's lots: what is bought, where, for how much, whether it is reserved, and the enterprises the
// buyer-match ranks first for it.
import type { JsonOf } from '../api/client';
import { Link, toEnterprise } from '../app/Link';
import { useAppState } from '../app/store';
import { useI18n } from '../i18n';

export type Tender = JsonOf<'/api/v1/tenders/{tender_id}'>;
type Lot = Tender['lots'][number];

export function LotCard({ lot, headingLevel = 3 }: { lot: Lot; headingLevel?: 3 | 4 }) {
  const { t, f } = useI18n();
  const state = useAppState();
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <article class="tender-lot" aria-labelledby={`lot-${lot.id}`}>
      <Heading id={`lot-${lot.id}`}>{lot.title}</Heading>
      {lot.reserved && <p><span class="badge">{t('tenders.reserved')}</span></p>}
      <dl class="facts">
        {lot.cpv_codes.length > 0 && <div><dt>{t('tenders.cpv')}</dt><dd>{lot.cpv_codes.join(', ')}</dd></div>}
        {lot.value && <div><dt>{t('tenders.value')}</dt><dd>{f.money(lot.value.amount, lot.value.currency ?? 'EUR')}</dd></div>}
        {lot.quantity != null && <div><dt>{t('contact.quantity')}</dt><dd>{f.number(lot.quantity)} {lot.unit ?? ''}</dd></div>}
        {lot.locality && <div><dt>{t('tenders.delivery')}</dt><dd>{lot.locality}</dd></div>}
      </dl>
      {lot.matches.length > 0 ? (
        <>
          <p class="muted">{t('tenders.bestMatches')}</p>
          <ol class="tender-matches">
            {lot.matches.map((m) => (
              <li key={m.enterprise_id}>
                <Link state={state} to={toEnterprise(m.slug)}>{m.name}</Link>
                {' '}<span class="muted">{m.locality ? `${m.locality} · ` : ''}{t('tenders.score', { score: f.number(Math.round(m.score * 100)) })}</span>
              </li>
            ))}
          </ol>
        </>
      ) : <p class="muted">{t('tenders.noMatches')}</p>}
    </article>
  );
}
