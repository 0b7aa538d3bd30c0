import { useMemo } from 'preact/hooks';
import { useAppState } from '../app/store';
import { formatters, type Formatters } from './format';
import { messagesOf, type MessageKey } from './messages';
import { translator, type Translate } from './translate';
import type { Language } from './types';

export { LANGUAGES, LOCALES, DEFAULT_LANGUAGE, isLanguage, type Language } from './types';
export type { MessageKey };

/** Each language named in itself, for the language switch. */
export const AUTONYMS: Record<Language, string> = { ro: 'Română', en: 'English', uk: 'Українська', ru: 'Русский' };

export type CodePrefix = 'country' | 'kind' | 'delivery' | 'language';

export interface I18n {
  lang: Language;
  t: Translate;
  f: Formatters;
  /** The name of a code the API returns (country.RO, kind.ngo, …); the code itself if unknown. */
  code(prefix: CodePrefix, value: string): string;
}

export function i18nFor(lang: Language): I18n {
  const t = translator(lang);
  const known = messagesOf(lang);
  return {
    lang, t, f: formatters(lang),
    code: (prefix, value) => {
      const key = `${prefix}.${value}`;
      return key in known ? t(key as MessageKey) : value;
    },
  };
}

export function useI18n(): I18n {
  const { lang } = useAppState();
  return useMemo(() => i18nFor(lang), [lang]);
}
