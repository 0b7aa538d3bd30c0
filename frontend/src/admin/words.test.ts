import { describe, expect, it } from 'vitest';
import { i18nFor, LANGUAGES } from '../i18n';
import { messagesOf } from '../i18n/messages';
import { actionLabel, actorLabel, AUDIT_ACTIONS, AUDIT_ENTITIES, changeRows, entityLabel, fieldLabel, setNaceTitles, valueText } from './words';

const en = i18nFor('en');
const ro = i18nFor('ro');

describe.each(LANGUAGES)('audit words in %s', (lang) => {
  it('labels every action and entity the API writes to the audit log', () => {
    for (const action of AUDIT_ACTIONS) expect(Object.hasOwn(messagesOf(lang), `admin.action.${action}`), action).toBe(true);
    for (const entity of AUDIT_ENTITIES) expect(Object.hasOwn(messagesOf(lang), `admin.entity.${entity}`), entity).toBe(true);
  });
});

describe('actions, entities and actors', () => {
  it('names them in the language, and shows a code it does not know as it is', () => {
    expect(actionLabel(en, 'revoke')).toBe('Revoked');
    expect(actionLabel(ro, 'import_create')).toBe('Creare prin import');
    expect(actionLabel(en, 'teleport')).toBe('teleport');
    expect(entityLabel(en, 'api_token')).toBe('Access token');
    expect(entityLabel(en, 'toString')).toBe('toString');
  });

  it('reads the actor: a token by name and id, the public, the system', () => {
    expect(actorLabel(en, 'token:12:Ana: the editor')).toBe('Ana: the editor (token 12)');
    expect(actorLabel(en, 'public')).toBe('The public (no token)');
    expect(actorLabel(ro, 'system')).toMatch(/^Sistemul/);
    expect(actorLabel(en, 'cron')).toBe('cron');
  });
});

describe('field values in words', () => {
  it('turns codes into labels by field and entity', () => {
    expect(valueText(en, 'organisation', 'country', 'MD')).toBe('Republic of Moldova');
    expect(valueText(en, 'organisation', 'impact_areas', ['work_integration', 'green_circular_economy']))
      .toBe('Work integration, Green and circular economy');
    expect(valueText(en, 'organisation', 'kind', 'ngo')).toBe(en.t('kind.ngo'));
    expect(valueText(en, 'organisation', 'region_code', 'RO-CJ')).toBe('Cluj');
    expect(valueText(en, 'service_request', 'status', 'in_progress')).toBe(en.t('sr.status.in_progress'));
    expect(valueText(en, 'membership', 'status', 'ended')).toBe(en.t('admin.members.status.ended'));
    expect(valueText(en, 'organisation', 'status', 'published')).toBe('Published');
    expect(valueText(en, 'membership', 'role', 'founding_member')).toBe(en.t('admin.members.role.founding_member'));
    expect(valueText(en, 'api_token', 'role', 'integration')).toBe(en.t('admin.role.integration'));
  });

  it('says nothing, yes/no, dates, money, places and texts per language readably', () => {
    expect(valueText(en, 'organisation', 'phone', null)).toBe('—');
    expect(valueText(en, 'organisation', 'sectors', [])).toBe('—');
    expect(valueText(en, 'organisation', 'verified', true)).toBe('yes');
    expect(valueText(ro, 'organisation', 'verified', false)).toBe('nu');
    expect(valueText(en, 'membership', 'joined_on', '2024-03-01')).toBe('1 March 2024');
    expect(valueText(en, 'api_token', 'expires_at', '2030-12-31T23:59:59+00:00')).toMatch(/December 2030/);
    expect(valueText(en, 'organisation', 'annual_turnover_eur', '120000.00')).toBe('€120,000');
    expect(valueText(en, 'organisation', 'employees_total', 1500)).toBe('1,500');
    expect(valueText(en, 'organisation', 'organisation_id', 1500)).toBe('1500');
    expect(valueText(en, 'organisation', 'location', { type: 'Point', coordinates: [23.6, 46.77] })).toBe('46.77, 23.6');
    expect(valueText(en, 'organisation', 'description', { ro: 'Brutărie', en: 'Bakery' })).toBe('Bakery');
    expect(valueText(en, 'organisation', 'description', { ro: 'Brutărie' })).toBe('ro: Brutărie');
  });

  it('names fields, and makes an unknown field readable', () => {
    expect(fieldLabel(en, 'impact_areas')).toBe(en.t('enterprise.impactAreas'));
    expect(fieldLabel(en, 'some_new_field')).toBe('some new field');
    expect(fieldLabel(en, 'cpv_codes')).toBe('CPV categories');
  });

  it('reads a field the way its entity means it: a submission\'s kind is new or a correction', () => {
    expect(changeRows(en, 'submission', { kind: { before: null, after: 'correction' } }))
      .toEqual([{ field: 'Kind of submission', before: null, after: 'a correction' }]);
    expect(valueText(en, 'organisation', 'kind', 'ngo')).toBe(en.code('kind', 'ngo'));
    expect(valueText(en, 'offering', 'price_from_eur', 12.5)).toBe('€12.50');
    expect(valueText(en, 'match', 'source', 'ocds')).toBe('an OCDS tender');
  });
});

describe('changeRows', () => {
  it('shows before → after, only "after" for what was empty, and plain values as they are', () => {
    expect(changeRows(en, 'membership', {
      status: { before: 'active', after: 'ended' },
      left_on: { before: null, after: '2025-01-31' },
      phone: { before: '0722', after: null },
      rows_total: 3,
    })).toEqual([
      { field: en.t('inq.status'), before: en.t('admin.members.status.active'), after: en.t('admin.members.status.ended') },
      { field: 'Left on', before: null, after: '31 January 2025' },
      { field: en.t('member.field.phone'), before: '0722', after: '—' },
      { field: en.t('admin.imports.rows'), before: null, after: '3' },
    ]);
  });

  it('describes nested values field by field', () => {
    expect(changeRows(en, 'service_request', { comment: { before: null, after: { event_id: 5, internal: true } } }))
      .toEqual([{ field: en.t('sr.comment'), before: null, after: 'event id: 5; internal: yes' }]);
  });
});

describe('sectors', () => {
  it('are codes until NACE\'s titles are loaded, then code and title', () => {
    expect(valueText(en, 'organisation', 'sectors', ['10.71'])).toBe('10.71');
    setNaceTitles(new Map([['10.71', { code: '10.71', level: 'class', section: 'C', label: { en: 'Manufacture of bread' } }]]));
    expect(valueText(en, 'organisation', 'sectors', ['10.71'])).toBe('10.71 Manufacture of bread');
    setNaceTitles(new Map());
  });
});
