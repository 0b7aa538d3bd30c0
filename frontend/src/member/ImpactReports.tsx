// The organisation's yearly impact reports in the members' area: the years entered (submitted or
// verified by staff) and a form for one year. A year that exists is replaced with If-Match and goes
// back to "submitted" for a check.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, getJson, putJson } from '../api/client';
import type { components } from '../api/schema';
import { errorsByField, Field, type FieldErrors } from '../forms/Field';
import { useI18n, type MessageKey } from '../i18n';
import { BENEFICIARIES, labelOf } from '../taxonomies/labels';
import type { MemberSession } from './session';

type Report = components['schemas']['ImpactReportOut'];
const NUMBERS = ['employees_total', 'employees_vulnerable', 'beneficiaries', 'turnover_eur', 'public_contracts_won',
  'public_contracts_eur', 'waste_diverted_t', 'co2_avoided_t', 'energy_renewable_mwh'] as const;
type NumberField = (typeof NUMBERS)[number];
/** The optional environmental figures, sent inside `environment`. */
const ENVIRONMENT = ['waste_diverted_t', 'co2_avoided_t', 'energy_renewable_mwh'] as const;
const isEnvironment = (name: string): name is (typeof ENVIRONMENT)[number] => (ENVIRONMENT as readonly string[]).includes(name);
const LABELS: Record<NumberField, MessageKey> = {
  employees_total: 'impact.employees', employees_vulnerable: 'impact.vulnerable', beneficiaries: 'impact.beneficiaries',
  turnover_eur: 'impact.turnover', public_contracts_won: 'impact.contracts', public_contracts_eur: 'impact.contractsValue',
  waste_diverted_t: 'impact.waste', co2_avoided_t: 'impact.co2', energy_renewable_mwh: 'impact.energy',
};
const lastYear = new Date().getUTCFullYear() - 1;

function formOf(report: Report | undefined): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of NUMBERS) {
    const raw = isEnvironment(name) ? report?.environment?.[name] : report?.[name];
    values[name] = raw === null || raw === undefined ? '' : String(raw);
  }
  for (const group of BENEFICIARIES) values[`group:${group.code}`] = String(report?.vulnerable_by_group?.[group.code] ?? '');
  return values;
}

export function ImpactReports({ session }: { session: MemberSession }) {
  const i18n = useI18n();
  const { t, lang, f } = i18n;
  const [reports, setReports] = useState<Report[]>([]);
  const [year, setYear] = useState(lastYear);
  const [values, setValues] = useState<Record<string, string>>(formOf(undefined));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const key = session.organisation;

  async function load() {
    const { reports: rows } = await getJson('/api/v1/enterprises/{key}/impact', { path: { key }, token: session.token });
    setReports(rows);
    return rows;
  }
  // The first load fills the form only if the reader has not started on it meanwhile (a slow answer must
  // not overwrite a chosen year or typed figures).
  const edited = useRef(false);
  const edit = (name: string, value: string) => {
    edited.current = true;
    setValues((v) => ({ ...v, [name]: value }));
  };
  useEffect(() => {
    load().then((rs) => { if (!edited.current) setValues(formOf(rs.find((r) => r.year === year))); },
      () => setMessage({ ok: false, text: t('results.error') }));
  }, [session.token]);

  function pick(next: number) {
    edited.current = true;
    setYear(next);
    setValues(formOf(reports.find((r) => r.year === next)));
    setErrors({});
    setMessage(null);
  }

  async function submit(event: Event) {
    event.preventDefault();
    setMessage(null);
    const number = (name: string) => (values[name]?.trim() ? Number(values[name]) : null);
    const groups = Object.fromEntries(BENEFICIARIES.filter((g) => values[`group:${g.code}`]?.trim())
      .map((g) => [g.code, Number(values[`group:${g.code}`])]));
    const body = {
      employees_total: number('employees_total'), employees_vulnerable: number('employees_vulnerable'),
      beneficiaries: number('beneficiaries'), public_contracts_won: number('public_contracts_won'),
      turnover_eur: values.turnover_eur?.trim() || null, public_contracts_eur: values.public_contracts_eur?.trim() || null,
      vulnerable_by_group: groups,
      environment: Object.fromEntries(ENVIRONMENT.filter((name) => values[name]?.trim()).map((name) => [name, values[name]!.trim()])),
    };
    const existing = reports.find((r) => r.year === year);
    try {
      await putJson('/api/v1/enterprises/{key}/impact/{year}', body,
        { path: { key, year }, token: session.token, ifMatch: existing?.etag ?? null });
      setErrors({});
      await load();
      setMessage({ ok: true, text: t('impact.saved', { year: String(year) }) });
    } catch (e) {
      const api = e instanceof ApiError ? e : new ApiError(0, String(e));
      // An environmental figure's error goes under its own field (/environment/co2_avoided_t → co2_avoided_t).
      setErrors(errorsByField(api.errors.map((e) => ({ ...e, pointer: e.pointer.replace(/^(\/(body\/)?)environment\//, '$1') })), i18n));
      setMessage({ ok: false, text: api.status === 412 ? t('member.conflict') : api.errors.length ? t('form.fixFields') : (api.message || t('form.error')) });
    }
  }

  const years = Array.from({ length: 8 }, (_, i) => lastYear + 1 - i);
  return (
    <section aria-labelledby="impact-heading">
      <h2 id="impact-heading">{t('impact.heading')}</h2>
      <p class="hint">{t('impact.intro')}</p>
      {reports.length > 0 && (
        <ul>
          {reports.map((r) => (
            <li key={r.year}>{r.year}: {t(r.status === 'verified' ? 'impact.verified' : 'impact.submitted')}
              {r.employees_total !== null && r.employees_total !== undefined ? ` · ${t('impact.employees')} ${f.number(r.employees_total)}` : ''}</li>
          ))}
        </ul>
      )}
      <form class="form" onSubmit={submit} noValidate aria-labelledby="impact-heading">
        <Field id="impact-year" label={t('impact.year')}>
          {(a) => <select {...a} value={String(year)} onChange={(e) => pick(Number(e.currentTarget.value))}>
            {years.map((y) => <option key={y} value={y}>{y}</option>)}
          </select>}
        </Field>
        {NUMBERS.map((name) => (
          <Field key={name} id={`impact-${name}`} label={t(LABELS[name])} error={errors[name]}>
            {(a) => <input {...a} type="number" min={0} step={name.endsWith('_eur') || isEnvironment(name) ? '0.01' : '1'} inputMode="decimal"
              value={values[name]} onInput={(e) => edit(name, e.currentTarget.value)} />}
          </Field>
        ))}
        <fieldset>
          <legend>{t('impact.byGroup')}</legend>
          {errors.vulnerable_by_group && <p class="field__error">{errors.vulnerable_by_group}</p>}
          {BENEFICIARIES.map((g) => (
            <Field key={g.code} id={`impact-group-${g.code}`} label={labelOf(g, lang, g.code)}>
              {(a) => <input {...a} type="number" min={0} step="1" value={values[`group:${g.code}`]}
                onInput={(e) => edit(`group:${g.code}`, e.currentTarget.value)} />}
            </Field>
          ))}
        </fieldset>
        {message && <p class={message.ok ? 'state state--ok' : 'field__error'} role={message.ok ? 'status' : 'alert'}>{message.text}</p>}
        <button type="submit" class="button">{t('impact.save', { year: String(year) })}</button>
      </form>
    </section>
  );
}
