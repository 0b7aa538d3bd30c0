// The units of quantity of GET /api/v1/taxonomies/units (api/taxonomies/data/units.json), worded by the
// i18n keys `unit.<code>`; a test checks that the two lists agree.
export const UNIT_CODES = [
  'meals', 'portions', 'pieces', 'sets', 'packs', 'copies', 'pages', 'kg', 'tonnes', 'litres', 'm', 'm2', 'm3',
  'hours', 'days', 'months', 'persons', 'participants', 'trainees', 'trips', 'projects', 'orders',
] as const;

export const CURRENCIES = ['EUR', 'RON', 'MDL', 'UAH'] as const;
