// A town's name in the reader's script, from the GeoNames row's untagged alternate names: Latin readers
// (ro, en) get the local name; Cyrillic readers (uk, ru) a Cyrillic alternate, when the row has one.
// The alternates carry no language tag, so the choice is by letters: Ukrainian-only letters (і ї є ґ)
// mark a Ukrainian spelling; otherwise the spelling nearest to the English exonym (Kiev → Киев).
const CYRILLIC = /^[\u0400-\u04FF\s'’-]+$/;
const UKRAINIAN_ONLY = /[іїєґІЇЄҐ]/;
const RUSSIAN_ONLY = /[ыэъёЫЭЪЁ]/;
const ROMAN = {
  а: 'a', б: 'b', в: 'v', г: 'g', ґ: 'g', д: 'd', е: 'e', є: 'ie', ё: 'e', ж: 'zh', з: 'z', и: 'i', і: 'i', ї: 'i',
  й: 'i', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'h',
  ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'iu', я: 'ia',
};

const romanised = (name) => [...name.toLowerCase()].map((c) => ROMAN[c] ?? c).join('');
const plain = (name) => name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/ch/g, 'h');

function distance(a, b) {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

function nearest(candidates, exonym) {
  const target = plain(exonym);
  return [...candidates].sort((x, y) => distance(plain(romanised(x)), target) - distance(plain(romanised(y)), target))[0] ?? null;
}

/** `{ uk, ru }`: the Cyrillic names for Ukrainian and Russian readers (null where the row has none). */
export function cyrillicNames(name, altNames) {
  const alternates = altNames.split('|').map((s) => s.trim()).filter(Boolean);
  const cyrillic = alternates.filter((a) => CYRILLIC.test(a));
  if (CYRILLIC.test(name)) cyrillic.unshift(name);
  if (!cyrillic.length) return { uk: null, ru: null };
  const exonym = alternates.find((a) => !CYRILLIC.test(a)) ?? name;
  const ukrainian = cyrillic.filter((a) => UKRAINIAN_ONLY.test(a));
  const notUkrainian = cyrillic.filter((a) => !UKRAINIAN_ONLY.test(a));
  const russian = notUkrainian.filter((a) => RUSSIAN_ONLY.test(a));
  return {
    uk: nearest(ukrainian, exonym) ?? nearest(notUkrainian.filter((a) => !RUSSIAN_ONLY.test(a)), exonym) ?? nearest(cyrillic, exonym),
    ru: nearest(notUkrainian, exonym) ?? nearest(russian, exonym) ?? nearest(cyrillic, exonym),
  };
}
