// Buyers' inquiries to the organisation, newest first, with what they asked for (quantity, date, the
// match they came from) and their status (PATCH with If-Match).
import { useEffect, useState } from 'preact/hooks';
import { ApiError, currentEtag, getJson, patchJson } from '../api/client';
import type { components } from '../api/schema';
import { Link } from '../app/Link';
import { useAppState } from '../app/store';
import { useI18n, type MessageKey } from '../i18n';
import { InquiryOutcome } from './InquiryOutcome';
import { MemberError } from './MemberError';
import type { MemberSession } from './session';

type Inquiry = components['schemas']['InquiryOut'];
type Status = components['schemas']['InquiryStatus'];
const STATUSES: Record<Status, MessageKey> = {
  open: 'inq.status.open', replied: 'inq.status.replied', won: 'inq.status.won', lost: 'inq.status.lost',
};

export function Inquiries({ session }: { session: MemberSession }) {
  const { t, f } = useI18n();
  const state = useAppState();
  const [items, setItems] = useState<Inquiry[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    getJson('/api/v1/inquiries', { query: { limit: 50 }, token: session.token })
      .then((page) => setItems(page.items), setError);
  }, [attempt]);

  async function setStatus(inquiry: Inquiry, status: Status) {
    setMessage(null);
    try {
      const path = { inquiry_id: inquiry.id };
      const ifMatch = await currentEtag('/api/v1/inquiries/{inquiry_id}', { path, token: session.token },
        (now) => now.version === inquiry.version);
      const { data } = await patchJson('/api/v1/inquiries/{inquiry_id}', { status }, { path, token: session.token, ifMatch });
      setItems((list) => (list ?? []).map((x) => (x.id === data.id ? data : x)));
      setMessage(t('inq.saved'));
    } catch (e) {
      setMessage(e instanceof ApiError && e.status === 412 ? t('member.conflict') : t('form.error'));
      setAttempt((n) => n + 1);
    }
  }

  return (
    <section aria-labelledby="inq-heading" class="console-card">
      <h2 id="inq-heading">{t('inq.heading')}</h2>
      <div role="status" aria-live="polite">{message && <p>{message}</p>}</div>
      {error ? <MemberError error={error} retry={() => { setError(null); setAttempt((n) => n + 1); }} />
        : items === null ? <p>{t('results.loading')}</p>
        : items.length === 0 ? <p class="muted">{t('inq.none')}</p> : items.map((inquiry) => (
          <article key={inquiry.id} class="console-card" aria-labelledby={`inq-${inquiry.id}`}>
            <h3 id={`inq-${inquiry.id}`}>{inquiry.buyer_name}{inquiry.buyer_organisation ? ` (${inquiry.buyer_organisation})` : ''}</h3>
            <p class="muted">{f.date(inquiry.created_at)} · <a href={`mailto:${inquiry.buyer_email}`}>{inquiry.buyer_email}</a></p>
            <blockquote>{inquiry.message}</blockquote>
            {(inquiry.quantity != null || inquiry.wanted_date || inquiry.match_id) && (
              <dl class="facts">
                {inquiry.quantity != null && <div><dt>{t('contact.quantity')}</dt><dd>{f.number(inquiry.quantity)}</dd></div>}
                {inquiry.wanted_date && <div><dt>{t('contact.wantedDate')}</dt><dd>{f.date(inquiry.wanted_date)}</dd></div>}
                {inquiry.match_id && <div><dt>{t('inq.fromMatch')}</dt><dd>
                  <Link state={state} to={(st) => ({ ...st, route: { name: 'match', id: inquiry.match_id } })}>{t('inq.openMatch')}</Link>
                </dd></div>}
              </dl>
            )}
            <label for={`inq-status-${inquiry.id}`}>{t('inq.status')}</label>{' '}
            <select id={`inq-status-${inquiry.id}`} value={inquiry.status}
              onChange={(e) => void setStatus(inquiry, e.currentTarget.value as Status)}>
              {(Object.keys(STATUSES) as Status[]).map((s) => <option key={s} value={s}>{t(STATUSES[s])}</option>)}
            </select>
            <InquiryOutcome inquiryId={inquiry.id} session={session} />
          </article>
        ))}
    </section>
  );
}
