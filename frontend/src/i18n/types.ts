/** A message is text with `{name}` placeholders, or plural forms chosen by Intl.PluralRules. */
export type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
export type Message = string | Plural;

export const LANGUAGES = ['ro', 'en', 'uk', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'ro';

/** BCP 47 tags for Intl: the language as used in the three countries (and British English). */
export const LOCALES: Record<Language, string> = { ro: 'ro-RO', en: 'en-GB', uk: 'uk-UA', ru: 'ru-RU' };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
