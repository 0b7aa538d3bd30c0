// The organisation's offerings: list, add, edit and remove (PATCH and DELETE with If-Match).
import { useEffect, useState } from 'preact/hooks';
import { ApiError, currentEtag, deleteJson, getJson, patchJson, postJson } from '../api/client';
import type { components } from '../api/schema';
import { errorsByField, Field, type FieldErrors } from '../forms/Field';
import { useI18n } from '../i18n';
import { MemberError } from './MemberError';
import type { MemberSession } from './session';

type Offering = components['schemas']['OfferingOut'];
type Mode = components['schemas']['DeliveryMode'];
const MODES: Mode[] = ['pickup', 'delivery', 'shipping', 'on_site', 'remote'];

function OfferingForm({ id, initial, onSave, onCancel }: {
  id: string; initial: { title: string; description: string; delivery_mode: Mode };
  onSave: (body: { title: string; description: string | null; delivery_mode: Mode }) => Promise<void>; onCancel?: () => void;
}) {
  const i18n = useI18n();
  const { t, code } = i18n;
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setErrors({});
    setError(null);
    try {
      await onSave({ title: form.title.trim(), description: form.description.trim() || null, delivery_mode: form.delivery_mode });
      if (!onCancel) setForm({ title: '', description: '', delivery_mode: 'pickup' });
    } catch (e) {
      if (e instanceof ApiError && e.status === 422 && e.errors.length) setErrors(errorsByField(e.errors, i18n));
      setError(e instanceof ApiError && e.status === 412 ? t('member.conflict') : t('form.error'));
    }
  }
  return (
    <form onSubmit={submit} noValidate class="console-form">
      <Field id={`${id}-title`} label={t('offer.title')} error={errors.title} required>
        {(attrs) => <input {...attrs} value={form.title} onInput={(e) => setForm({ ...form, title: e.currentTarget.value })} />}
      </Field>
      <Field id={`${id}-description`} label={t('member.field.description')} error={errors.description}>
        {(attrs) => <input {...attrs} value={form.description} onInput={(e) => setForm({ ...form, description: e.currentTarget.value })} />}
      </Field>
      <Field id={`${id}-mode`} label={t('offering.delivery')} error={errors.delivery_mode}>
        {(attrs) => (
          <select {...attrs} value={form.delivery_mode} onChange={(e) => setForm({ ...form, delivery_mode: e.currentTarget.value as Mode })}>
            {MODES.map((m) => <option key={m} value={m}>{code('delivery', m)}</option>)}
          </select>
        )}
      </Field>
      <p>
        <button type="submit" class="button button--primary">{onCancel ? t('member.save') : t('offer.add')}</button>
        {onCancel && <> <button type="button" class="button" onClick={onCancel}>{t('offer.cancel')}</button></>}
      </p>
      {error && <p class="state state--error" role="alert">{error}</p>}
    </form>
  );
}

export function Offerings({ session, enterpriseId }: { session: MemberSession; enterpriseId: number }) {
  const { t, code } = useI18n();
  const [items, setItems] = useState<Offering[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const key = String(enterpriseId);
  const one = (offering: Offering) => ({ path: { key, offering_id: offering.id }, token: session.token });
  const offeringEtag = (offering: Offering) =>
    currentEtag('/api/v1/enterprises/{key}/offerings/{offering_id}', one(offering), (now) => now.version === offering.version);
  useEffect(() => {
    getJson('/api/v1/enterprises/{key}/offerings', { path: { key }, token: session.token }).then(setItems, setError);
  }, [attempt]);

  async function remove(offering: Offering) {
    setMessage(null);
    try {
      await deleteJson('/api/v1/enterprises/{key}/offerings/{offering_id}', { ...one(offering), ifMatch: await offeringEtag(offering) });
      setMessage(t('offer.removed', { title: offering.title }));
    } catch (e) {
      setMessage(e instanceof ApiError && e.status === 412 ? t('member.conflict') : t('form.error'));
    }
    setAttempt((n) => n + 1);
  }

  return (
    <section aria-labelledby="offers-heading" class="console-card">
      <h2 id="offers-heading">{t('offer.heading')}</h2>
      <div role="status" aria-live="polite">{message && <p>{message}</p>}</div>
      {error ? <MemberError error={error} retry={() => { setError(null); setAttempt((n) => n + 1); }} />
        : items === null ? <p>{t('results.loading')}</p> : (
          <ul class="member-list">
            {items.map((o) => (
              <li key={o.id}>
                {editing === o.id ? (
                  <OfferingForm id={`offer-${o.id}`} initial={{ title: o.title, description: o.description ?? '', delivery_mode: o.delivery_mode as Mode }}
                    onCancel={() => setEditing(null)}
                    onSave={async (body) => {
                      await patchJson('/api/v1/enterprises/{key}/offerings/{offering_id}', body, { ...one(o), ifMatch: await offeringEtag(o) });
                      setEditing(null);
                      setMessage(t('offer.saved', { title: body.title }));
                      setAttempt((n) => n + 1);
                    }} />
                ) : <>
                  <strong>{o.title}</strong> <span class="muted">{code('delivery', o.delivery_mode)}</span>{' '}
                  <button type="button" class="button" aria-label={t('offer.editFor', { title: o.title })} onClick={() => setEditing(o.id)}>{t('offer.edit')}</button>{' '}
                  <button type="button" class="button" aria-label={t('offer.removeFor', { title: o.title })} onClick={() => void remove(o)}>{t('offer.remove')}</button>
                </>}
              </li>
            ))}
          </ul>
        )}
      <h3>{t('offer.new')}</h3>
      <OfferingForm id="offer-new" initial={{ title: '', description: '', delivery_mode: 'pickup' }}
        onSave={async (body) => {
          await postJson('/api/v1/enterprises/{key}/offerings', body, { path: { key }, token: session.token });
          setMessage(t('offer.added', { title: body.title }));
          setAttempt((n) => n + 1);
        }} />
    </section>
  );
}
