// Opening hours as a week table (open or closed, from, to, per day; closed on public holidays) that
// writes the OpenStreetMap text below it. The text is what is saved: a value the table cannot hold
// (two ranges in a day, seasons, "24/7") is edited there, and the table steps aside.
import { useI18n } from '../i18n';
import { LOCALES } from '../i18n/types';
import { Field } from '../forms/Field';
import { DAYS, dayName, emptyWeek, formatWeek, parseWeek, type Day, type DayHours, type Week } from '../enterprise/opening-hours';

interface Props {
  value: string;
  onChange(value: string): void;
  error?: string | undefined;
}

export function OpeningHoursField({ value, onChange, error }: Props) {
  const { t, lang } = useI18n();
  const week = parseWeek(value);
  const setDay = (current: Week, day: Day, hours: Partial<DayHours>) =>
    onChange(formatWeek({ ...current, days: { ...current.days, [day]: { ...current.days[day], ...hours } } }));
  return (
    <fieldset class="hours-editor">
      <legend>{t('member.hours.legend')}</legend>
      {week ? (
        <WeekTable week={week} lang={LOCALES[lang]} onDay={(day, hours) => setDay(week, day, hours)}
          onHolidays={(closed) => onChange(formatWeek({ ...week, closedOnHolidays: closed }))} />
      ) : (
        <p class="hint">{t('member.hours.advanced')}</p>
      )}
      <Field id="member-opening_hours" label={t('member.hours.text')} hint={t('member.hours.textHint')} error={error}>
        {(attrs) => <input {...attrs} value={value} spellcheck={false} onInput={(e) => onChange(e.currentTarget.value)} />}
      </Field>
      {!week && <p><button type="button" class="link-button" onClick={() => onChange(formatWeek(emptyWeek()))}>{t('member.hours.reset')}</button></p>}
    </fieldset>
  );
}

function WeekTable({ week, lang, onDay, onHolidays }: {
  week: Week; lang: string; onDay(day: Day, hours: Partial<DayHours>): void; onHolidays(closed: boolean): void;
}) {
  const { t } = useI18n();
  return (
    <>
      <div class="hours-editor__wrap">
        <table class="hours-editor__week">
          <caption class="sr-only">{t('member.hours.legend')}</caption>
          <thead>
            <tr><th scope="col">{t('member.hours.open')}</th>
              <th scope="col">{t('member.hours.from')}</th><th scope="col">{t('member.hours.to')}</th></tr>
          </thead>
          <tbody>
            {DAYS.map((day) => {
              const name = dayName(lang, day);
              const hours = week.days[day];
              return (
                <tr key={day}>
                  <th scope="row">
                    <label class="check">
                      <input type="checkbox" checked={hours.open} aria-label={t('member.hours.openOn', { day: name })}
                        onChange={(e) => onDay(day, { open: e.currentTarget.checked })} />
                      {name}
                    </label>
                  </th>
                  <td><input type="time" value={hours.from} disabled={!hours.open} aria-label={t('member.hours.opensOn', { day: name })}
                    onChange={(e) => e.currentTarget.value && onDay(day, { from: e.currentTarget.value })} /></td>
                  <td><input type="time" value={hours.to} disabled={!hours.open} aria-label={t('member.hours.closesOn', { day: name })}
                    onChange={(e) => e.currentTarget.value && onDay(day, { to: e.currentTarget.value })} /></td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <label class="check">
        <input type="checkbox" checked={week.closedOnHolidays} onChange={(e) => onHolidays(e.currentTarget.checked)} />
        {t('member.hours.holidays')}
      </label>
    </>
  );
}
