// The CPV divisions, groups and classes of GET /api/v1/taxonomies/cpv, in the shared code picker.
import { useEffect, useState } from 'preact/hooks';
import { getJson } from '../api/client';
import { CodePicker, type PickerItem } from '../forms/CodePicker';
import { useI18n } from '../i18n';
import type { Language } from '../i18n/types';

export interface CpvItem {
  code: string;
  level: string;
  label: Partial<Record<Language, string | null>>;
}

const DEPTH: Record<string, number> = { group: 1, class: 2 };

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
  const options: PickerItem[] = items.map((i) => ({
    code: i.code, label: cpvLabel(i, lang), depth: DEPTH[i.level] ?? 0, keywords: i.label.en ?? '',
  }));
  return (
    <CodePicker id="cpv" items={options} selected={selected} onChange={onChange} max={20} texts={{
      legend: t('match.categories'), search: t('match.searchCategories'), chosen: t('match.chosenCategories'),
      none: t('match.noCategory'), remove: (name) => t('match.removeCategory', { name }),
    }} />
  );
}
