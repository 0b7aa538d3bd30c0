import { describe, expect, it } from 'vitest';
import { i18nFor } from '../i18n';
import { countHint, lengthOf, tooLong } from './limit';

describe('a text limit', () => {
  const en = i18nFor('en');
  it('counts characters as the API does and names what is too long', () => {
    expect(lengthOf('  ăîșț 🙂 ')).toBe(6);
    expect(countHint(en, 'abc', 5000)).toBe('3 of 5,000 characters');
    expect(tooLong(en, 'a'.repeat(5000), 5000)).toBeNull();
    expect(tooLong(en, 'a'.repeat(5003), 5000)).toBe('At most 5,000 characters: shorten it by 3.');
  });
});
