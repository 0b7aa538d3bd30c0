import { describe, expect, it } from 'vitest';
import { i18nFor } from '../i18n';
import { factText, reasonText } from './facts';

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
});
