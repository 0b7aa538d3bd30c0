// The organisation's offerings: list, add, edit and remove (PATCH and DELETE with If-Match), each with its
// CPV codes (picked from CPV 2008 in the reader's language), quantity range and unit, lead time and delivery area,
// which the buyer-match uses.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, currentEtag, deleteJson, getJson, patchJson, postJson } from '../api/client';
import type { components } from '../api/schema';
import { errorsByField, Field, type FieldErrors } from '../forms/Field';
import { useI18n } from '../i18n';
import { CpvPicker, useCpv } from '../match/CpvPicker';
import { unitLabel } from '../match/facts';
import { UNIT_CODES } from '../match/units';
import { COUNTRIES } from '../taxonomies/labels';
import { MemberError } from './MemberError';
import type { MemberSession } from './session';

type Offering = components['schemas']['OfferingOut'];
type Mode = components['schemas']['DeliveryMode'];
type Country = (typeof COUNTRIES)[number];
const MODES: Mode[] = ['pickup', 'delivery', 'shipping', 'on_site', 'remote'];

interface OfferingDraft {
  title: string; description: string; delivery_mode: Mode; cpv_codes: string[]; min: string; max: string; unit: string;
  lead: string; radius: string; countries: Country[];
}
type OfferingBody = {
  title: string; description: string | null; delivery_mode: Mode; cpv_codes: string[]; min_order_quantity: number | null;
  max_order_quantity: number | null; quantity_unit: string | null; lead_time_days: number | null;
  delivery_radius_km: number | null; delivery_countries: Country[];
};

const BLANK: OfferingDraft = {
  title: '', description: '', delivery_mode: 'pickup', cpv_codes: [], min: '', max: '', unit: '', lead: '', radius: '', countries: [],
};

function draftOf(o: Offering): OfferingDraft {
  const text = (v: unknown) => (v === null || v === undefined ? '' : String(Number(v)));
  return {
    title: o.title, description: o.description ?? '', delivery_mode: o.delivery_mode as Mode, cpv_codes: o.cpv_codes,
    min: text(o.min_order_quantity), max: text(o.max_order_quantity), unit: o.quantity_unit ?? '', lead: text(o.lead_time_days),
    radius: text(o.delivery_radius_km), countries: o.delivery_countries as Country[],
  };
}

function bodyOf(d: OfferingDraft): OfferingBody {
  const number = (v: string) => (v.trim() === '' ? null : Number(v));
  return {
    title: d.title.trim(), description: d.description.trim() || null, delivery_mode: d.delivery_mode, cpv_codes: d.cpv_codes,
    min_order_quantity: number(d.min), max_order_quantity: number(d.max), quantity_unit: d.unit || null,
    lead_time_days: number(d.lead), delivery_radius_km: number(d.radius), delivery_countries: d.countries,
  };
}

function OfferingForm({ id, initial, onSave, onCancel }: {
  id: string; initial: OfferingDraft; onSave: (body: OfferingBody) => Promise<void>; onCancel?: () => void;
}) {
  const i18n = useI18n();
  const { t, code } = i18n;
  // The CPV list (about 0.5 MB) is fetched when the reader reaches the picker or edits an offering with codes.
  const [wantCpv, setWantCpv] = useState(initial.cpv_codes.length > 0);
  const cpv = useCpv(wantCpv);
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const set = <K extends keyof OfferingDraft>(key: K, value: OfferingDraft[K]) => setForm((s) => ({ ...s, [key]: value }));
  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setErrors({});
    setError(null);
    try {
      await onSave(bodyOf(form));
      if (!onCancel) setForm(BLANK);
    } catch (e) {
      if (e instanceof ApiError && e.status === 422 && e.errors.length) setErrors(errorsByField(e.errors, i18n));
      setError(e instanceof ApiError && e.status === 412 ? t('member.conflict') : t('form.error'));
    }
  }
  const numberInput = (key: 'min' | 'max' | 'lead' | 'radius') => (attrs: Record<string, unknown>) => (
    <input {...attrs} type="number" min={0} step={1} inputMode="numeric" value={form[key]}
      onInput={(e) => set(key, e.currentTarget.value)} />
  );
  return (
    <form onSubmit={submit} noValidate class="console-form">
      <Field id={`${id}-title`} label={t('offer.title')} error={errors.title} required>
        {(attrs) => <input {...attrs} value={form.title} onInput={(e) => set('title', e.currentTarget.value)} />}
      </Field>
      <Field id={`${id}-description`} label={t('member.field.description')} error={errors.description}>
        {(attrs) => <input {...attrs} value={form.description} onInput={(e) => set('description', e.currentTarget.value)} />}
      </Field>
      <div onFocusIn={() => setWantCpv(true)} onPointerDown={() => setWantCpv(true)}>
        <CpvPicker id={`${id}-cpv`} items={cpv} selected={form.cpv_codes} onChange={(v) => set('cpv_codes', v)}
          legend={t('offer.categories')} search={t('offer.searchCategories')} error={errors.cpv_codes} />
      </div>
      <div class="field field--pair">
        <Field id={`${id}-min`} label={t('offer.minQuantity')} error={errors.min_order_quantity}>{numberInput('min')}</Field>
        <Field id={`${id}-max`} label={t('offer.maxQuantity')} error={errors.max_order_quantity}>{numberInput('max')}</Field>
      </div>
      <Field id={`${id}-unit`} label={t('offer.unit')} error={errors.quantity_unit}>
        {(attrs) => (
          <select {...attrs} value={form.unit} onChange={(e) => set('unit', e.currentTarget.value)}>
            <option value="">{t('offer.noUnit')}</option>
            {UNIT_CODES.map((u) => <option key={u} value={u}>{unitLabel(u, t)}</option>)}
          </select>
        )}
      </Field>
      <Field id={`${id}-lead`} label={t('offer.leadTime')} error={errors.lead_time_days}>{numberInput('lead')}</Field>
      <Field id={`${id}-mode`} label={t('offering.delivery')} error={errors.delivery_mode}>
        {(attrs) => (
          <select {...attrs} value={form.delivery_mode} onChange={(e) => set('delivery_mode', e.currentTarget.value as Mode)}>
            {MODES.map((m) => <option key={m} value={m}>{code('delivery', m)}</option>)}
          </select>
        )}
      </Field>
      <Field id={`${id}-radius`} label={t('offer.deliveryRadius')} hint={t('offer.deliveryHint')} error={errors.delivery_radius_km}>
        {numberInput('radius')}
      </Field>
      <fieldset class="field">
        <legend>{t('offer.deliveryCountries')}</legend>
        {COUNTRIES.map((c) => (
          <label key={c} class="check">
            <input type="checkbox" checked={form.countries.includes(c)}
              onChange={(e) => set('countries', e.currentTarget.checked ? [...form.countries, c] : form.countries.filter((x) => x !== c))} />
            {code('country', c)}
          </label>
        ))}
      </fieldset>
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
                  <OfferingForm id={`offer-${o.id}`} initial={draftOf(o)}
                    onCancel={() => setEditing(null)}
                    onSave={async (body) => {
                      await patchJson('/api/v1/enterprises/{key}/offerings/{offering_id}', body, { ...one(o), ifMatch: await offeringEtag(o) });
                      setEditing(null);
                      setMessage(t('offer.saved', { title: body.title }));
                      setAttempt((n) => n + 1);
                    }} />
                ) : <>
                  <strong>{o.title}</strong> <span class="muted">{code('delivery', o.delivery_mode)}
                    {o.cpv_codes.length > 0 && ` · CPV ${o.cpv_codes.join(', ')}`}
                    {o.max_order_quantity != null && ` · ${t('offer.quantityRange', {
                      min: o.min_order_quantity ?? 0, max: o.max_order_quantity, unit: o.quantity_unit ? unitLabel(o.quantity_unit, t) : '',
                    })}`}</span>{' '}
                  <button type="button" class="button" aria-label={t('offer.editFor', { title: o.title })} onClick={() => setEditing(o.id)}>{t('offer.edit')}</button>{' '}
                  <button type="button" class="button" aria-label={t('offer.removeFor', { title: o.title })} onClick={() => void remove(o)}>{t('offer.remove')}</button>
                </>}
              </li>
            ))}
          </ul>
        )}
      <h3>{t('offer.new')}</h3>
      <OfferingForm id="offer-new" initial={BLANK}
        onSave={async (body) => {
          await postJson('/api/v1/enterprises/{key}/offerings', body, { path: { key }, token: session.token });
          setMessage(t('offer.added', { title: body.title }));
          setAttempt((n) => n + 1);
        }} />
    </section>
  );
}
