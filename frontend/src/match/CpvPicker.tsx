// The CPV 2008 list of GET /api/v1/taxonomies/cpv (9,454 codes) in the shared code picker: its divisions and
// groups before anything is typed, then the codes whose number or title (in the reader's language, or in
// English) holds the words typed. A code typed with its check digit (55520000-1) finds its code.
import { useEffect, useState } from 'preact/hooks';
import { getJson } from '../api/client';
import { CodePicker, type PickerItem } from '../forms/CodePicker';
import { useI18n } from '../i18n';
import type { Language } from '../i18n/types';

export interface CpvItem {
  code: string;
  level: string;
  check?: string;
  label: Partial<Record<Language, string | null>>;
}

const DEPTH: Record<string, number> = { group: 1, class: 2, category: 3, subcategory: 3 };
const TOP_LEVELS = new Set([0, 1]);
const MAX_SHOWN = 60;

export function cpvLabel(item: CpvItem | undefined, lang: Language): string {
  return item?.label[lang] ?? item?.label.en ?? item?.code ?? '';
}

/** The list, fetched once per page load (about 9,450 codes) and shared by every picker. */
let loading: Promise<CpvItem[]> | null = null;

function loadCpv(): Promise<CpvItem[]> {
  loading ??= getJson('/api/v1/taxonomies/{name}', { path: { name: 'cpv' } }).then((t) => t.items.map((i) => ({
    code: i.code, level: i.level ?? '', check: String((i.attributes as Record<string, unknown> | undefined)?.check_digit ?? ''),
    label: i.label as CpvItem['label'],
  })));
  loading.catch(() => { loading = null; });
  return loading;
}

/** The list once `wanted` (a form that may never touch CPV asks only when the reader reaches the picker). */
export function useCpv(wanted = true): CpvItem[] {
  const [items, setItems] = useState<CpvItem[]>([]);
  useEffect(() => {
    if (wanted) loadCpv().then(setItems, () => setItems([]));
  }, [wanted]);
  return items;
}

export function CpvPicker({ items, selected, onChange, id = 'cpv', legend, search, error }: {
  items: CpvItem[]; selected: string[]; onChange(codes: string[]): void; id?: string; legend?: string; search?: string;
  error?: string | undefined;
}) {
  const { t, lang } = useI18n();
  const options: PickerItem[] = items.map((i) => ({
    code: i.code, label: cpvLabel(i, lang), depth: DEPTH[i.level] ?? 0,
    keywords: `${i.label.en ?? ''} ${i.code}-${i.check ?? ''}`,
  }));
  return (
    <CodePicker id={id} items={options} selected={selected} onChange={onChange} max={20} error={error}
      browse={(i) => TOP_LEVELS.has(i.depth)} maxShown={MAX_SHOWN} texts={{
        legend: legend ?? t('match.categories'), search: search ?? t('match.searchCategories'),
        chosen: t('match.chosenCategories'), none: t('match.noCategory'), remove: (name) => t('match.removeCategory', { name }),
      }} />
  );
}
