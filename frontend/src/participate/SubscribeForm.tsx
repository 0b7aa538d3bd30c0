// "Subscribe to new enterprises in this area", under the map's list: the area is the search circle,
// the chosen region, or what the map shows now; the current filters come along. POST /api/v1/subscriptions
// stores it pending and e-mails a confirmation link (double opt-in); nothing else is sent until it is used.
import { useState } from 'preact/hooks';
import { postJson, type BodyOf } from '../api/client';
import { useAppState } from '../app/store';
import { errorsByField, Field, type FieldErrors } from '../forms/Field';
import { useI18n } from '../i18n';
import { lastMapBounds, withinWorld } from '../map/bounds';
import { regionName } from '../taxonomies/labels';
import { problemOf } from './errors';
import { PrivacyNote } from './PrivacyNote';

type Body = BodyOf<'/api/v1/subscriptions'>;
type AreaKind = 'view' | 'around' | 'region';

/** The form itself, loaded when its section is first opened (SubscribeSection). */
export function SubscribeForm() {
  const state = useAppState();
  const i18n = useI18n();
  const { t, lang } = i18n;
  const { filters, around } = state;
  const region = filters.region[0] ?? null;
  const choices: AreaKind[] = [...(around ? ['around' as const] : []), ...(region ? ['region' as const] : []), 'view'];
  const [chosen, setChosen] = useState<AreaKind | null>(null);
  const area = chosen && choices.includes(chosen) ? chosen : choices[0]!;
  const [email, setEmail] = useState('');
  const [frequency, setFrequency] = useState<Body['frequency']>('weekly');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState('');
  const [status, setStatus] = useState<'editing' | 'sending' | 'sent'>('editing');

  function areaOf(kind: AreaKind): Partial<Body> | null {
    if (kind === 'around' && around) return { lat: around.lat, lon: around.lng, radius_km: Math.min(around.radiusKm, 500) };
    if (kind === 'region' && region) return { region };
    const bounds = lastMapBounds();
    return bounds ? { bbox: withinWorld(bounds) } : null;
  }

  async function submit(event: Event) {
    event.preventDefault();
    const where = areaOf(area);
    if (!where) {
      setProblem(t('participate.subscribe.noArea'));
      return;
    }
    setStatus('sending');
    try {
      await postJson('/api/v1/subscriptions', {
        email: email.trim(), frequency, language: lang, ...where,
        ...(filters.country.length ? { country: filters.country as Body['country'] } : {}),
        ...(filters.kind.length ? { kind: filters.kind as Body['kind'] } : {}),
        ...(filters.impact.length ? { impact: filters.impact } : {}),
        ...(filters.certification.length ? { certification: filters.certification } : {}),
      });
      setStatus('sent');
    } catch (error) {
      const { api, problem: line } = problemOf(error, i18n);
      setErrors(errorsByField(api.errors, i18n));
      setProblem(line);
      setStatus('editing');
    }
  }

  const label = (kind: AreaKind) => (kind === 'around' && around ? t('participate.subscribe.around', { km: Math.round(around.radiusKm) })
    : kind === 'region' && region ? t('participate.subscribe.region', { region: regionName(region, lang) })
      : t('participate.subscribe.view'));
  if (status === 'sent') {
    return <div class="state state--ok" role="status"><p>{t('participate.subscribe.sent', { email: email.trim() })}</p></div>;
  }
  return (
    <form class="form" onSubmit={submit} noValidate aria-labelledby="subscribe-heading">
      <p class="hint">{t('participate.subscribe.intro')}</p>
      <fieldset class="field">
        <legend>{t('participate.subscribe.area')}</legend>
        {choices.map((kind) => (
          <label key={kind} class="check">
            <input type="radio" name="subscribe-area" value={kind} checked={area === kind} onChange={() => setChosen(kind)} />
            {label(kind)}
          </label>
        ))}
      </fieldset>
      {errors.bbox || errors.region || errors.lat ? <p class="field__error">{errors.bbox ?? errors.region ?? errors.lat}</p> : null}
      <Field id="subscribe-email" label={t('contact.email')} error={errors.email} required>
        {(a) => <input {...a} type="email" autoComplete="email" maxLength={320} value={email} onInput={(e) => setEmail(e.currentTarget.value)} />}
      </Field>
      <Field id="subscribe-frequency" label={t('participate.subscribe.frequency')} error={errors.frequency}>
        {(a) => <select {...a} value={frequency} onChange={(e) => setFrequency(e.currentTarget.value as Body['frequency'])}>
          <option value="weekly">{t('participate.subscribe.weekly')}</option>
          <option value="daily">{t('participate.subscribe.daily')}</option>
        </select>}
      </Field>
      <PrivacyNote what="subscription" />
      {problem && <p class="field__error" role="alert">{problem}</p>}
      <button type="submit" class="button button--primary" disabled={status === 'sending'}>
        {status === 'sending' ? t('form.sending') : t('participate.subscribe.submit')}
      </button>
    </form>
  );
}
