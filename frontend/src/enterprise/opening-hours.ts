// A week of opening hours as the member edits it and the profile shows it (one time range per day, closed on public holidays or
// not) and its OpenStreetMap `opening_hours` text, which the API stores and validates. Values the week
// cannot hold (two ranges in a day, months, "24/7"…) parse to null and stay editable as text.

export const DAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] as const;
export type Day = (typeof DAYS)[number];

export interface DayHours {
  open: boolean;
  from: string;
  to: string;
}

export interface Week {
  days: Record<Day, DayHours>;
  closedOnHolidays: boolean;
}

const CLOSED: DayHours = { open: false, from: '09:00', to: '17:00' };
const TIME = '([01]\\d|2[0-4]):[0-5]\\d';
const RULE = new RegExp(`^((?:Mo|Tu|We|Th|Fr|Sa|Su)(?:-(?:Mo|Tu|We|Th|Fr|Sa|Su))?(?:,(?:Mo|Tu|We|Th|Fr|Sa|Su)(?:-(?:Mo|Tu|We|Th|Fr|Sa|Su))?)*) (off|${TIME}-${TIME})$`);

export function emptyWeek(): Week {
  return { days: Object.fromEntries(DAYS.map((d) => [d, { ...CLOSED }])) as Record<Day, DayHours>, closedOnHolidays: false };
}

/** "Mo-We,Fr" → Mo, Tu, We, Fr. */
function daysOf(selector: string): Day[] {
  return selector.split(',').flatMap((part) => {
    const [first, last = first] = part.split('-') as [Day, Day?];
    const start = DAYS.indexOf(first);
    const end = DAYS.indexOf(last ?? first);
    return end >= start ? DAYS.slice(start, end + 1) : [...DAYS.slice(start), ...DAYS.slice(0, end + 1)];
  });
}

export function parseWeek(value: string): Week | null {
  const week = emptyWeek();
  const rules = value.split(';').map((r) => r.trim()).filter(Boolean);
  for (const rule of rules) {
    if (rule === 'PH off') {
      week.closedOnHolidays = true;
      continue;
    }
    const match = RULE.exec(rule);
    if (!match) return null;
    const [, selector = '', hours = ''] = match;
    for (const day of daysOf(selector)) {
      const [from = '', to = ''] = hours.split('-');
      week.days[day] = hours === 'off' ? { ...CLOSED } : { open: true, from, to };
    }
  }
  return week;
}

const same = (a: DayHours, b: DayHours) => a.open === b.open && (!a.open || (a.from === b.from && a.to === b.to));

/** The OSM text of a week, consecutive days with the same hours joined ("Mo-Fr 09:00-17:00"); '' when always closed. */
export function formatWeek(week: Week): string {
  const rules: string[] = [];
  let start = 0;
  for (let i = 1; i <= DAYS.length; i++) {
    const day = DAYS[i];
    const first = week.days[DAYS[start]!];
    if (day && same(week.days[day], first)) continue;
    if (first.open) {
      const span = i - 1 > start ? `${DAYS[start]}-${DAYS[i - 1]}` : DAYS[start];
      rules.push(`${span} ${first.from}-${first.to}`);
    }
    start = i;
  }
  if (rules.length && week.closedOnHolidays) rules.push('PH off');
  return rules.join('; ');
}

/** The locale's name of a day (1 January 2024 was a Monday). */
export function dayName(locale: string, day: Day): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2024, 0, 1 + DAYS.indexOf(day)));
}
