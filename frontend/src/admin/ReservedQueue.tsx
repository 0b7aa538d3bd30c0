// Admins check the reserved-contract evidence members proposed (oldest first) against the issuer's
// register and verify or reject it (If-Match): only verified, unexpired evidence counts in the match.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, getJson, postJson, type JsonOf } from '../api/client';
import { useI18n, type MessageKey } from '../i18n';

type Item = JsonOf<'/api/v1/reserved-eligibilities'>[number];

export function ReservedQueue({ token }: { token: string }) {
  const { t, f } = useI18n();
  const [items, setItems] = useState<Item[] | null>(null);
  const [error, setError] = useState(false);
  const [attempt, setAttempt] = useState(0);
  // Verifying is for admins: an editor's console simply does not show the queue.
  const [forAdminsOnly, setForAdminsOnly] = useState(false);
  useEffect(() => {
    getJson('/api/v1/reserved-eligibilities', { token }).then(setItems, (e: unknown) => {
      if (e instanceof ApiError && e.status === 403) setForAdminsOnly(true);
      else setError(true);
    });
  }, [token, attempt]);

  async function decide(item: Item, status: 'verified' | 'rejected') {
    setError(false);
    try {
            await postJson('/api/v1/reserved-eligibilities/{evidence_id}/decision', { status },
        { path: { evidence_id: item.id }, token, ifMatch: item.etag });
    } catch {
      setError(true);
    }
    setAttempt((n) => n + 1);
  }

  if (forAdminsOnly) return null;
  return (
    <section aria-labelledby="reserved-queue-heading">
      <h2 id="reserved-queue-heading">{t('reservedEvidence.queueHeading')}</h2>
      {error && <p class="field__error" role="alert">{t('form.error')}</p>}
      {items === null ? <p role="status">{t('results.loading')}</p> : items.length === 0 ? <p>{t('reservedEvidence.queueEmpty')}</p> : (
        <ul class="impact-queue">
          {items.map((item) => (
            <li key={item.id}>
              <strong>{item.enterprise.name}</strong> ({item.enterprise.country}):
              {' '}{t(`reserved.basis.${item.legal_basis}` as MessageKey)}, {item.attestation_number}, {item.issuer},
              {' '}{f.number(Number(item.share_disadvantaged_pct))} %, {t('reservedEvidence.expiresOn')} {f.date(item.expires_on)}
              {' '}<button type="button" class="button" onClick={() => decide(item, 'verified')}>
                {t('reservedEvidence.verify', { name: item.enterprise.name, number: item.attestation_number })}</button>
              {' '}<button type="button" class="button" onClick={() => decide(item, 'rejected')}>
                {t('reservedEvidence.reject', { name: item.enterprise.name, number: item.attestation_number })}</button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
