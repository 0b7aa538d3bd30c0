// /match: the buyer-match wizard. The need (categories and/or keywords, a town or a point on the
// map, distance, countries, certifications, impact, reserved contracts, budget in EUR/RON/MDL/UAH, quantity
// and its unit, deadline) goes to
// POST /api/v1/matches; the ranked results show each score's reasons as labelled bars, on the map
// (numbered by rank) and in a list, with a contact form per result. /match/{id} reloads a stored match.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, getJson, postJson, type BodyOf } from '../api/client';
import type { components } from '../api/schema';
import { Link, toEnterprise } from '../app/Link';
import { navigate, useAppState } from '../app/store';
import { ContactForm, type Recipient } from '../enterprise/ContactForm';
import { fieldMessage } from '../forms/field-errors';
import { useI18n } from '../i18n';
import { CERTIFICATIONS, COUNTRIES, IMPACTS, labelOf, regionName } from '../taxonomies/labels';
import { CpvPicker, useCpv } from './CpvPicker';
import { MatchMap } from './MatchMap';
import { reasonText, unitLabel } from './facts';
import { CURRENCIES, UNIT_CODES } from './units';
import { SaveNeedForm } from '../saved-needs/SaveNeedForm';

type Match = components['schemas']['MatchOut'];
type Result = components['schemas']['MatchResult'];
type Need = BodyOf<'/api/v1/matches'>;
interface Candidate { name: string; country: string; region: string | null; population?: number }

const DISTANCES = [25, 50, 100, 150, 250, 500];

/** The distance choices, with a stored match's own distance (e.g. 300 km sent through the API) among them. */
function distanceChoices(current: string): number[] {
  const km = Number(current);
  return current && Number.isFinite(km) && !DISTANCES.includes(km) ? [...DISTANCES, km].sort((a, b) => a - b) : DISTANCES;
}
const FACTORS = ['category', 'distance', 'impact', 'capacity', 'profile'] as const;
/** Refusals the API explains with a `reason` code, worded here in the reader's language. */
const PROBLEM_REASONS = new Set(['reserved.no_rule', 'money.unknown_currency']);
/** Inquiries are rate-limited per client (20 an hour by default): one message to at most ten at once. */
const MAX_CHOSEN = 10;

interface Form {
  cpv: string[];
  keywords: string;
  town: string;
  townCountry: string | null;
  townRegion: string | null;
  point: [number, number] | null;
  distance: string;
  countries: string[];
  certifications: string[];
  impacts: string[];
  budget: string;
  currency: string;
  quantity: string;
  unit: string;
  deadline: string;
  reserved: boolean;
}

const EMPTY: Form = {
  cpv: [], keywords: '', town: '', townCountry: null, townRegion: null, point: null, distance: '150',
  countries: [], certifications: [], impacts: [], budget: '', currency: 'EUR', quantity: '', unit: '', deadline: '',
  reserved: false,
};

/** The last match made here, so that going to its URL does not ask the API again. */
let lastMatch: Match | null = null;

function needOf(form: Form): Need {
  const keywords = form.keywords.split(',').map((k) => k.trim()).filter((k) => k.length >= 2).slice(0, 10);
  const need: Need = { limit: 20, reserved_only: form.reserved } as Need;
  if (form.cpv.length) need.cpv_codes = form.cpv;
  if (keywords.length) need.keywords = keywords;
  if (form.point) need.location = { type: 'Point', coordinates: form.point };
  else if (form.town.trim()) {
    need.town = { name: form.town.trim(), ...(form.townCountry ? { country: form.townCountry as 'RO' } : {}), ...(form.townRegion ? { region: form.townRegion } : {}) };
  }
  if (form.distance) need.max_distance_km = Number(form.distance);
  if (form.countries.length) need.countries = form.countries as Need['countries'];
  if (form.certifications.length) need.certifications = form.certifications;
  if (form.impacts.length) need.impacts = form.impacts;
  if (form.budget) need.budget = { amount: form.budget, currency: form.currency };
  if (form.quantity) need.quantity = Number(form.quantity);
  if (form.quantity && form.unit) need.quantity_unit = form.unit;
  if (form.deadline) need.deadline = form.deadline;
  return need;
}

function formOf(need: Record<string, unknown>): Form {
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
  const town = need.town as { name?: string; country?: string | null; region?: string | null } | null | undefined;
  const location = need.location as { coordinates?: [number, number] } | null | undefined;
  return {
    ...EMPTY,
    cpv: list(need.cpv_codes), keywords: list(need.keywords).join(', '),
    town: town?.name ?? '', townCountry: town?.country ?? null, townRegion: town?.region ?? null,
    point: location?.coordinates ? [location.coordinates[0], location.coordinates[1]] : null,
    distance: need.max_distance_km != null ? String(Number(need.max_distance_km)) : '',
    countries: list(need.countries), certifications: list(need.certifications), impacts: list(need.impacts),
    ...budgetOf(need), quantity: need.quantity != null ? String(need.quantity) : '',
    unit: typeof need.quantity_unit === 'string' ? need.quantity_unit : '',
    deadline: typeof need.deadline === 'string' ? need.deadline : '', reserved: need.reserved_only === true,
  };
}

/** A stored need's budget: {amount, currency}, or budget_eur from a need sent through the API. */
function budgetOf(need: Record<string, unknown>): { budget: string; currency: string } {
  const budget = need.budget as { amount?: unknown; currency?: unknown } | string | null | undefined;
  if (budget && typeof budget === 'object') return { budget: String(budget.amount ?? ''), currency: String(budget.currency ?? 'EUR') };
  if (typeof budget === 'string') return { budget, currency: 'EUR' };
  return { budget: need.budget_eur != null ? String(need.budget_eur) : '', currency: 'EUR' };
}

function Checks({ legend, name, options, value, onChange }: {
  legend: string; name: string; options: { code: string; label: string }[]; value: string[]; onChange(v: string[]): void;
}) {
  return (
    <fieldset class="field">
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.code} class="check">
          <input type="checkbox" name={name} value={o.code} checked={value.includes(o.code)}
            onChange={(e) => onChange(e.currentTarget.checked ? [...value, o.code] : value.filter((c) => c !== o.code))} />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

function Reasons({ result }: { result: Result }) {
  const i18n = useI18n();
  const { t } = i18n;
  const top = Math.max(...result.reasons.map((r) => r.contribution), 0.0001);
  return (
    <ul class="reasons" aria-label={t('match.reasons')}>
      {result.reasons.map((r) => {
        const factor = (FACTORS as readonly string[]).includes(r.factor) ? t(`match.factor.${r.factor}` as 'match.factor.category') : r.factor;
        return (
          <li key={r.factor} class="reason">
            <span class="reason__label">{factor}</span>
            <span class="reason__bar" aria-hidden="true"><span style={{ width: `${Math.round((r.contribution / top) * 100)}%` }} /></span>
            <span class="reason__value">{t('match.contribution', { count: Math.round(r.contribution * 1000) / 10 })}</span>
            <span class="reason__sentence muted">{reasonText(r, i18n)}</span>
          </li>
        );
      })}
    </ul>
  );
}

function ResultItem({ result, matchId, chosen, canChoose, onChoose }: {
  result: Result; matchId: string; chosen: boolean; canChoose: boolean; onChoose(on: boolean): void;
}) {
  const state = useAppState();
  const { t, f, lang, code } = useI18n();
  const [contact, setContact] = useState(false);
  const e = result.enterprise;
  const place = [e.locality, e.region_code ? regionName(e.region_code, lang) : null, code('country', e.country)].filter(Boolean).join(', ');
  return (
    <li class="match-result" id={`result-${result.rank}`}>
      <div class="match-result__head">
        <span class="match-result__rank" aria-hidden="true">{result.rank}</span>
        <div>
          <h3><span class="sr-only">{t('match.rank', { rank: result.rank })} </span>
            <Link state={state} to={toEnterprise(e.slug)}>{e.name}</Link></h3>
          <p class="muted">{place} · {f.distanceKm(result.distance_km)}{e.verified ? ` · ✓ ${t('enterprise.verified')}` : ''}{e.reserved_contract_eligible ? ` · ${t('match.reservedBadge')}` : ''}</p>
          {result.offering && <p>{result.offering.title}</p>}
          <p><strong>{t('match.score', { score: f.number(Math.round(result.score * 100)) })}</strong></p>
        </div>
      </div>
      <Reasons result={result} />
      <p class="button-row">
        <label class="check">
          <input type="checkbox" checked={chosen} disabled={!chosen && !canChoose} onChange={(ev) => onChoose(ev.currentTarget.checked)} />
          {t('match.choose', { name: e.name })}
        </label>
        <button type="button" class="button" aria-expanded={contact} onClick={() => setContact(!contact)}>
          {t('match.contact', { name: e.name })}
        </button>
      </p>
      {contact && <ContactForm recipients={[{ id: e.id, name: e.name }]} matchId={matchId} idPrefix={`contact-${result.rank}`} />}
    </li>
  );
}

/** Several results chosen, contacted with one message (an inquiry each); at most MAX_CHOSEN at once. */
function ChosenBar({ chosen, matchId }: { chosen: Recipient[]; matchId: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  if (!chosen.length) return null;
  return (
    <div class="match-chosen" role="region" aria-label={t('match.chosenHeading')}>
      <p>
        <strong>{t('match.chosenCount', { count: chosen.length })}</strong>{' '}
        <button type="button" class="button button--primary" aria-expanded={open} onClick={() => setOpen(!open)}>
          {t('match.contactChosen', { count: chosen.length })}
        </button>
      </p>
      {open && <ContactForm key={chosen.map((c) => c.id).join(',')} recipients={chosen} matchId={matchId} idPrefix="contact-chosen" />}
    </div>
  );
}

function Results({ match }: { match: Match }) {
  const { t, f } = useI18n();
  const [chosen, setChosen] = useState<Recipient[]>([]);
  const choose = (r: Result, on: boolean) => setChosen((list) => (on
    ? [...list, { id: r.enterprise.id, name: r.enterprise.name }] : list.filter((c) => c.id !== r.enterprise.id)));
  const point = (match.location.point as { coordinates?: [number, number] }).coordinates ?? [0, 0];
  const where = match.location.town ?? f.coordinates(point[1], point[0], 3);
  return (
    <section aria-labelledby="match-results-heading" class="match-results">
      <h2 id="match-results-heading" tabIndex={-1}>{t('match.resultsHeading', { count: match.results.length })}</h2>
      <p class="muted">{t('match.resultsFrom', { place: where, count: match.candidates_considered })}</p>
      {match.results.length === 0 ? <p>{t('match.noResults')}</p> : <>
        <ol class="match-list">{match.results.map((r) => (
          <ResultItem key={r.enterprise.id} result={r} matchId={match.id} chosen={chosen.some((c) => c.id === r.enterprise.id)}
            canChoose={chosen.length < MAX_CHOSEN} onChoose={(on) => choose(r, on)} />
        ))}</ol>
        <ChosenBar chosen={chosen} matchId={match.id} />
      </>}
    </section>
  );
}

export function MatchPage({ id }: { id: string | null }) {
  const i18n = useI18n();
  const { t, f, lang, code } = i18n;
  const cpv = useCpv();
  const [form, setForm] = useState<Form>(EMPTY);
  const [match, setMatch] = useState<Match | null>(id && lastMatch?.id === id ? lastMatch : null);
  const [loading, setLoading] = useState<'idle' | 'sending' | 'loading' | 'not-found' | 'error'>(id && !match ? 'loading' : 'idle');
  const [problem, setProblem] = useState<string[]>([]);
  const [candidates, setCandidates] = useState<Candidate[]>([]);
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((s) => ({ ...s, [key]: value }));

  useEffect(() => {
    document.title = `${t('match.title')} · ${t('app.title')}`;
  }, [lang]);

  useEffect(() => {
    if (!id) {
      setMatch(null);
      return;
    }
    if (lastMatch?.id === id) {
      setMatch(lastMatch);
      setForm(formOf(lastMatch.need));
      return;
    }
    const controller = new AbortController();
    setLoading('loading');
    getJson('/api/v1/matches/{match_id}', { path: { match_id: id }, signal: controller.signal }).then((m) => {
      lastMatch = m;
      setMatch(m);
      setForm(formOf(m.need));
      setLoading('idle');
    }, (error: unknown) => {
      if (!controller.signal.aborted) setLoading(error instanceof ApiError && error.status === 404 ? 'not-found' : 'error');
    });
    return () => controller.abort();
  }, [id]);

  async function submit(event?: Event, override?: Partial<Form>) {
    event?.preventDefault();
    const current = { ...form, ...override };
    if (override) setForm(current);
    if (!current.cpv.length && !current.keywords.trim()) {
      setProblem([t('match.needWhat')]);
      return;
    }
    if (!current.point && !current.town.trim()) {
      setProblem([t('match.needWhere')]);
      return;
    }
    setProblem([]);
    setCandidates([]);
    setLoading('sending');
    try {
      const result = await postJson('/api/v1/matches', needOf(current));
      lastMatch = result;
      setMatch(result);
      setLoading('idle');
      navigate((s) => ({ ...s, route: { name: 'match', id: result.id } }));
      requestAnimationFrame(() => document.getElementById('match-results-heading')?.focus());
    } catch (error) {
      setLoading('idle');
      const api = error instanceof ApiError ? error : new ApiError(0, String(error));
      const towns = Array.isArray(api.problem?.candidates) ? api.problem.candidates as Candidate[] : [];
      if (api.status === 422 && towns.length) {
        setCandidates(towns);
        setProblem([t('match.ambiguousTown', { name: current.town })]);
      } else if (api.status === 422 && typeof api.problem?.reason === 'string' && PROBLEM_REASONS.has(api.problem.reason)) {
        setProblem([t(`problem.${api.problem.reason}` as 'problem.reserved.no_rule')]);
      } else if (api.status === 429) {
        setProblem([t('form.tryAgainIn', { count: api.retryAfter ?? 60 })]);
      } else if (api.errors.length) {
        setProblem(api.errors.map((e) => `${e.pointer.replace(/^\//, '')}: ${fieldMessage(e, i18n)}`));
      } else {
        setProblem([api.status === 422 ? api.message : t('form.error')]);
      }
    }
  }

  const ranked = (match?.results ?? []).map((r) => ({
    rank: r.rank, name: r.enterprise.name,
    lng: (r.enterprise.location as { coordinates: [number, number] }).coordinates[0],
    lat: (r.enterprise.location as { coordinates: [number, number] }).coordinates[1],
  }));
  const resolved = (match?.location.point as { coordinates?: [number, number] } | undefined)?.coordinates;
  const origin: [number, number] | null = form.point ?? (resolved ? [resolved[0], resolved[1]] : null);

  return (
    <main id="main" class="page page--wide">
      <h1>{t('match.title')}</h1>
      <p>{t('match.intro')}</p>
      <div class="match-layout">
        <form class="form match-form" onSubmit={submit} noValidate aria-labelledby="need-heading">
          <h2 id="need-heading">{t('match.need')}</h2>
          <CpvPicker items={cpv} selected={form.cpv} onChange={(v) => set('cpv', v)} />
          <div class="field">
            <label for="match-keywords">{t('match.keywords')}</label>
            <p id="match-keywords-hint" class="hint">{t('match.keywordsHint')}</p>
            <input id="match-keywords" type="text" aria-describedby="match-keywords-hint" value={form.keywords}
              onInput={(e) => set('keywords', e.currentTarget.value)} />
          </div>
          <fieldset class="field">
            <legend>{t('match.where')}</legend>
            <label for="match-town">{t('match.town')}</label>
            <input id="match-town" type="text" autoComplete="address-level2" value={form.town}
              onInput={(e) => setForm((s) => ({ ...s, town: e.currentTarget.value, townCountry: null, townRegion: null, point: null }))} />
            {form.point && (
              <p>{t('match.pointChosen', { point: f.coordinates(form.point[1], form.point[0], 3) })}{' '}
                <button type="button" class="link-button" onClick={() => set('point', null)}>{t('match.pointClear')}</button></p>
            )}
            {candidates.length > 0 && (
              <div role="group" aria-label={t('match.chooseTown')} class="button-row">
                {candidates.map((c) => (
                  <button key={`${c.country}-${c.region}-${c.name}`} type="button" class="button"
                    onClick={() => submit(undefined, { town: c.name, townCountry: c.country, townRegion: c.region, point: null })}>
                    {c.name} ({c.region ? regionName(c.region, lang) : ''}, {code('country', c.country)})
                  </button>
                ))}
              </div>
            )}
          </fieldset>
          <div class="field">
            <label for="match-distance">{t('match.distance')}</label>
            <select id="match-distance" value={form.distance} onChange={(e) => set('distance', e.currentTarget.value)}>
              <option value="">{t('match.anyDistance')}</option>
              {distanceChoices(form.distance).map((d) => <option key={d} value={String(d)}>{t('match.km', { km: d })}</option>)}
            </select>
          </div>
          <Checks legend={t('filters.country')} name="countries" value={form.countries} onChange={(v) => set('countries', v)}
            options={COUNTRIES.map((c) => ({ code: c, label: code('country', c) }))} />
          <details class="match-more" open={form.certifications.length + form.impacts.length > 0}>
            <summary>{t('match.more')}</summary>
            <Checks legend={t('match.certifications')} name="certifications" value={form.certifications} onChange={(v) => set('certifications', v)}
              options={CERTIFICATIONS.map((c) => ({ code: c.code, label: labelOf(c, lang, c.code) }))} />
            <Checks legend={t('match.impacts')} name="impacts" value={form.impacts} onChange={(v) => set('impacts', v)}
              options={IMPACTS.map((c) => ({ code: c.code, label: labelOf(c, lang, c.code) }))} />
          </details>
          <div class="field">
            <label class="check">
              <input id="match-reserved" type="checkbox" checked={form.reserved} aria-describedby="match-reserved-hint"
                onChange={(e) => set('reserved', e.currentTarget.checked)} />
              {t('match.reserved')}
            </label>
            <p id="match-reserved-hint" class="hint">{t('match.reservedHint')}</p>
          </div>
          <div class="field field--pair">
            <div>
              <label for="match-budget">{t('match.budgetAmount')}</label>
              <input id="match-budget" type="number" min={0} step={100} value={form.budget} onInput={(e) => set('budget', e.currentTarget.value)} />
            </div>
            <div>
              <label for="match-currency">{t('match.currency')}</label>
              <select id="match-currency" value={form.currency} onChange={(e) => set('currency', e.currentTarget.value)}>
                {CURRENCIES.map((c) => <option key={c} value={c}>{c}</option>)}
              </select>
            </div>
          </div>
          <div class="field field--pair">
            <div>
              <label for="match-quantity">{t('match.quantity')}</label>
              <input id="match-quantity" type="number" min={1} step={1} value={form.quantity} onInput={(e) => set('quantity', e.currentTarget.value)} />
            </div>
            <div>
              <label for="match-unit">{t('match.unit')}</label>
              <select id="match-unit" value={form.unit} onChange={(e) => set('unit', e.currentTarget.value)}>
                <option value="">{t('match.anyUnit')}</option>
                {UNIT_CODES.map((u) => <option key={u} value={u}>{unitLabel(u, t)}</option>)}
              </select>
            </div>
          </div>
          <div class="field">
            <label for="match-deadline">{t('match.deadline')}</label>
            <input id="match-deadline" type="date" value={form.deadline} onInput={(e) => set('deadline', e.currentTarget.value)} />
          </div>
          {problem.length > 0 && <div role="alert" class="field__error">{problem.map((p) => <p key={p}>{p}</p>)}</div>}
          <button type="submit" class="button button--primary" disabled={loading === 'sending'}>
            {loading === 'sending' ? t('match.searching') : t('match.submit')}
          </button>
        </form>
        <div class="match-side">
          <MatchMap point={origin} results={ranked}
            onPick={(lng, lat) => setForm((s) => ({ ...s, point: [lng, lat], town: '', townCountry: null, townRegion: null }))} />
          {loading === 'loading' && <p role="status">{t('results.loading')}</p>}
          {loading === 'not-found' && <p role="alert" class="state state--error">{t('match.notFound')}</p>}
          {loading === 'error' && <p role="alert" class="state state--error">{t('results.error')}</p>}
          {match && <Results match={match} />}
          {match?.source === 'api' && <SaveNeedForm key={match.id} need={match.need} />}
        </div>
      </div>
    </main>
  );
}
