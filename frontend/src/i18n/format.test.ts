import { describe, expect, it } from 'vitest';
import { formatters } from './format';

// Intl puts narrow no-break spaces where a locale wants them: compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatters', () => {
  it('formats numbers for each language', () => {
    expect(formatters('ro').number(1234567.5)).toBe('1.234.567,5');
    expect(formatters('en').number(1234567.5)).toBe('1,234,567.5');
    expect(plain(formatters('uk').number(1234567.5))).toBe('1 234 567,5');
    expect(plain(formatters('ru').number(1234567.5))).toBe('1 234 567,5');
  });

  it('formats euros, whole amounts without cents', () => {
    expect(plain(formatters('ro').money('3000000.00'))).toBe('3.000.000 EUR');
    expect(formatters('en').money('57583.50')).toBe('€57,583.50');
    expect(plain(formatters('uk').money(120000))).toBe('120 000 EUR');
    expect(plain(formatters('ru').money(120000))).toBe('120 000 €');
  });

  it('formats dates in the language', () => {
    const date = '2026-03-05T10:00:00Z';
    expect(formatters('ro').date(date)).toBe('5 martie 2026');
    expect(formatters('en').date(date)).toBe('5 March 2026');
    expect(plain(formatters('uk').date(date))).toBe('5 березня 2026 р.');
    expect(plain(formatters('ru').date(date))).toBe('5 марта 2026 г.');
  });

  it('formats distances in kilometres', () => {
    expect(formatters('en').distanceKm(12.345)).toBe('12.3 km');
    expect(formatters('ro').distanceKm(25)).toBe('25 km');
  });

  it('writes coordinates with the locale\'s decimal mark, and a semicolon between them where that is a comma', () => {
    expect(formatters('en').coordinates(46.77123, 23.6236, 3)).toBe('46.771, 23.624');
    expect(formatters('uk').coordinates(46.77123, 23.6236, 3)).toBe('46,771; 23,624');
  });
});
