import { LOCALES, type Language } from './types';

/** Numbers, money and dates for the reader's language, through Intl only. */
export interface Formatters {
  number(value: number): string;
  money(value: number | string, currency?: string): string;
  date(value: string | Date): string;
  distanceKm(value: number): string;
  /** "46.771, 23.624" — or "46,771; 23,624" where the decimal mark is a comma. */
  coordinates(lat: number, lng: number, digits?: number): string;
}

export function formatters(language: Language): Formatters {
  const locale = LOCALES[language];
  const number = new Intl.NumberFormat(locale);
  const km = new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilometer', maximumFractionDigits: 1 });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long' });
  return {
    number: (value) => number.format(value),
    money: (value, currency = 'EUR') => new Intl.NumberFormat(locale, {
      style: 'currency', currency, maximumFractionDigits: Number(value) % 1 === 0 ? 0 : 2,
    }).format(Number(value)),
    date: (value) => date.format(typeof value === 'string' ? new Date(value) : value),
    distanceKm: (value) => km.format(value),
    coordinates: (lat, lng, digits = 5) => {
      const degrees = new Intl.NumberFormat(locale, { maximumFractionDigits: digits, useGrouping: false });
      const separator = degrees.format(0.5).includes(',') ? '; ' : ', ';
      return `${degrees.format(lat)}${separator}${degrees.format(lng)}`;
    },
  };
}
