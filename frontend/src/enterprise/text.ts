import type { Language } from '../i18n/types';

/** The description in the reader's language, else English, else any; with its own language tag. */
export function localised(texts: Record<string, string>, lang: Language): { text: string; lang: string } | null {
  for (const candidate of [lang, 'en', 'ro', ...Object.keys(texts)]) {
    const text = texts[candidate];
    if (text) return { text, lang: candidate };
  }
  return null;
}
