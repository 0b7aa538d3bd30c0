// The API's codes in words, for the audit log and the moderation queue: actions, entities, fields and
// their values (countries, impact areas, statuses, dates…) as labels of the reader's language. Pure
// (it takes an I18n), so it is unit-tested; an unknown code is shown as it is rather than hidden.
import { LOCALES, type I18n, type MessageKey } from '../i18n';
import { messagesOf } from '../i18n/messages';
import { beneficiaryLabel, certificationLabel, impactLabel, labelOf, regionName, type NaceItem } from '../taxonomies/labels';

/** Every action the API writes to the audit log (`grep -rn "action=" api/`), submissions' and subscriptions' statuses included. */
export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'archive', 'merge', 'revert', 'import', 'import_create',
  'import_update', 'transition', 'comment', 'add_collaborators', 'submit', 'approved', 'rejected', 'file', 'reject',
  'revoke', 'end', 'send', 'active', 'unsubscribed', 'propose', 'renew', 'transfer'] as const;
/** Every entity the API audits; the audit log's filter offers them. */
export const AUDIT_ENTITIES = ['organisation', 'offering', 'membership', 'submission', 'claim', 'api_token',
  'service_request', 'support_service', 'inquiry', 'match', 'subscription', 'embed_site', 'import_run', 'reminders'] as const;

/** Fields named by an existing label, or by their own `admin.field.*` one. */
const FIELD_KEYS: Record<string, MessageKey> = {
  name: 'member.field.name', kind: 'filters.kind', legal_form: 'enterprise.legalForm',
  registration_code: 'enterprise.registrationCode', country: 'filters.country', region_code: 'filters.region',
  locality: 'member.field.locality', address: 'member.field.address', location: 'enterprise.location',
  email: 'member.field.email', phone: 'member.field.phone', website: 'member.field.website',
  contact_person: 'member.field.contact', languages: 'enterprise.languages', description: 'member.field.description',
  founded_year: 'admin.field.founded_year', employees_total: 'admin.stats.employees',
  employees_vulnerable: 'admin.stats.vulnerable', annual_turnover_eur: 'enterprise.turnover',
  impact_areas: 'enterprise.impactAreas', beneficiary_groups: 'enterprise.beneficiaries', sectors: 'enterprise.sectors',
  certifications: 'enterprise.certifications', service_radius_km: 'admin.field.service_radius_km',
  service_countries: 'admin.field.service_countries', reserved_contract_eligible: 'enterprise.reservedContracts',
  status: 'inq.status', verified: 'enterprise.verified', opening_hours: 'enterprise.openingHours',
  slug: 'admin.field.slug', role: 'admin.tokens.role', organisation_id: 'admin.tokens.organisation',
  expires_at: 'admin.tokens.expires', revoked_at: 'admin.field.revoked_at', reason: 'admin.field.reason',
  joined_on: 'admin.members.joined', left_on: 'admin.field.left_on', title: 'sr.title', priority: 'admin.field.priority',
  due_date: 'admin.field.due_date', assignee_token_id: 'admin.field.assignee', comment: 'sr.comment',
  collaborators: 'admin.field.collaborators', rows_total: 'admin.imports.rows', created: 'admin.imports.created',
  updated: 'admin.imports.updated', unchanged: 'admin.imports.unchanged', rejected: 'admin.imports.rejected',
  partial: 'admin.field.partial', file_format: 'admin.field.file_format', import_run: 'admin.field.import_run',
  row: 'admin.field.row', merged_into_id: 'admin.field.merged_into', origin: 'admin.field.origin',
  id: 'admin.field.id', source: 'admin.field.source', results: 'admin.field.results', is_demo: 'admin.field.is_demo',
  claimed: 'admin.field.claimed', service: 'sr.service', service_id: 'sr.service', contact_name: 'admin.field.contact_name',
  contact_email: 'admin.field.contact_email', created_by_token_id: 'admin.field.created_by', cpv_codes: 'admin.field.cpv_codes',
  delivery_mode: 'admin.field.delivery_mode', lead_time_days: 'admin.field.lead_time_days',
  min_order_quantity: 'admin.field.min_order_quantity', max_order_quantity: 'admin.field.max_order_quantity',
  quantity_unit: 'admin.field.quantity_unit', min_order_value_eur: 'admin.field.min_order_value_eur',
  price_from_eur: 'admin.field.price_from_eur', route: 'admin.field.route', area: 'admin.field.area',
  frequency: 'admin.field.frequency', match_id: 'inq.fromMatch',
};
/** Fields whose name means something else in one entity: a submission's kind is new or a correction. */
const ENTITY_FIELD_KEYS: Record<string, Record<string, MessageKey>> = {
  submission: { kind: 'admin.field.submission_kind' },
};
/** Fields that hold euros. */
const MONEY = new Set(['annual_turnover_eur', 'min_order_value_eur', 'price_from_eur', 'budget_eur']);

/** Status codes mean different things per entity: each has its own labels, the rest share `admin.state.*`. */
const STATUS_PREFIX: Record<string, string> = {
  service_request: 'sr.status.', membership: 'admin.members.status.', inquiry: 'inq.status.',
};
const ID_FIELD = /(^id$|_id$|^row$|^import_run$)/;
const LANGUAGE_KEYS = new Set(['ro', 'en', 'uk', 'ru']);

/** NACE's titles, once a view that shows sectors has loaded them (nace-titles.ts): until then, codes. */
let naceTitles = new Map<string, NaceItem>();
export function setNaceTitles(titles: Map<string, NaceItem>): void {
  naceTitles = titles;
}

/** The label of `key` when the dictionary has one, else `fallback` (a code the SPA does not know yet). */
function labelled(i18n: I18n, key: string, fallback: string): string {
  return Object.hasOwn(messagesOf(i18n.lang), key) ? i18n.t(key as MessageKey) : fallback;
}

export const actionLabel = (i18n: I18n, action: string): string => labelled(i18n, `admin.action.${action}`, action);
export const entityLabel = (i18n: I18n, entity: string): string => labelled(i18n, `admin.entity.${entity}`, entity);

export function fieldLabel(i18n: I18n, field: string, entity = ''): string {
  const key = ENTITY_FIELD_KEYS[entity]?.[field] ?? FIELD_KEYS[field];
  return key ? i18n.t(key) : field.replace(/_/g, ' ');
}

/** `token:12:Ana` (the token's id and name, kept after it is gone), `public` or `system`. */
export function actorLabel(i18n: I18n, actor: string): string {
  const token = /^token:(\d+):(.*)$/.exec(actor);
  if (token) return i18n.t('admin.actor.token', { id: token[1]!, name: token[2]! });
  return actor === 'public' || actor === 'system' ? i18n.t(`admin.actor.${actor}`) : actor;
}

/** A code's label when `field` holds codes, else null. */
function codeText(i18n: I18n, entity: string, field: string, code: string): string | null {
  switch (field) {
    case 'country': case 'service_countries': return i18n.code('country', code);
    case 'kind': return entity === 'submission' ? labelled(i18n, `admin.submissionKind.${code}`, code) : i18n.code('kind', code);
    case 'source': case 'route': case 'frequency': return labelled(i18n, `admin.${field}.${code}`, code);
    case 'languages': return i18n.code('language', code);
    case 'delivery_mode': return i18n.code('delivery', code);
    case 'impact_areas': return impactLabel(code, i18n.lang);
    case 'certifications': return certificationLabel(code, i18n.lang);
    case 'beneficiary_groups': return beneficiaryLabel(code, i18n.lang);
    case 'region_code': return regionName(code, i18n.lang);
    case 'sectors': return naceTitles.has(code) ? `${code} ${labelOf(naceTitles.get(code), i18n.lang)}` : code;
    case 'priority': return labelled(i18n, `admin.priority.${code}`, code);
    case 'role': return labelled(i18n, entity === 'membership' ? `admin.members.role.${code}` : `admin.role.${code}`, code);
    case 'status': return labelled(i18n, `${STATUS_PREFIX[entity] ?? 'admin.state.'}${code}`, code);
    default: return null;
  }
}

/** ISO dates and times in the reader's format; null for other text. */
function timeText(i18n: I18n, text: string): string | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return i18n.f.date(text);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text) || Number.isNaN(Date.parse(text))) return null;
  return new Intl.DateTimeFormat(LOCALES[i18n.lang], { dateStyle: 'long', timeStyle: 'short' }).format(new Date(text));
}

function objectText(i18n: I18n, entity: string, value: Record<string, unknown>): string {
  const coordinates = value.type === 'Point' ? value.coordinates : null;
  if (Array.isArray(coordinates) && coordinates.length === 2) return i18n.f.coordinates(Number(coordinates[1]), Number(coordinates[0]));
  const entries = Object.entries(value).filter(([, v]) => v !== null && v !== undefined && v !== '');
  // A text per language (descriptions): the reader's own when there is one.
  if (entries.length && entries.every(([k]) => LANGUAGE_KEYS.has(k))) {
    const own = value[i18n.lang];
    if (typeof own === 'string' && own) return own;
    return entries.map(([k, v]) => `${k}: ${String(v)}`).join('; ');
  }
  return entries.map(([k, v]) => `${fieldLabel(i18n, k, entity)}: ${valueText(i18n, entity, k, v)}`).join('; ') || '—';
}

/** A field's value as a reader would say it: labels for codes, dates, yes/no, money, "—" for nothing. */
export function valueText(i18n: I18n, entity: string, field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.map((item) => valueText(i18n, entity, field, item)).join(', ') : '—';
  if (typeof value === 'boolean') return i18n.t(value ? 'admin.value.yes' : 'admin.value.no');
  if (typeof value === 'object') return objectText(i18n, entity, value as Record<string, unknown>);
  if (MONEY.has(field) && Number.isFinite(Number(value))) return i18n.f.money(Number(value));
  if (typeof value === 'number') return ID_FIELD.test(field) ? String(value) : i18n.f.number(value);
  const text = String(value);
  return codeText(i18n, entity, field, text) ?? timeText(i18n, text) ?? text;
}

export interface ChangeRow {
  field: string;
  /** Null when there was nothing before (a creation) or the entry records a value, not a change. */
  before: string | null;
  after: string;
}

function isChange(value: unknown): value is { before?: unknown; after?: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && ('before' in value || 'after' in value);
}

/** An audit entry's `changes` ({field: {before, after}}, or plain values such as an import's counts) in words. */
export function changeRows(i18n: I18n, entity: string, changes: Record<string, unknown>): ChangeRow[] {
  return Object.entries(changes).map(([field, change]) => {
    const label = fieldLabel(i18n, field, entity);
    if (!isChange(change)) return { field: label, before: null, after: valueText(i18n, entity, field, change) };
    const before = change.before ?? null;
    return {
      field: label,
      before: before === null ? null : valueText(i18n, entity, field, before),
      after: valueText(i18n, entity, field, change.after),
    };
  });
}

/** The `n` largest entries and, when more remain, one entry summing them under `other` (a readable
 * chart of 100 regions: the leaders on their own bars, the long tail as one). */
export function topWithOther(entries: [string, number][], n: number, other: (count: number) => string): [string, number][] {
  if (entries.length <= n + 1) return entries;
  const rest = entries.slice(n);
  return [...entries.slice(0, n), [other(rest.length), rest.reduce((sum, [, v]) => sum + v, 0)]];
}
