// Copies what the SPA serves beside its bundle and derives its bundled code lists, before a build,
// a dev server or the tests: the MapLibre worker, the Noto Sans files (UI text and map labels,
// never fetched from a CDN), the labels of the API's taxonomies and regions in ro/en/uk/ru, and the
// base map's place names.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cyrillicNames } from './place-names.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const repo = join(root, '..');
const vendor = join(root, 'public', 'vendor');
const generated = join(root, 'src', 'generated');
mkdirSync(join(vendor, 'fonts'), { recursive: true });
mkdirSync(generated, { recursive: true });

copyFileSync(join(root, 'node_modules/maplibre-gl/dist/maplibre-gl-worker.mjs'), join(vendor, 'maplibre-gl-worker.mjs'));
// Latin with Romanian ș/ț (latin-ext) and Cyrillic for Ukrainian and Russian; unicode ranges as
// fontsource declares them, so the browser and MapLibre fetch only the files a text needs.
const FONT_SUBSETS = ['latin', 'latin-ext', 'cyrillic', 'cyrillic-ext'];
const FONT_WEIGHTS = { 400: 'Noto Sans Regular', 700: 'Noto Sans Bold' };
const fontsource = join(root, 'node_modules/@fontsource/noto-sans');
const css = [];
const fontFaces = {};
for (const [weight, stack] of Object.entries(FONT_WEIGHTS)) {
  const declared = readFileSync(join(fontsource, `${weight}.css`), 'utf8');
  for (const subset of FONT_SUBSETS) {
    const name = `noto-sans-${subset}-${weight}-normal.woff2`;
    const block = declared.split('/* ').find((b) => b.startsWith(`noto-sans-${subset}-${weight}-normal */`));
    const range = /unicode-range: ([^;]+);/.exec(block ?? '')?.[1];
    if (!range) throw new Error(`no unicode-range for ${name} in @fontsource/noto-sans/${weight}.css`);
    copyFileSync(join(fontsource, 'files', name), join(vendor, 'fonts', name));
    css.push(`@font-face{font-family:'Noto Sans';font-style:normal;font-display:swap;font-weight:${weight};` +
      `src:url(/vendor/fonts/${name}) format('woff2');unicode-range:${range};}`);
    (fontFaces[stack] ??= []).push({ url: `/vendor/fonts/${name}`, 'unicode-range': range.split(',') });
  }
}
writeFileSync(join(vendor, 'fonts', 'noto-sans.css'), css.join('\n') + '\n');
writeFileSync(join(generated, 'font-faces.json'), JSON.stringify(fontFaces));

const LANGS = ['ro', 'en', 'uk', 'ru'];
const readJson = (path) => JSON.parse(readFileSync(join(repo, path), 'utf8'));
// Only the titles a list has (NACE has no Ukrainian or Russian ones): the SPA falls back to English.
const labels = (item) => Object.fromEntries(LANGS.filter((l) => item[`label_${l}`]).map((l) => [l, item[`label_${l}`]]));

function codeList(name) {
  return readJson(`api/taxonomies/data/${name}.json`).items.map((item) => ({ code: item.code, label: labels(item) }));
}

const small = {
  impacts: codeList('impacts'),
  certifications: codeList('certifications'),
  beneficiaries: codeList('beneficiaries'),
};
writeFileSync(join(generated, 'taxonomies.json'), JSON.stringify(small));

const nace = readJson('api/taxonomies/data/nace.json').items.map((item) => ({
  code: item.code, level: item.level, section: item.section, label: labels(item),
}));
writeFileSync(join(generated, 'nace.json'), JSON.stringify(nace));
// The map's sector filter needs only the 21 sections: bundled, so the first visit skips the full list.
writeFileSync(join(generated, 'nace-sections.json'), JSON.stringify(nace.filter((item) => item.level === 'section')));

const regions = readJson('api/geo/data/regions.geojson').features.map(({ properties: p }) => ({
  code: p.code, country: p.country, name: Object.fromEntries(LANGS.map((l) => [l, p[`name_${l}`] ?? p.name_en])),
}));
writeFileSync(join(generated, 'regions.json'), JSON.stringify(regions));
// Place names for the offline base map: the towns of api/geo/data (GeoNames) with 10,000 people or
// more, under their local name and, for Cyrillic readers, a Cyrillic one (scripts/place-names.mjs). Its
// first columns hold no commas (alt_names, the last one, may).
const PLACE_MIN_POPULATION = 10_000;
const [header, ...towns] = readFileSync(join(repo, 'api/geo/data/towns.csv'), 'utf8').trim().split('\n');
const column = Object.fromEntries(header.split(',').map((name, i) => [name, i]));
// The national capitals (GeoNames ids of București, Chișinău and Kyiv): labelled above the enterprises.
const CAPITALS = new Set(['683506', '618426', '703448']);
const places = towns.map((line) => line.split(',')).filter((c) => Number(c[column.population]) >= PLACE_MIN_POPULATION)
  .map((c) => {
    const { uk, ru } = cyrillicNames(c[column.name], c.slice(column.alt_names).join(','));
    return {
      type: 'Feature',
      properties: {
        name: c[column.name], population: Number(c[column.population]),
        // Russian readers fall back to the Ukrainian spelling when it is the same (src/map/style.ts placeName).
        ...(uk ? { name_uk: uk } : {}), ...(ru && ru !== uk ? { name_ru: ru } : {}),
        ...(CAPITALS.has(c[column.geonameid]) ? { capital: true } : {}),
      },
      // Three decimals (about 100 m) place a town's label well enough, in fewer bytes of a first visit.
      geometry: { type: 'Point', coordinates: [Number(Number(c[column.lon]).toFixed(3)), Number(Number(c[column.lat]).toFixed(3))] },
    };
  });
writeFileSync(join(vendor, 'places.geojson'), JSON.stringify({ type: 'FeatureCollection', features: places }));
console.log(`[vendor] worker, ${FONT_SUBSETS.length * 2} font files, taxonomies (${nace.length} NACE), ${regions.length} regions, ${places.length} places`);
