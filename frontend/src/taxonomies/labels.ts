// Labels of the API's codes, bundled at build time from api/taxonomies/data and api/geo/data
// (scripts/vendor.mjs) until the API serves them; a missing translation falls back to English.
import naceSections from '../generated/nace-sections.json';
import regionsData from '../generated/regions.json';
import taxonomies from '../generated/taxonomies.json';
import type { Language } from '../i18n/types';

type Labels = Partial<Record<Language, string>>;
export interface CodeItem {
  code: string;
  label: Labels;
}
export interface NaceItem extends CodeItem {
  level: 'section' | 'division' | 'group' | 'class';
  section: string;
}
export interface Region {
  code: string;
  country: string;
  name: Record<Language, string>;
}

export const IMPACTS: CodeItem[] = taxonomies.impacts;
export const CERTIFICATIONS: CodeItem[] = taxonomies.certifications;
export const BENEFICIARIES: CodeItem[] = taxonomies.beneficiaries;
export const REGIONS: Region[] = regionsData as Region[];
export const KINDS = ['social_enterprise', 'public_authority', 'educational_institution', 'ngo', 'company',
  'financial_institution'] as const;
export const COUNTRIES = ['RO', 'MD', 'UA'] as const;

export function labelOf(item: CodeItem | undefined, lang: Language, fallback = ''): string {
  return item?.label[lang] ?? item?.label.en ?? item?.label.ro ?? fallback;
}

function byCode<T extends CodeItem>(items: T[]): Map<string, T> {
  return new Map(items.map((item) => [item.code, item]));
}

const impacts = byCode(IMPACTS);
const certifications = byCode(CERTIFICATIONS);
const beneficiaries = byCode(BENEFICIARIES);
const regions = new Map(REGIONS.map((r) => [r.code, r]));

export const impactLabel = (code: string, lang: Language) => labelOf(impacts.get(code), lang, code);
export const certificationLabel = (code: string, lang: Language) => labelOf(certifications.get(code), lang, code);
export const beneficiaryLabel = (code: string, lang: Language) => labelOf(beneficiaries.get(code), lang, code);
export const regionName = (code: string, lang: Language) => regions.get(code)?.name[lang] ?? code;

/** Regions of the given countries (all when none), sorted by name in the language. */
export function regionsOf(countries: string[], lang: Language): Region[] {
  const collator = new Intl.Collator(lang);
  return REGIONS.filter((r) => !countries.length || countries.includes(r.country))
    .sort((a, b) => collator.compare(a.name[lang], b.name[lang]));
}

/** The 21 NACE sections (A–U), bundled: the map's sector filter needs no more. */
export const NACE_SECTIONS = naceSections as NaceItem[];

let nace: Promise<Map<string, NaceItem>> | null = null;

/** NACE Rev.2 (~170 kB of labels) loads on demand, as its own chunk. */
export function loadNace(): Promise<Map<string, NaceItem>> {
  nace ??= import('../generated/nace.json').then((m) => byCode(m.default as NaceItem[]));
  return nace;
}

/** Colours of the impact areas on the map and in the legend (distinct, dark enough for white text). */
export const IMPACT_COLOURS: Record<string, string> = {
  work_integration: '#1f6fb2',
  social_inclusion: '#8e3fa0',
  education: '#c2410c',
  green_circular_economy: '#2e7d32',
  health_care: '#c62828',
  local_development: '#6d5a00',
  culture: '#ad1457',
  fair_trade: '#00796b',
  housing: '#5d4037',
  food_security: '#9a4d00',
};
export const OTHER_COLOUR = '#546e7a';
