// /add-enterprise: anyone proposes an enterprise (POST /api/v1/submissions, kind `new`); a moderator
// reviews it before anything is published, and the submitter hears the outcome by e-mail. The pin map
// is the members' area's; while the name is typed, look-alike entries are shown (SimilarHints).
import { useEffect, useRef, useState } from 'preact/hooks';
import { postJson, type BodyOf } from '../api/client';
import { Link, toMap } from '../app/Link';
import { useAppState } from '../app/store';
import { Field, type FieldErrors } from '../forms/Field';
import { useI18n } from '../i18n';
import { PinMap } from '../console/PinMap';
import { COUNTRIES, IMPACTS, KINDS, labelOf } from '../taxonomies/labels';
import { problemOf, submissionErrors } from './errors';
import { PrivacyNote } from './PrivacyNote';
import { SimilarHints } from './SimilarHints';

type Body = BodyOf<'/api/v1/submissions'>;
type Enterprise = NonNullable<Body['enterprise']>;
type Country = (typeof COUNTRIES)[number];

/** Where the pin starts in each country, until it is moved. */
const COUNTRY_CENTRES: Record<Country, [number, number]> = { RO: [45.85, 24.97], MD: [47.25, 28.45], UA: [49.1, 31.4] };

const EMPTY = {
  name: '', kind: 'social_enterprise', country: 'RO' as Country, locality: '', address: '', lat: '45.85', lon: '24.97',
  impact: '', description: '', website: '', phone: '', employees: '', submitterName: '', submitterEmail: '', message: '',
  trap: '',
};
type Values = typeof EMPTY;

/** The body the API validates: empty optional fields are left out; what is not a number is sent as typed, so the 422 names it. */
export function proposalBody(v: Values, lang: Body['language']): Body {
  const number = (text: string) => (Number.isFinite(Number(text)) && text.trim() !== '' ? Number(text) : text);
  // The generated type lists the API's defaults as required; left out, the API applies them (and never
  // takes status or verified from the public).
  const enterprise = {
    name: v.name.trim(), kind: v.kind as Enterprise['kind'], country: v.country,
    location: { type: 'Point', coordinates: [number(v.lon), number(v.lat)] as [number, number] },
    ...(v.locality.trim() ? { locality: v.locality.trim() } : {}),
    ...(v.address.trim() ? { address: v.address.trim() } : {}),
    ...(v.impact ? { impact_areas: [v.impact] } : {}),
    ...(v.description.trim() ? { description: { [lang ?? 'en']: v.description.trim() } } : {}),
    ...(v.website.trim() ? { website: v.website.trim() } : {}),
    ...(v.phone.trim() ? { phone: v.phone.trim() } : {}),
    ...(v.employees.trim() ? { employees_total: number(v.employees) as number } : {}),
  } as Enterprise;
  return {
    kind: 'new', enterprise, submitter_name: v.submitterName.trim(), submitter_email: v.submitterEmail.trim(),
    language: lang, ...(v.message.trim() ? { message: v.message.trim() } : {}),
    ...(v.trap ? { website_url2: v.trap } : {}),
  };
}

export function AddEnterprisePage() {
  const state = useAppState();
  const i18n = useI18n();
  const { t, lang, code } = i18n;
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState('');
  const [status, setStatus] = useState<'editing' | 'sending' | 'sent'>('editing');
  const pinMoved = useRef(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => { document.title = `${t('participate.add.heading')} · ${t('app.title')}`; }, [lang]);

  const set = (key: keyof Values) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    if (key === 'lat' || key === 'lon') pinMoved.current = true;
    setValues((v) => {
      const next = { ...v, [key]: value };
      if (key === 'country' && !pinMoved.current) {
        const [lat, lon] = COUNTRY_CENTRES[value as Country];
        return { ...next, lat: String(lat), lon: String(lon) };
      }
      return next;
    });
  };

  async function submit(event: Event) {
    event.preventDefault();
    setStatus('sending');
    try {
      await postJson('/api/v1/submissions', proposalBody(values, lang));
      setStatus('sent');
      heading.current?.focus();
    } catch (error) {
      const { api, problem: line } = problemOf(error, i18n);
      const byField = submissionErrors(api.errors, i18n);
      // The place's errors (out of range, in the sea) go under the coordinates, in the reader's words
      // where the SPA can tell what is wrong.
      if (byField.location) byField.lat = byField.location;
      const lat = Number(values.lat);
      const lon = Number(values.lon);
      if (values.lat.trim() === '' || !(Math.abs(lat) <= 90)) byField.lat = t('participate.latRange');
      else if (values.lon.trim() === '' || !(Math.abs(lon) <= 180)) byField.lat = t('participate.lonRange');
      setErrors(byField);
      setProblem(line);
      setStatus('editing');
    }
  }

  const field = (name: keyof Values, label: string, attrs: Record<string, unknown> = {}, error = errors[name], required = false) => (
    <Field id={`add-${name}`} label={label} error={error} required={required}>
      {(a) => <input {...a} type="text" {...attrs} value={values[name]} onInput={set(name)} />}
    </Field>
  );

  if (status === 'sent') {
    return (
      <main id="main" class="page participate">
        <h1 ref={heading} tabIndex={-1}>{t('participate.add.heading')}</h1>
        <div class="state state--ok" role="status">
          <p>{t('participate.add.sent', { name: values.name.trim() })}</p>
          <p>{t('participate.outcomeByMail')}</p>
        </div>
        <p><Link state={state} to={toMap}>{t('app.backToMap')}</Link></p>
      </main>
    );
  }
  return (
    <main id="main" class="page participate">
      <h1 ref={heading} tabIndex={-1}>{t('participate.add.heading')}</h1>
      <p>{t('participate.add.intro')}</p>
      <form class="form" onSubmit={submit} noValidate aria-labelledby="add-about-heading">
        <h2 id="add-about-heading">{t('participate.add.about')}</h2>
        {field('name', t('participate.field.name'), { autoComplete: 'organization', maxLength: 200 }, errors.name, true)}
        <SimilarHints name={values.name} locality={values.locality} />
        <Field id="add-kind" label={t('filters.kind')} error={errors.kind} required>
          {(a) => <select {...a} value={values.kind} onChange={set('kind')}>
            {KINDS.map((k) => <option key={k} value={k}>{code('kind', k)}</option>)}
          </select>}
        </Field>
        <Field id="add-impact" label={t('filters.impact')} error={errors.impact_areas}>
          {(a) => <select {...a} value={values.impact} onChange={set('impact')}>
            <option value="">—</option>
            {IMPACTS.map((i) => <option key={i.code} value={i.code}>{labelOf(i, lang, i.code)}</option>)}
          </select>}
        </Field>
        <Field id="add-description" label={t('participate.field.description')} error={errors.description}
          hint={t('participate.field.descriptionHint')}>
          {(a) => <textarea {...a} rows={4} maxLength={5000} value={values.description} onInput={set('description')} />}
        </Field>
        {field('employees', t('member.field.employeesTotal'), { type: 'number', min: 0, step: 1, inputMode: 'numeric' }, errors.employees_total)}
        {field('website', t('enterprise.website'), { type: 'url', autoComplete: 'url', placeholder: 'https://' }, errors.website)}
        {field('phone', t('enterprise.phone'), { type: 'tel', autoComplete: 'tel' }, errors.phone)}

        <h2 id="add-place-heading">{t('enterprise.location')}</h2>
        <Field id="add-country" label={t('filters.country')} error={errors.country} required>
          {(a) => <select {...a} value={values.country} onChange={set('country')}>
            {COUNTRIES.map((c) => <option key={c} value={c}>{code('country', c)}</option>)}
          </select>}
        </Field>
        {field('locality', t('member.field.locality'), { autoComplete: 'address-level2', maxLength: 200 }, errors.locality)}
        {field('address', t('member.field.address'), { autoComplete: 'street-address', maxLength: 200 }, errors.address)}
        <p class="hint" id="add-pin-hint">{t('participate.add.pinHint')}</p>
        <PinMap key={values.country} lat={Number(values.lat)} lon={Number(values.lon)}
          onMove={(lat, lon) => { pinMoved.current = true; setValues((v) => ({ ...v, lat: String(lat), lon: String(lon) })); }} />
        <div class="field--pair field">
          {field('lat', t('member.field.lat'), { type: 'number', step: 'any', inputMode: 'decimal' }, errors.lat, true)}
          {field('lon', t('member.field.lon'), { type: 'number', step: 'any', inputMode: 'decimal' }, errors.lat ? undefined : errors.lon, true)}
        </div>

        <h2 id="add-you-heading">{t('participate.you')}</h2>
        {field('submitterName', t('contact.name'), { autoComplete: 'name', maxLength: 200 }, errors.submitter_name, true)}
        {field('submitterEmail', t('contact.email'), { type: 'email', autoComplete: 'email', maxLength: 320 }, errors.submitter_email, true)}
        <Field id="add-message" label={t('participate.field.message')} error={errors.message}>
          {(a) => <textarea {...a} rows={3} maxLength={2000} value={values.message} onInput={set('message')} />}
        </Field>
        {/* Hidden from people; bots fill it, and the API then stores nothing. */}
        <div class="trap" aria-hidden="true">
          <label for="add-website-url2">Website 2</label>
          <input id="add-website-url2" type="text" tabIndex={-1} autoComplete="off" value={values.trap} onInput={set('trap')} />
        </div>
        <PrivacyNote what="submission" />
        {problem && <p class="field__error" role="alert">{problem}</p>}
        <button type="submit" class="button button--primary" disabled={status === 'sending'}>
          {status === 'sending' ? t('form.sending') : t('participate.add.submit')}
        </button>
      </form>
    </main>
  );
}
