// A match reason's facts (codes and values from the API) worded in the reader's language, with numbers,
// money and impact labels formatted for it. A code this build does not know falls back to the API's
// English sentence, so a newer API never leaves a reason blank.
import type { components } from '../api/schema';
import type { I18n, MessageKey } from '../i18n';
import { LOCALES } from '../i18n/types';
import { beneficiaryLabel, BENEFICIARIES, impactLabel } from '../taxonomies/labels';
import { UNIT_CODES } from './units';

type Fact = components['schemas']['ReasonFact'];
type Reason = components['schemas']['Reason'];
type Value = Fact['params'][string] | undefined;

const CODES = new Set([
  'category.offers_exact', 'category.offers_group', 'category.offers_division', 'category.sectors',
  'category.keywords', 'category.loose', 'distance.km', 'distance.km_limit', 'impact.not_asked', 'impact.shared',
  'capacity.not_asked', 'capacity.unknown', 'capacity.quantity_over', 'capacity.quantity_under',
  'capacity.quantity_fits', 'capacity.budget_below', 'capacity.budget_fits', 'capacity.lead_too_long',
  'capacity.lead_fits', 'capacity.lead_unknown', 'profile.verified', 'profile.unverified',
  'capacity.unit_differs', 'capacity.budget_converted', 'profile.reserved',
]);
const UNITS: ReadonlySet<string> = new Set(UNIT_CODES);
const BASES = new Set(['ro_social_insertion', 'ro_protected_unit']);

/** A unit of the API's list in the reader's language (the code itself when this build does not know it). */
export function unitLabel(unit: string, t: I18n['t']): string {
  return UNITS.has(unit) ? t(`unit.${unit}` as MessageKey) : unit;
}
const beneficiaries = new Set(BENEFICIARIES.map((b) => b.code));

const list = (value: Value) => (Array.isArray(value) ? value : []);
const num = (value: Value) => (typeof value === 'number' ? value : Number(value ?? 0));

/** The message's key: an empty list has its own wording ("none of your keywords"). */
function keyOf(fact: Fact): MessageKey {
  const { code, params } = fact;
  const empty = (code === 'category.keywords' && !list(params.matched).length)
    || (code === 'impact.shared' && !list(params.shared).length);
  return `match.fact.${code}${empty ? '_none' : ''}` as MessageKey;
}

function valuesOf(fact: Fact, { t, f, lang }: I18n): Record<string, string | number> {
  const p = fact.params;
  const percent = new Intl.NumberFormat(LOCALES[lang], { style: 'percent' });
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(p)) {
    if (Array.isArray(value)) out[name] = value.join(', ');
    else if (typeof value === 'number') out[name] = f.number(value);
    else if (value !== null) out[name] = value;
  }
  if ('shared' in p) {
    out.shared = list(p.shared).map((c) => (beneficiaries.has(c) ? beneficiaryLabel(c, lang) : impactLabel(c, lang))).join(', ');
  }
  if ('unit' in p) out.unit = typeof p.unit === 'string' && p.unit ? unitLabel(p.unit, t) : t('match.fact.units');
  if (typeof p.asked_unit === 'string') out.asked_unit = unitLabel(p.asked_unit, t);
  if (typeof p.basis === 'string') out.basis = BASES.has(p.basis) ? t(`reserved.basis.${p.basis}` as MessageKey) : p.basis;
  for (const name of ['until', 'rates_on']) if (typeof p[name] === 'string') out[name] = f.date(p[name] as string);
  if ('amount' in p) out.amount = f.number(num(p.amount));
  if ('min' in p) out.min = f.number(num(p.min));
  if ('max' in p) out.max = p.max === null ? t('match.fact.any') : f.number(num(p.max));
  for (const name of ['minimum', 'budget']) if (name in p) out[name] = f.money(num(p[name]));
  if ('completeness' in p) out.completeness = percent.format(num(p.completeness));
  return out;
}

export function factText(fact: Fact, i18n: I18n): string | null {
  if (!CODES.has(fact.code)) return null;
  return i18n.t(keyOf(fact), valuesOf(fact, i18n));
}

/** The reason in the reader's words, or the API's English sentence when a fact is unknown. */
export function reasonText(reason: Reason, i18n: I18n): string {
  const facts = reason.facts ?? [];
  const texts = facts.map((fact) => factText(fact, i18n));
  return facts.length && texts.every((text) => text !== null) ? texts.join(' ') : reason.sentence;
}
