// A searchable picker of CPV divisions, groups and classes (GET /api/v1/taxonomies/cpv):
// a filter box and a list of real checkboxes, so it works with a keyboard and a screen reader.
import { useEffect, useState } from 'preact/hooks';
import { getJson } from '../api/client';
import { useI18n } from '../i18n';
import type { Language } from '../i18n/types';

export interface CpvItem {
  code: string;
  level: string;
  label: Partial<Record<Language, string | null>>;
}

const fold = (text: string) => text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();

export function cpvLabel(item: CpvItem | undefined, lang: Language): string {
  return item?.label[lang] ?? item?.label.en ?? item?.code ?? '';
}

export function useCpv(): CpvItem[] {
  const [items, setItems] = useState<CpvItem[]>([]);
  useEffect(() => {
    getJson('/api/v1/taxonomies/{name}', { path: { name: 'cpv' } })
      .then((t) => setItems(t.items.map((i) => ({ code: i.code, level: i.level ?? '', label: i.label as CpvItem['label'] }))), () => setItems([]));
  }, []);
  return items;
}

export function CpvPicker({ items, selected, onChange }: { items: CpvItem[]; selected: string[]; onChange(codes: string[]): void }) {
  const { t, lang } = useI18n();
  const [filter, setFilter] = useState('');
  const words = fold(filter.trim()).split(/\s+/).filter(Boolean);
  const shown = items.filter((i) => {
    const text = fold(`${i.code} ${cpvLabel(i, lang)} ${i.label.en ?? ''}`);
    return words.every((w) => text.includes(w));
  });
  const byCode = new Map(items.map((i) => [i.code, i]));
  const toggle = (code: string, on: boolean) => onChange(on ? [...selected, code] : selected.filter((c) => c !== code));
  return (
    <fieldset class="field cpv-picker">
      <legend>{t('match.categories')}</legend>
      {selected.length > 0 && (
        <ul class="chips" aria-label={t('match.chosenCategories')}>
          {selected.map((c) => (
            <li key={c} class="chip">
              {c} · {cpvLabel(byCode.get(c), lang)}
              <button type="button" class="link-button" onClick={() => toggle(c, false)}
                aria-label={t('match.removeCategory', { name: cpvLabel(byCode.get(c), lang) || c })}>×</button>
            </li>
          ))}
        </ul>
      )}
      <label for="cpv-filter" class="sr-only">{t('match.searchCategories')}</label>
      <input id="cpv-filter" type="search" placeholder={t('match.searchCategories')} value={filter}
        onInput={(e) => setFilter(e.currentTarget.value)} aria-controls="cpv-list" />
      <div id="cpv-list" class="cpv-picker__list" tabIndex={-1}>
        {items.length === 0 && <p role="status">{t('results.loading')}</p>}
        {items.length > 0 && shown.length === 0 && <p>{t('match.noCategory')}</p>}
        {shown.map((i) => (
          <label key={i.code} class={`check cpv-picker__item cpv-picker__item--${i.level}`}>
            <input type="checkbox" checked={selected.includes(i.code)} disabled={!selected.includes(i.code) && selected.length >= 20}
              onChange={(e) => toggle(i.code, e.currentTarget.checked)} />
            <span><span class="muted">{i.code}</span> {cpvLabel(i, lang)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
