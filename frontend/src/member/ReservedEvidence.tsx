// Evidence for reserved contracts: the organisation lists its attestations (proposed, verified, rejected,
// in force until their expiry) and proposes a new one; the cluster's admins verify it before the
// buyer-match counts it (docs/procurement.md).
import { useEffect, useState } from 'preact/hooks';
import { ApiError, getJson, postJson } from '../api/client';
import type { components } from '../api/schema';
import { errorsByField, Field, type FieldErrors } from '../forms/Field';
import { useI18n, type MessageKey } from '../i18n';
import { MemberError } from './MemberError';
import type { MemberSession } from './session';

type Evidence = components['schemas']['EvidenceOut'];
type Basis = components['schemas']['EvidenceCreate']['legal_basis'];
const BASES: Basis[] = ['ro_social_insertion', 'ro_protected_unit'];
const EMPTY = { legal_basis: BASES[0] as Basis, share: '', number: '', issuer: '', issued_on: '', expires_on: '' };

export function ReservedEvidence({ session, enterpriseId }: { session: MemberSession; enterpriseId: number }) {
  const i18n = useI18n();
  const { t, f } = i18n;
  const [items, setItems] = useState<Evidence[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const [form, setForm] = useState(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const where = { path: { key: String(enterpriseId) }, token: session.token };
  useEffect(() => {
    getJson('/api/v1/enterprises/{key}/reserved-eligibilities', where).then(setItems, setLoadError);
  }, [attempt]);
  const set = <K extends keyof typeof EMPTY>(key: K, value: (typeof EMPTY)[K]) => setForm((s) => ({ ...s, [key]: value }));

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setErrors({});
    setMessage(null);
    try {
      await postJson('/api/v1/enterprises/{key}/reserved-eligibilities', {
        legal_basis: form.legal_basis, share_disadvantaged_pct: form.share, attestation_number: form.number.trim(),
        issuer: form.issuer.trim(), issued_on: form.issued_on || null, expires_on: form.expires_on,
      }, where);
      setForm(EMPTY);
      setMessage(t('reservedEvidence.sent'));
      setAttempt((n) => n + 1);
    } catch (e) {
      if (e instanceof ApiError && e.status === 422 && e.errors.length) setErrors(errorsByField(e.errors, i18n));
      setMessage(e instanceof ApiError && e.problem?.reason === 'reserved.wrong_country' ? t('reservedEvidence.wrongCountry') : t('form.error'));
    }
  }

  const status = (e: Evidence) => (e.in_force ? t('reservedEvidence.inForce', { date: f.date(e.expires_on) })
    : e.status === 'verified' ? t('reservedEvidence.expired', { date: f.date(e.expires_on) })
      : t(`reservedEvidence.status.${e.status}` as MessageKey));
  return (
    <section aria-labelledby="reserved-heading" class="admin-card">
      <h2 id="reserved-heading">{t('reservedEvidence.heading')}</h2>
      <p class="hint">{t('reservedEvidence.intro')}</p>
      {loadError ? <MemberError error={loadError} retry={() => { setLoadError(null); setAttempt((n) => n + 1); }} />
        : items === null ? <p role="status">{t('results.loading')}</p> : items.length === 0 ? <p>{t('reservedEvidence.none')}</p> : (
          <ul class="member-list">
            {items.map((e) => (
              <li key={e.id}>
                <strong>{t(`reserved.basis.${e.legal_basis}` as MessageKey)}</strong>
                {' · '}{e.attestation_number} · {f.number(Number(e.share_disadvantaged_pct))} % · {status(e)}
              </li>
            ))}
          </ul>
        )}
      <h3>{t('reservedEvidence.new')}</h3>
      <form onSubmit={submit} noValidate class="admin-form">
        <Field id="evidence-basis" label={t('reservedEvidence.basis')} error={errors.legal_basis}>
          {(attrs) => (
            <select {...attrs} value={form.legal_basis} onChange={(e) => set('legal_basis', e.currentTarget.value as Basis)}>
              {BASES.map((b) => <option key={b} value={b}>{t(`reserved.basis.${b}` as MessageKey)}</option>)}
            </select>
          )}
        </Field>
        <Field id="evidence-share" label={t('reservedEvidence.share')} error={errors.share_disadvantaged_pct} required>
          {(attrs) => <input {...attrs} type="number" min={0} max={100} step="0.1" value={form.share}
            onInput={(e) => set('share', e.currentTarget.value)} />}
        </Field>
        <Field id="evidence-number" label={t('reservedEvidence.number')} error={errors.attestation_number} required>
          {(attrs) => <input {...attrs} value={form.number} onInput={(e) => set('number', e.currentTarget.value)} />}
        </Field>
        <Field id="evidence-issuer" label={t('reservedEvidence.issuer')} error={errors.issuer} required>
          {(attrs) => <input {...attrs} value={form.issuer} onInput={(e) => set('issuer', e.currentTarget.value)} />}
        </Field>
        <div class="field field--pair">
          <Field id="evidence-issued" label={t('reservedEvidence.issuedOn')} error={errors.issued_on}>
            {(attrs) => <input {...attrs} type="date" value={form.issued_on} onInput={(e) => set('issued_on', e.currentTarget.value)} />}
          </Field>
          <Field id="evidence-expires" label={t('reservedEvidence.expiresOn')} error={errors.expires_on} required>
            {(attrs) => <input {...attrs} type="date" value={form.expires_on} onInput={(e) => set('expires_on', e.currentTarget.value)} />}
          </Field>
        </div>
        <p><button type="submit" class="button button--primary">{t('reservedEvidence.submit')}</button></p>
        <div role="status" aria-live="polite">{message && <p>{message}</p>}</div>
      </form>
    </section>
  );
}
