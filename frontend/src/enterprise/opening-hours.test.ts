import { describe, expect, it } from 'vitest';
import { emptyWeek, formatWeek, parseWeek } from './opening-hours';

describe('opening hours', () => {
  it('reads the demo data\'s kind of value and writes it back the same', () => {
    const value = 'Mo-Fr 08:00-18:00; Sa 09:00-13:00; PH off';
    const week = parseWeek(value);
    expect(week?.days.We).toEqual({ open: true, from: '08:00', to: '18:00' });
    expect(week?.days.Su.open).toBe(false);
    expect(week?.closedOnHolidays).toBe(true);
    expect(formatWeek(week!)).toBe(value);
  });

  it('joins consecutive days and keeps gaps apart', () => {
    const week = emptyWeek();
    for (const day of ['Mo', 'Tu', 'Th'] as const) week.days[day] = { open: true, from: '10:00', to: '16:00' };
    expect(formatWeek(week)).toBe('Mo-Tu 10:00-16:00; Th 10:00-16:00');
  });

  it('reads comma lists, wrapping ranges and explicit closed days', () => {
    const week = parseWeek('Mo,We 10:00-12:00; Fr-Su 09:00-14:00; Sa off');
    expect(week?.days.Mo.open && week.days.We.open && !week.days.Tu.open).toBe(true);
    expect(week?.days.Su).toEqual({ open: true, from: '09:00', to: '14:00' });
    expect(week?.days.Sa.open).toBe(false);
  });

  it('leaves what a week cannot hold to the text field', () => {
    for (const value of ['24/7', 'Mo-Fr 09:00-12:00,13:00-17:00', 'Jan-Mar Mo 10:00-12:00', 'Mo-Fr 9-17']) {
      expect(parseWeek(value), value).toBeNull();
    }
  });

  it('is empty when closed every day, even with PH off', () => {
    const week = emptyWeek();
    week.closedOnHolidays = true;
    expect(formatWeek(week)).toBe('');
    expect(parseWeek('')).toEqual(emptyWeek());
  });
});
