// The organisation's profile: contact fields, description and a place set by dragging the map's pin
// or by typing latitude and longitude. PATCH with If-Match; a 412 means someone else changed it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import type { components } from '../api/schema';
import { errorsByField, Field, type FieldErrors } from '../forms/Field';
import { useI18n } from '../i18n';
import { baseStyle } from '../map/style';
import { call } from './http';
import type { MemberSession } from './session';

type Detail = components['schemas']['EnterpriseDetail'];
type Patch = components['schemas']['EnterprisePatch'];

interface Form {
  name: string;
  email: string;
  phone: string;
  website: string;
  contact_person: string;
  locality: string;
  address: string;
  description: string;
  lat: string;
  lon: string;
}

function formOf(e: Detail, lang: string): Form {
  const [lon, lat] = e.location.coordinates as [number, number];
  return {
    name: e.name, email: e.email ?? '', phone: e.phone ?? '', website: e.website ?? '', contact_person: e.contact_person ?? '',
    locality: e.locality ?? '', address: e.address ?? '', description: e.description[lang] ?? '',
    lat: String(lat), lon: String(lon),
  };
}

const blank = (value: string) => (value.trim() ? value.trim() : null);

/** A map whose pin can be dragged; the form's latitude and longitude fields move it too. */
function PinMap({ lat, lon, onMove }: { lat: number; lon: number; onMove: (lat: number, lon: number) => void }) {
  const { t, code } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const marker = useRef<{ setLngLat(p: [number, number]): unknown } | null>(null);
  const move = useRef(onMove);
  move.current = onMove;
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let map: { remove(): void } | null = null;
    let disposed = false;
    Promise.all([import('maplibre-gl'), import('../map/controller')]).then(([ml, { supportsWebGL }]) => {
      if (disposed || !container.current) return;
      if (!supportsWebGL()) {
        setFailed(true);
        return;
      }
      const m = new ml.Map({
        container: container.current, style: baseStyle(location.origin, (c) => code('country', c)), center: [lon, lat], zoom: 7,
        attributionControl: false,
      });
      const pin = new ml.Marker({ draggable: true, color: '#1d4e89' }).setLngLat([lon, lat]).addTo(m);
      pin.getElement().setAttribute('aria-label', t('member.pin'));
      pin.on('dragend', () => {
        const p = pin.getLngLat();
        move.current(Number(p.lat.toFixed(6)), Number(p.lng.toFixed(6)));
      });
      marker.current = pin;
      (window as unknown as { semapPinMap?: unknown }).semapPinMap = m;
      map = m;
    }, () => setFailed(true));
    return () => {
      disposed = true;
      marker.current = null;
      map?.remove();
    };
  }, []);
  useEffect(() => {
    if (Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) marker.current?.setLngLat([lon, lat]);
  }, [lat, lon]);
  return failed ? <p class="state">{t('map.error')}</p>
    : <div ref={container} class="mini-map member-map" data-testid="pin-map" role="group" aria-label={t('member.mapLabel')} />;
}

export function ProfileEditor({ session, initial, initialEtag }: { session: MemberSession; initial: Detail; initialEtag: string | null }) {
  const { t, lang } = useI18n();
  const [enterprise, setEnterprise] = useState(initial);
  const [etag, setEtag] = useState<string | null>(initialEtag);
  const [form, setForm] = useState(() => formOf(initial, lang));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function reload(text: string) {
    const { data, etag: tag } = await call<Detail>('GET', `/api/v1/enterprises/${encodeURIComponent(session.organisation)}`, session.token);
    setEnterprise(data);
    setEtag(tag);
    setForm(formOf(data, lang));
    setMessage({ ok: false, text });
  }

  const set = (key: keyof Form) => (e: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) =>
    setForm((f) => ({ ...f, [key]: e.currentTarget.value }));

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setMessage(null);
    const lat = Number(form.lat);
    const lon = Number(form.lon);
    const body: Patch = {
      name: form.name.trim(), email: blank(form.email), phone: blank(form.phone), website: blank(form.website),
      contact_person: blank(form.contact_person), locality: blank(form.locality), address: blank(form.address),
      description: { ...enterprise.description, [lang]: form.description.trim() },
      location: { type: 'Point', coordinates: [lon, lat] },
    };
    if (!form.description.trim()) delete body.description![lang];
    try {
      const { data, etag: tag } = await call<Detail>('PATCH', `/api/v1/enterprises/${enterprise.id}`, session.token, { body, ifMatch: etag });
      setEnterprise((current) => ({ ...current, ...data }));
      setEtag(tag);
      setMessage({ ok: true, text: t('member.saved') });
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) {
        await reload(t('member.conflict')).catch(() => undefined);
      } else if (e instanceof ApiError && e.status === 422 && e.errors.length) {
        const byField = errorsByField(e.errors);
        if (byField.location) byField.lat = byField.location;
        setErrors(byField);
        setMessage({ ok: false, text: t('form.fixFields') });
      } else {
        setMessage({ ok: false, text: e instanceof ApiError ? `${t('form.error')} ${e.message}` : t('form.error') });
      }
    } finally {
      setBusy(false);
    }
  }

  const text = (key: keyof Form, label: string, type = 'text') => (
    <Field id={`member-${key}`} label={label} error={errors[key]}>
      {(attrs) => <input {...attrs} type={type} value={form[key]} onInput={set(key)} />}
    </Field>
  );

  return (
    <section aria-labelledby="member-profile-heading" class="admin-card">
      <h2 id="member-profile-heading">{t('member.profile')}</h2>
      <form onSubmit={submit} noValidate>
        {text('name', t('member.field.name'))}
        {text('contact_person', t('member.field.contact'))}
        {text('email', t('member.field.email'), 'email')}
        {text('phone', t('member.field.phone'), 'tel')}
        {text('website', t('member.field.website'), 'url')}
        {text('locality', t('member.field.locality'))}
        {text('address', t('member.field.address'))}
        <Field id="member-description" label={t('member.field.description')} error={errors.description}>
          {(attrs) => <textarea {...attrs} rows={4} value={form.description} onInput={set('description')} />}
        </Field>
        <fieldset>
          <legend>{t('member.location')}</legend>
          <p class="hint">{t('member.locationHint')}</p>
          <PinMap lat={Number(form.lat)} lon={Number(form.lon)}
            onMove={(lat, lon) => setForm((f) => ({ ...f, lat: String(lat), lon: String(lon) }))} />
          {text('lat', t('member.field.lat'), 'number')}
          {text('lon', t('member.field.lon'), 'number')}
        </fieldset>
        <p><button type="submit" class="button button--primary" disabled={busy}>{t('member.save')}</button></p>
        <div role="status" aria-live="polite">
          {message && <p class={`state ${message.ok ? 'state--ok' : 'state--error'}`}>{message.text}</p>}
        </div>
      </form>
    </section>
  );
}
