// A text's length against the API's limit, shown as it is typed and never cut: a browser's maxLength
// drops a pasted tail without a word, so the forms count instead and refuse to send a text that is too long.
import type { I18n } from '../i18n';

/** Characters as the API counts them (code points, after trimming). */
export function lengthOf(text: string): number {
  return [...text.trim()].length;
}

/** "123 of 5,000 characters" for the field's hint. */
export function countHint(i18n: I18n, text: string, max: number): string {
  return i18n.t('form.charCount', { count: lengthOf(text), max });
}

/** The error of a text over its limit, naming by how much; null when it fits. */
export function tooLong(i18n: I18n, text: string, max: number): string | null {
  const over = lengthOf(text) - max;
  return over > 0 ? i18n.t('form.tooLong', { max, over }) : null;
}
