// The social spend the platform brought: inquiries' outcomes as the enterprises recorded them, won contracts
// summed per currency (not converted: each sum is what was signed). Shown in the staff statistics and on the
// cluster page.
import type { components } from '../api/schema';
import { useI18n } from '../i18n';

type Spend = components['schemas']['SocialSpend'];

export function SocialSpend({ spend, headingId, level = 2 }: { spend: Spend; headingId: string; level?: 2 | 3 }) {
  const { t, f } = useI18n();
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section aria-labelledby={headingId} class="social-spend">
      <Heading id={headingId}>{t('outcome.spendHeading')}</Heading>
      {spend.by_currency.length === 0 ? <p class="muted">{t('outcome.spendNone')}</p> : (
        <ul class="cluster-figures">
          {spend.by_currency.map((row) => (
            <li key={row.currency} data-figure={`spend-${row.currency}`}><strong>{f.money(row.value, row.currency)}</strong>
              {' '}{t('outcome.contracts', { count: row.contracts })}</li>
          ))}
        </ul>
      )}
      <p class="hint">{t('outcome.counts', { quoted: f.number(spend.quoted), won: f.number(spend.won), declined: f.number(spend.declined) })}</p>
    </section>
  );
}
