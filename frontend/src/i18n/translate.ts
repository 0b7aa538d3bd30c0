import { messagesOf, type MessageKey } from './messages';
import { LOCALES, type Language } from './types';

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

const pluralRules = new Map<Language, Intl.PluralRules>();

function pluralCategory(language: Language, count: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(language);
  if (!rules) {
    rules = new Intl.PluralRules(LOCALES[language]);
    pluralRules.set(language, rules);
  }
  return rules.select(count);
}

/** Fills `{name}` placeholders; numbers are formatted for the language. */
export function interpolate(text: string, params: Params, language: Language): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? new Intl.NumberFormat(LOCALES[language]).format(value) : value;
  });
}

/** A translator for one language; plural messages pick their form from `params.count`. */
export function translator(language: Language): Translate {
  const messages = messagesOf(language);
  return (key, params = {}) => {
    const message = messages[key];
    let text: string;
    if (typeof message === 'string') {
      text = message;
    } else {
      const count = Number(params.count ?? 0);
      text = message[pluralCategory(language, count)] ?? message.other;
    }
    return interpolate(text, params, language);
  };
}
