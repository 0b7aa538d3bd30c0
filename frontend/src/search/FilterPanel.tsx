import type { ComponentChildren } from 'preact';
import { navigate, useAppState } from '../app/store';
import { MAIN_CLUSTER } from '../cluster/ask';
import { activeFilterCount, EMPTY_FILTERS, type Filters } from '../app/url-state';
import { useI18n } from '../i18n';
import {
  CERTIFICATIONS, COUNTRIES, IMPACTS, KINDS, labelOf, NACE_SECTIONS, regionsOf,
} from '../taxonomies/labels';

type SingleKey = 'region' | 'sector' | 'impact' | 'certification' | 'kind';

function update(change: Partial<Filters>) {
  navigate((s) => ({ ...s, selected: null, filters: { ...s.filters, ...change } }));
}

function Select({ id, label, value, children, onChange }: {
  id: SingleKey; label: string; value: string; children: ComponentChildren; onChange(value: string): void;
}) {
  return (
    <div class="field">
      <label for={`filter-${id}`}>{label}</label>
      <select id={`filter-${id}`} value={value} onChange={(e) => onChange(e.currentTarget.value)}>{children}</select>
    </div>
  );
}

/** The list's filters; each change is a new history entry, so the back button undoes it. */
export function FilterPanel() {
  const { filters } = useAppState();
  const { t, lang, code } = useI18n();
  const sections = NACE_SECTIONS;
  const active = activeFilterCount(filters);
  const single = (key: SingleKey) => filters[key][0] ?? '';
  const setSingle = (key: SingleKey) => (value: string) => update({ [key]: value ? [value] : [] });
  const any = <option value="">{t('filters.any')}</option>;

  function toggleCountry(country: string, on: boolean) {
    const countries = on ? [...filters.country, country] : filters.country.filter((c) => c !== country);
    // A region of a country no longer chosen would hide everything: drop it.
    const regions = filters.region.filter((r) => !countries.length || countries.includes(r.slice(0, 2)));
    update({ country: countries, region: regions });
  }

  return (
    // Folded at first, on a desktop too, so that the results show; the badge says how many filters are on.
    <details class="filters">
      <summary>
        {t('filters.heading')}
        {active > 0 && <span class="badge">{t('filters.active', { count: active })}</span>}
      </summary>
      <div class="filters__body">
        <fieldset class="field">
          <legend>{t('filters.country')}</legend>
          {COUNTRIES.map((c) => (
            <label key={c} class="check">
              <input type="checkbox" name="country" value={c} checked={filters.country.includes(c)}
                onChange={(e) => toggleCountry(c, e.currentTarget.checked)} />
              {code('country', c)}
            </label>
          ))}
        </fieldset>
        <Select id="region" label={t('filters.region')} value={single('region')} onChange={setSingle('region')}>
          {any}
          {regionsOf(filters.country, lang).map((r) => <option key={r.code} value={r.code}>{r.name[lang]}</option>)}
        </Select>
        <Select id="sector" label={t('filters.sector')} value={single('sector')} onChange={setSingle('sector')}>
          {any}
          {sections.map((s) => <option key={s.code} value={s.code}>{`${s.code} · ${labelOf(s, lang, s.code)}`}</option>)}
        </Select>
        <Select id="impact" label={t('filters.impact')} value={single('impact')} onChange={setSingle('impact')}>
          {any}
          {IMPACTS.map((i) => <option key={i.code} value={i.code}>{labelOf(i, lang, i.code)}</option>)}
        </Select>
        <Select id="certification" label={t('filters.certification')} value={single('certification')} onChange={setSingle('certification')}>
          {any}
          {CERTIFICATIONS.map((c) => <option key={c.code} value={c.code}>{labelOf(c, lang, c.code)}</option>)}
        </Select>
        <Select id="kind" label={t('filters.kind')} value={single('kind')} onChange={setSingle('kind')}>
          {any}
          {KINDS.map((k) => <option key={k} value={k}>{code('kind', k)}</option>)}
        </Select>
        <label class="check">
          <input type="checkbox" checked={filters.verified} onChange={(e) => update({ verified: e.currentTarget.checked })} />
          {t('filters.verified')}
        </label>
        <label class="check">
          <input type="checkbox" checked={filters.cluster.includes(MAIN_CLUSTER)}
            onChange={(e) => update({ cluster: e.currentTarget.checked ? [MAIN_CLUSTER] : [] })} />
          {t('filters.clusterMembers')}
        </label>
        <label class="check">
          <input type="checkbox" checked={filters.claimed} onChange={(e) => update({ claimed: e.currentTarget.checked })} />
          {t('filters.claimed')}
        </label>
        {active > 0 && (
          <button type="button" class="button" onClick={() => update({ ...EMPTY_FILTERS, q: filters.q })}>{t('filters.clear')}</button>
        )}
      </div>
    </details>
  );
}
