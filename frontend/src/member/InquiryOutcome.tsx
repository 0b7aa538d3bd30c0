// What came of an inquiry, as the enterprise records it: quoted, won (with the contract's value, which the
// cluster counts as social spend), declined. PUT /api/v1/inquiries/{id}/outcome; a change sends If-Match.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, getTagged, putJson } from '../api/client';
import type { components } from '../api/schema';
import { useI18n, type MessageKey } from '../i18n';
import type { MemberSession } from './session';

type Outcome = components['schemas']['OutcomeOut'];
type Kind = Outcome['outcome'];
const KINDS: Record<Kind, MessageKey> = { quoted: 'outcome.quoted', won: 'outcome.won', declined: 'outcome.declined' };
const CURRENCIES = ['RON', 'MDL', 'UAH', 'EUR'] as const;

export function InquiryOutcome({ inquiryId, session }: { inquiryId: number; session: MemberSession }) {
  const { t } = useI18n();
  const [saved, setSaved] = useState<{ data: Outcome; etag: string | null } | null>(null);
  const [kind, setKind] = useState<Kind | ''>('');
  const [value, setValue] = useState('');
  const [currency, setCurrency] = useState<(typeof CURRENCIES)[number]>('RON');
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    getTagged('/api/v1/inquiries/{inquiry_id}/outcome', { path: { inquiry_id: inquiryId }, token: session.token }).then((tagged) => {
      setSaved(tagged);
      setKind(tagged.data.outcome);
      if (tagged.data.value) setValue(String(tagged.data.value));
      if (tagged.data.currency) setCurrency(tagged.data.currency);
    }, () => undefined);  // 404: no outcome yet
  }, [inquiryId]);

  async function save(event: SubmitEvent) {
    event.preventDefault();
    if (!kind) return;
    setMessage(null);
    const body = kind === 'won' ? { outcome: kind, value: value.trim().replace(',', '.'), currency } : { outcome: kind };
    try {
      const tagged = await putJson('/api/v1/inquiries/{inquiry_id}/outcome', body,
        { path: { inquiry_id: inquiryId }, token: session.token, ifMatch: saved?.etag ?? null });
      setSaved(tagged);
      setMessage(t('outcome.saved'));
    } catch (e) {
      setMessage(e instanceof ApiError && e.status === 422 ? t('outcome.invalid')
        : e instanceof ApiError && (e.status === 412 || e.status === 428) ? t('member.conflict') : t('form.error'));
    }
  }

  const id = `outcome-${inquiryId}`;
  return (
    <form class="inquiry-outcome" onSubmit={save} aria-labelledby={`${id}-legend`}>
      <p id={`${id}-legend`}><strong>{t('outcome.heading')}</strong></p>
      <label for={`${id}-kind`}>{t('outcome.label')}</label>{' '}
      <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.currentTarget.value as Kind | '')}>
        <option value="">{t('outcome.none')}</option>
        {(Object.keys(KINDS) as Kind[]).map((k) => <option key={k} value={k}>{t(KINDS[k])}</option>)}
      </select>
      {kind === 'won' && (<>
        {' '}<label for={`${id}-value`}>{t('outcome.value')}</label>{' '}
        <input id={`${id}-value`} inputMode="decimal" size={10} value={value} onInput={(e) => setValue(e.currentTarget.value)} required />
        {' '}<label for={`${id}-currency`} class="sr-only">{t('outcome.currency')}</label>
        <select id={`${id}-currency`} value={currency} onChange={(e) => setCurrency(e.currentTarget.value as (typeof CURRENCIES)[number])}>
          {CURRENCIES.map((c) => <option key={c} value={c}>{c}</option>)}
        </select>
      </>)}
      {' '}<button type="submit" class="button" disabled={!kind}>{t('outcome.save')}</button>
      <span role="status" aria-live="polite">{message && ` ${message}`}</span>
    </form>
  );
}
