// A 422's field errors in the reader's language: the API sends Pydantic's error `type` and its limits
// (`ctx`) beside an English message; the common types have our own wording, the rest keep the API's.
import type { FieldError } from '../api/client';
import type { I18n, MessageKey } from '../i18n';

const NUMBER = ['int_parsing', 'int_type', 'int_from_float', 'float_parsing', 'float_type', 'decimal_parsing', 'decimal_type'];
const URL = ['url_parsing', 'url_type', 'url_scheme', 'url_syntax_violation'];
const DATE = ['date_parsing', 'date_type', 'date_from_datetime_parsing', 'datetime_parsing', 'datetime_type'];
const WORDED: Record<string, MessageKey> = {
  missing: 'validation.missing', string_too_short: 'validation.tooShort', string_too_long: 'validation.tooLong',
  too_long: 'validation.tooMany', too_short: 'validation.tooFew', greater_than_equal: 'validation.atLeast',
  less_than_equal: 'validation.atMost', greater_than: 'validation.moreThan', less_than: 'validation.lessThan',
  decimal_max_places: 'validation.decimals', string_pattern_mismatch: 'validation.pattern', enum: 'validation.oneOf',
  literal_error: 'validation.oneOf', bool_parsing: 'validation.boolean',
  // The API's own typed errors (CPV codes, units, money as written), with their values in ctx.
  cpv_check_digit: 'validation.cpvCheckDigit', cpv_unknown: 'validation.cpvUnknown', cpv_format: 'validation.cpvFormat',
  unit_unknown: 'validation.unitUnknown', town_unknown: 'validation.townUnknown', money_format: 'validation.moneyFormat', money_ambiguous: 'validation.moneyAmbiguous',
  ...Object.fromEntries(NUMBER.map((type) => [type, 'validation.number'])),
  ...Object.fromEntries(URL.map((type) => [type, 'validation.url'])),
  ...Object.fromEntries(DATE.map((type) => [type, 'validation.date'])),
};

/** The key for an error, or null to keep the API's message (our own rules, e.g. "vulnerable ≤ total"). */
function keyOf(error: FieldError): MessageKey | null {
  if (error.type === 'string_too_short' && Number(error.ctx?.min_length) === 1) return 'validation.missing';
  // email-validator's errors are Pydantic value errors: recognised by their fixed English prefix.
  if (error.type === 'value_error' && error.detail.startsWith('value is not a valid email address')) return 'validation.email';
  return (error.type && WORDED[error.type]) || null;
}

export function fieldMessage(error: FieldError, { t, f }: I18n): string {
  const key = keyOf(error);
  if (!key) return error.detail;
  const values = Object.fromEntries(Object.entries(error.ctx ?? {}).map(([name, value]) =>
    [name, typeof value === 'number' ? f.number(value) : value]));
  return t(key, values);
}
