// A profile's opening hours: a week of days with their hours when the OpenStreetMap text is a simple
// week, the text itself otherwise (seasons, several ranges a day), which the reader can still follow.
import { useI18n } from '../i18n';
import { LOCALES } from '../i18n/types';
import { DAYS, dayName, parseWeek } from './opening-hours';

export function OpeningHours({ value }: { value: string }) {
  const { t, lang } = useI18n();
  const week = parseWeek(value);
  if (!week) return <p class="opening-hours" translate={false}>{value}</p>;
  return (
    <>
      <dl class="facts opening-hours-week">
        {DAYS.map((day) => {
          const hours = week.days[day];
          return (
            <div key={day}>
              <dt>{dayName(LOCALES[lang], day)}</dt>
              <dd>{hours.open ? `${hours.from}–${hours.to}` : t('enterprise.closedDay')}</dd>
            </div>
          );
        })}
      </dl>
      {week.closedOnHolidays && <p class="muted">{t('member.hours.holidays')}</p>}
    </>
  );
}
