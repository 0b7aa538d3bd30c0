import { describe, expect, it } from 'vitest';
import { messagesOf } from './messages';
import { ro } from './messages/ro';
import { translator } from './translate';
import { LANGUAGES, LOCALES, type Message } from './types';
import { CERTIFICATIONS, IMPACTS, BENEFICIARIES, REGIONS } from '../taxonomies/labels';

const placeholders = (message: Message) =>
  [...new Set((typeof message === 'string' ? [message] : Object.values(message)).flatMap((t) => t.match(/\{\w+\}/g) ?? []))]
    .filter((p) => p !== '{count}').sort();

describe.each(LANGUAGES)('messages in %s', (lang) => {
  const messages = messagesOf(lang);

  it('has every key of the Romanian source and no other', () => {
    expect(Object.keys(messages).sort()).toEqual(Object.keys(ro).sort());
  });

  it('translates every key to non-empty text with the same placeholders', () => {
    for (const [key, message] of Object.entries(messages)) {
      const texts = typeof message === 'string' ? [message] : Object.values(message);
      for (const text of texts) expect(text.trim(), `${lang} ${key}`).not.toBe('');
      expect(placeholders(message), `${lang} ${key}`).toEqual(placeholders(ro[key as keyof typeof ro]));
    }
  });

  it('has every plural form the language needs', () => {
    const categories = new Intl.PluralRules(LOCALES[lang]).resolvedOptions().pluralCategories;
    for (const [key, message] of Object.entries(messages)) {
      if (typeof message === 'string') continue;
      for (const category of categories) {
        if (category === 'other' || category === 'one' || category === 'few' || category === 'many') {
          expect(message[category], `${lang} ${key} needs "${category}"`).toBeTruthy();
        }
      }
    }
  });

  it('labels every impact area, certification, beneficiary group and region', () => {
    for (const item of [...IMPACTS, ...CERTIFICATIONS, ...BENEFICIARIES]) expect(item.label[lang], item.code).toBeTruthy();
    for (const region of REGIONS) expect(region.name[lang], region.code).toBeTruthy();
  });
});

describe('translator', () => {
  it('chooses the plural form of the language', () => {
    expect(translator('ro')('results.count', { count: 1 })).toBe('O întreprindere');
    expect(translator('ro')('results.count', { count: 3 })).toBe('3 întreprinderi');
    expect(translator('ro')('results.count', { count: 460 })).toBe('460 de întreprinderi');
    expect(translator('en')('results.count', { count: 460 })).toBe('460 enterprises');
    expect(translator('uk')('results.count', { count: 21 })).toBe('21 підприємство');
    expect(translator('uk')('results.count', { count: 24 })).toBe('24 підприємства');
    expect(translator('ru')('results.count', { count: 25 })).toBe('25 предприятий');
  });

  it('formats numbers in placeholders for the locale', () => {
    expect(translator('ro')('results.count', { count: 12345 })).toBe('12.345 de întreprinderi');
    expect(translator('en')('enterprise.employeesVulnerable', { count: 1500 })).toBe('of whom 1,500 from vulnerable groups');
  });
});
