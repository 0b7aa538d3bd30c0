// The members' profile form: every field a member may keep current, as the inputs hold it (text), and
// the PATCH body of what changed. Status and verified are the moderators'; kind and country stay with
// the admins (a different kind or country is a new listing, not an edit).
import type { components } from '../api/schema';
import { LANGUAGES } from '../i18n/types';

type Detail = components['schemas']['EnterpriseDetail'];
type Patch = components['schemas']['EnterprisePatch'];
type Country = NonNullable<Patch['service_countries']>[number];

export interface ProfileForm {
  name: string;
  legal_form: string;
  registration_code: string;
  founded_year: string;
  contact_person: string;
  email: string;
  phone: string;
  website: string;
  locality: string;
  address: string;
  lat: string;
  lon: string;
  /** One text per language of the UI; other languages already stored are kept as they are. */
  description: Record<string, string>;
  languages: string[];
  sectors: string[];
  impact_areas: string[];
  beneficiary_groups: string[];
  certifications: string[];
  employees_total: string;
  employees_vulnerable: string;
  annual_turnover_eur: string;
  service_radius_km: string;
  service_countries: string[];
  reserved_contract_eligible: boolean;
  opening_hours: string;
}

const text = (value: string | number | null | undefined) => (value === null || value === undefined ? '' : String(value));

export function formOf(e: Detail): ProfileForm {
  const [lon, lat] = e.location.coordinates as [number, number];
  return {
    name: e.name, legal_form: text(e.legal_form), registration_code: text(e.registration_code),
    founded_year: text(e.founded_year), contact_person: text(e.contact_person), email: text(e.email),
    phone: text(e.phone), website: text(e.website), locality: text(e.locality), address: text(e.address),
    lat: String(lat), lon: String(lon),
    description: Object.fromEntries(LANGUAGES.map((l) => [l, e.description[l] ?? ''])),
    languages: [...e.languages], sectors: [...e.sectors], impact_areas: [...e.impact_areas],
    beneficiary_groups: [...e.beneficiary_groups], certifications: [...e.certifications],
    employees_total: String(e.employees_total), employees_vulnerable: String(e.employees_vulnerable),
    annual_turnover_eur: text(e.annual_turnover_eur), service_radius_km: text(e.service_radius_km),
    service_countries: [...e.service_countries], reserved_contract_eligible: e.reserved_contract_eligible,
    opening_hours: text(e.opening_hours),
  };
}

const orNull = (value: string) => (value.trim() ? value.trim() : null);
/** A number field: null when empty; the raw text when it is not a number, so that the API's 422 names it. */
const numberOrNull = (value: string): number | null => {
  if (!value.trim()) return null;
  const n = Number(value.replace(',', '.'));
  return Number.isFinite(n) ? n : (value as unknown as number);
};

function descriptions(form: ProfileForm, stored: Record<string, string>): Record<string, string> {
  const out = { ...stored };
  for (const [lang, value] of Object.entries(form.description)) {
    if (value.trim()) out[lang] = value.trim();
    else delete out[lang];
  }
  return out;
}

/** Everything the form would send, as the API names it. */
function bodyOf(form: ProfileForm, stored: Detail): Patch {
  return {
    name: form.name.trim(), legal_form: orNull(form.legal_form), registration_code: orNull(form.registration_code),
    founded_year: numberOrNull(form.founded_year), contact_person: orNull(form.contact_person), email: orNull(form.email),
    phone: orNull(form.phone), website: orNull(form.website), locality: orNull(form.locality), address: orNull(form.address),
    location: { type: 'Point', coordinates: [Number(form.lon.replace(',', '.')), Number(form.lat.replace(',', '.'))] },
    description: descriptions(form, stored.description), languages: form.languages, sectors: form.sectors,
    impact_areas: form.impact_areas, beneficiary_groups: form.beneficiary_groups, certifications: form.certifications,
    employees_total: numberOrNull(form.employees_total) ?? 0, employees_vulnerable: numberOrNull(form.employees_vulnerable) ?? 0,
    annual_turnover_eur: numberOrNull(form.annual_turnover_eur), service_radius_km: numberOrNull(form.service_radius_km),
    service_countries: form.service_countries as Country[], reserved_contract_eligible: form.reserved_contract_eligible,
    opening_hours: orNull(form.opening_hours),
  };
}

/** The PATCH body: only the fields that differ from the stored profile (so that the history shows what the member changed). */
export function patchOf(form: ProfileForm, stored: Detail): Patch {
  const before = bodyOf(formOf(stored), stored);
  const after = bodyOf(form, stored);
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(after)) {
    if (JSON.stringify(value) !== JSON.stringify((before as Record<string, unknown>)[key])) patch[key] = value;
  }
  return patch as Patch;
}

/**
 * After a 412: the profile as someone else saved it, with the fields this member had changed on top,
 * so that their edits survive and only a field both changed shows their value over the other's.
 */
export function rebase(form: ProfileForm, stale: Detail, current: Detail): ProfileForm {
  const base = formOf(stale);
  const next = formOf(current);
  for (const key of Object.keys(form) as (keyof ProfileForm)[]) {
    if (JSON.stringify(form[key]) !== JSON.stringify(base[key])) (next as unknown as Record<string, unknown>)[key] = form[key];
  }
  return next;
}
