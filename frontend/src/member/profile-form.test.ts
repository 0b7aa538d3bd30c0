import { describe, expect, it } from 'vitest';
import type { components } from '../api/schema';
import { formOf, patchOf, rebase } from './profile-form';

type Detail = components['schemas']['EnterpriseDetail'];

const stored: Detail = {
  id: 7, slug: 'brutaria', kind: 'social_enterprise', name: 'Brutăria', legal_form: 'SRL', registration_code: 'RO1',
  country: 'RO', region_code: 'RO-CJ', locality: 'Cluj-Napoca', address: null,
  location: { type: 'Point', coordinates: [23.6236, 46.7712] }, email: 'a@example.org', phone: null, website: null,
  contact_person: null, languages: ['ro'], description: { ro: 'Pâine', hu: 'Kenyér' }, founded_year: 2016,
  employees_total: 9, employees_vulnerable: 5, annual_turnover_eur: '120000.00', impact_areas: ['work_integration'],
  beneficiary_groups: [], sectors: ['10.71'], certifications: [], service_radius_km: '40.0', service_countries: ['RO'],
  reserved_contract_eligible: false, status: 'published', verified: true, is_demo: true, operating_status: 'active',
  opening_hours: 'Mo-Fr 08:00-18:00', claimed: true, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z',
  version: 3, offerings: [],
};

describe('the profile form', () => {
  it('sends nothing when nothing changed', () => {
    expect(patchOf(formOf(stored), stored)).toEqual({});
  });

  it('sends only what changed, with numbers as numbers and empty text as null', () => {
    const form = formOf(stored);
    form.employees_total = '12';
    form.annual_turnover_eur = '';
    form.sectors = ['10.71', '56.21'];
    form.opening_hours = '  ';
    form.lat = '46.5';
    expect(patchOf(form, stored)).toEqual({
      employees_total: 12, annual_turnover_eur: null, sectors: ['10.71', '56.21'], opening_hours: null,
      location: { type: 'Point', coordinates: [23.6236, 46.5] },
    });
  });

  it('keeps descriptions in languages the form does not show, and drops an emptied one', () => {
    const form = formOf(stored);
    form.description = { ...form.description, ro: '', en: 'Bread' };
    expect(patchOf(form, stored)).toEqual({ description: { hu: 'Kenyér', en: 'Bread' } });
  });

  it('leaves a number it cannot read to the API, which names the field', () => {
    const form = formOf(stored);
    form.founded_year = 'nineteen';
    expect(patchOf(form, stored)).toEqual({ founded_year: 'nineteen' });
  });

  it('after a conflict, keeps the member\'s edits on top of the other version', () => {
    const form = formOf(stored);
    form.phone = '+40 264 000 000';
    const current = { ...stored, website: 'https://example.org', employees_total: 11, version: 4 };
    const rebased = rebase(form, stored, current);
    expect(rebased.phone).toBe('+40 264 000 000');
    expect(rebased.website).toBe('https://example.org');
    expect(rebased.employees_total).toBe('11');
    expect(patchOf(rebased, current)).toEqual({ phone: '+40 264 000 000' });
  });
});
