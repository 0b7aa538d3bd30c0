// A searchable checklist of codes (CPV for a buyer's need, NACE for a member's sectors): a filter box
// and a list of real checkboxes, so it works with a keyboard and a screen reader; chosen codes are
// shown as chips that can be removed.
import { useState } from 'preact/hooks';
import { useI18n } from '../i18n';

export interface PickerItem {
  code: string;
  label: string;
  /** Indents the item under its parent (e.g. a NACE group under its division), 0 to 3. */
  depth: number;
  /** Extra words the filter matches (e.g. the English label). */
  keywords?: string;
}

export interface PickerTexts {
  legend: string;
  search: string;
  chosen: string;
  none: string;
  remove: (name: string) => string;
}

/** Lower case without diacritics, so that "brutarie" finds "Brutărie". */
export const fold = (text: string) => text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();

export function matches(item: PickerItem, filter: string): boolean {
  const words = fold(filter.trim()).split(/\s+/).filter(Boolean);
  const text = fold(`${item.code} ${item.label} ${item.keywords ?? ''}`);
  return words.every((w) => text.includes(w));
}

interface Props {
  id: string;
  texts: PickerTexts;
  items: PickerItem[];
  selected: string[];
  onChange(codes: string[]): void;
  max: number;
  error?: string | undefined;
  /** Which items to list before anything is typed (a long list such as CPV's 9,454 codes shows its top levels). */
  browse?: (item: PickerItem) => boolean;
  /** At most this many matches are listed; the reader narrows the filter for more. */
  maxShown?: number;
}

export function CodePicker({ id, texts, items, selected, onChange, max, error, browse, maxShown = Infinity }: Props) {
  const { t } = useI18n();
  const [filter, setFilter] = useState('');
  const found = filter.trim() ? items.filter((i) => matches(i, filter)) : browse ? items.filter(browse) : items;
  const shown = found.length > maxShown ? found.slice(0, maxShown) : found;
  const byCode = new Map(items.map((i) => [i.code, i]));
  const toggle = (code: string, on: boolean) => onChange(on ? [...selected, code] : selected.filter((c) => c !== code));
  const name = (code: string) => byCode.get(code)?.label || code;
  return (
    <fieldset class={`field code-picker${error ? ' field--invalid' : ''}`} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{texts.legend}</legend>
      {selected.length > 0 && (
        <ul class="chips" aria-label={texts.chosen}>
          {selected.map((c) => (
            <li key={c} class="chip">
              {c} · {name(c)}
              <button type="button" class="link-button" onClick={() => toggle(c, false)} aria-label={texts.remove(name(c))}>×</button>
            </li>
          ))}
        </ul>
      )}
      <label for={`${id}-filter`} class="sr-only">{texts.search}</label>
      <input id={`${id}-filter`} type="search" placeholder={texts.search} value={filter}
        onInput={(e) => setFilter(e.currentTarget.value)} aria-controls={`${id}-list`} />
      <div id={`${id}-list`} class="code-picker__list" tabIndex={-1}>
        {items.length === 0 && <p role="status">{t('results.loading')}</p>}
        {items.length > 0 && shown.length === 0 && <p>{texts.none}</p>}
        {found.length > shown.length && <p class="hint">{t('form.narrowFilter', { count: shown.length, total: found.length })}</p>}
        {shown.map((i) => (
          <label key={i.code} class={`check code-picker__item code-picker__item--depth-${Math.min(i.depth, 3)}`}>
            <input type="checkbox" checked={selected.includes(i.code)} disabled={!selected.includes(i.code) && selected.length >= max}
              onChange={(e) => toggle(i.code, e.currentTarget.checked)} />
            <span><span class="muted">{i.code}</span> {i.label}</span>
          </label>
        ))}
      </div>
      {error && <p id={`${id}-error`} class="field__error">{error}</p>}
    </fieldset>
  );
}
