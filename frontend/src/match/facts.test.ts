import { describe, expect, it } from 'vitest';
import { i18nFor } from '../i18n';
import { readFileSync } from 'node:fs';
import { factText, reasonText } from './facts';
import { UNIT_CODES } from './units';

const en = i18nFor('en');
const ro = i18nFor('ro');

describe('match reasons in the reader\'s language', () => {
  it('words each fact with numbers, money and labels for the locale', () => {
    expect(factText({ code: 'distance.km_limit', params: { km: 12.5, limit_km: 50 } }, ro)).toBe('La 12,5 km de locul dvs. (limita dvs.: 50 km).');
    expect(factText({ code: 'capacity.budget_below', params: { minimum: 5000, budget: 3000.5 } }, en))
      .toBe('Minimum order €5,000; your budget is €3,000.50.');
    expect(factText({ code: 'impact.shared', params: { count: 1, total: 2, shared: ['work_integration'] } }, en))
      .toBe('Shared preferences: Work integration (1 of 2).');
    expect(factText({ code: 'capacity.quantity_fits', params: { quantity: 200, min: null, max: null, unit: null } }, en))
      .toBe('Your quantity of 200 fits its orders (0–any units).');
    expect(factText({ code: 'profile.unverified', params: { completeness: 0.79 } }, en)).toBe('Not verified by the cluster; profile 79% complete.');
  });

  it('has its own wording for an empty list', () => {
    expect(factText({ code: 'category.keywords', params: { count: 0, total: 2, matched: [] } }, en)).toBe('None of your keywords was found.');
  });

  it('falls back to the API\'s English sentence for a fact it does not know, or none at all', () => {
    const reason = { factor: 'distance' as const, weight: 0.25, value: 1, contribution: 0.25, sentence: 'Near.' };
    expect(reasonText({ ...reason, facts: [{ code: 'distance.light_years', params: {} }] }, ro)).toBe('Near.');
    expect(reasonText({ ...reason, facts: [] }, ro)).toBe('Near.');
    expect(reasonText({ ...reason, facts: [{ code: 'distance.km', params: { km: 3 } }] }, ro)).toBe('La 3 km de locul dvs.');
  });

  it('names the legal basis, the units and a converted budget in each language', () => {
    const reserved = { code: 'profile.reserved', params: { basis: 'ro_social_insertion', law: 'Law 98/2016, art. 56', until: '2027-06-30' } };
    expect(factText(reserved, en)).toBe('Eligible for reserved contracts: social insertion enterprise (Law 219/2015), art. 56 of Law 98/2016; '
      + 'evidence valid until 30 June 2027.');
    for (const lang of ['ro', 'uk', 'ru'] as const) expect(factText(reserved, i18nFor(lang))).toContain('98/2016');
    expect(factText({ code: 'capacity.quantity_over', params: { max: 100, unit: 'meals', quantity: 200 } }, ro))
      .toBe('Acceptă cel mult 100 mese; aveți nevoie de 200.');
    expect(factText({ code: 'capacity.unit_differs', params: { unit: 'kg', asked_unit: 'meals' } }, en))
      .toBe('Its quantities are in kilograms, yours in meals: not compared.');
    expect(factText({ code: 'capacity.budget_converted', params: { amount: 25000, currency: 'RON', budget: 5022.95, rates_on: '2025-04-28' } }, en))
      .toBe('Your budget of 25,000 RON is €5,022.95 at the rates of 28 April 2025.');
  });

  it('knows the same units as the API', () => {
    const units = JSON.parse(readFileSync(new URL('../../../api/taxonomies/data/units.json', import.meta.url), 'utf-8')) as { items: { code: string }[] };
    expect([...UNIT_CODES]).toEqual(units.items.map((u) => u.code));
  });
});
