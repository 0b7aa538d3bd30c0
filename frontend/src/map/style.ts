// The offline base map: our own country outlines and neighbours (public/basemap), towns' names, labels drawn
// from the bundled Noto Sans files through the style's `font-faces` (no glyph server, no CDN).
// A deployment may configure an online base map instead (BASEMAP_STYLE_URL: the API puts it in a meta
// tag); our country outlines are then drawn over it, and if it cannot be loaded the offline one is used.
import type {
  ExpressionSpecification, FilterSpecification, FontFacesSpecification, LayerSpecification, StyleSpecification,
} from 'maplibre-gl';
import type { Language } from '../i18n/types';
import fontFaces from '../generated/font-faces.json';
import type { FeatureCollection, Point } from 'geojson';

export const FONT = ['Noto Sans Regular'];
export const FONT_BOLD = ['Noto Sans Bold'];
/** RO, MD and UA: where the map starts. */
export const HOME_BOUNDS: [number, number, number, number] = [20.2, 43.6, 40.3, 52.4];

export const COLOURS = {
  water: '#d4e6f1',
  context: '#ecebe8',
  contextLine: '#c9c6bf',
  land: '#fbfaf6',
  border: '#7a8794',
  label: '#2f3b46',
  place: '#4a5560',
  halo: '#ffffff',
};

function absoluteFontFaces(origin: string): FontFacesSpecification {
  return Object.fromEntries(Object.entries(fontFaces).map(([stack, faces]) => [
    stack, faces.map((face) => ({ ...face, url: origin + face.url })),
  ]));
}

/** One label point per country (a polygon label would repeat on every piece, e.g. Crimea). */
const LABEL_POINTS: [string, number, number][] = [['RO', 24.97, 45.85], ['MD', 28.45, 47.25], ['UA', 31.4, 49.1]];

export function countryLabels(names: (code: string) => string): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: LABEL_POINTS.map(([code, lng, lat]) => ({
      type: 'Feature', properties: { code, name: names(code) }, geometry: { type: 'Point', coordinates: [lng, lat] },
    })),
  };
}

/** A town's name in the reader's script: Cyrillic readers get the Cyrillic name where the data has one. */
export function placeName(lang: Language): ExpressionSpecification {
  if (lang === 'uk') return ['coalesce', ['get', 'name_uk'], ['get', 'name']];
  // name_ru is stored only where it differs from name_uk (scripts/vendor.mjs).
  if (lang === 'ru') return ['coalesce', ['get', 'name_ru'], ['get', 'name_uk'], ['get', 'name']];
  return ['get', 'name'];
}

/** The layers that show towns' names (the capitals' own is added above the enterprises: controller.ts). */
export const PLACE_LAYERS = ['places-minor', 'places-major', 'places-capital'] as const;

/** The capitals' names, drawn above the enterprises: never hidden by a marker, never hiding one. */
export function capitalLayer(lang: Language): LayerSpecification {
  return {
    id: 'places-capital', type: 'symbol', source: 'places', filter: ['has', 'capital'],
    layout: {
      'text-field': placeName(lang), 'text-font': FONT_BOLD, 'text-size': ['interpolate', ['linear'], ['zoom'], 4, 11, 10, 14],
      'text-anchor': 'top', 'text-offset': [0, 1.1], 'text-allow-overlap': true, 'text-ignore-placement': true,
    },
    paint: { 'text-color': COLOURS.label, 'text-halo-color': COLOURS.halo, 'text-halo-width': 2 },
  };
}

function placeLayer(id: string, filter: FilterSpecification, minzoom: number, lang: Language): LayerSpecification {
  return {
    id, type: 'symbol', source: 'places', minzoom, filter,
    layout: {
      'text-field': placeName(lang), 'text-font': FONT, 'symbol-sort-key': ['-', ['get', 'population']],
      'text-size': ['interpolate', ['linear'], ['zoom'], 5, 10, 10, 13],
    },
    paint: { 'text-color': COLOURS.place, 'text-halo-color': COLOURS.halo, 'text-halo-width': 1.2 },
  };
}

export function baseStyle(origin: string, names: (code: string) => string, lang: Language = 'ro'): StyleSpecification {
  return {
    version: 8,
    'font-faces': absoluteFontFaces(origin),
    sources: {
      context: { type: 'geojson', data: `${origin}/basemap/context.geojson` },
      countries: { type: 'geojson', data: `${origin}/basemap/countries.geojson` },
      'country-labels': { type: 'geojson', data: countryLabels(names) },
      places: { type: 'geojson', data: `${origin}/vendor/places.geojson` },
    },
    layers: [
      { id: 'water', type: 'background', paint: { 'background-color': COLOURS.water } },
      { id: 'context-fill', type: 'fill', source: 'context', paint: { 'fill-color': COLOURS.context } },
      { id: 'context-line', type: 'line', source: 'context', paint: { 'line-color': COLOURS.contextLine, 'line-width': 0.6 } },
      { id: 'countries-fill', type: 'fill', source: 'countries', paint: { 'fill-color': COLOURS.land } },
      {
        id: 'countries-line', type: 'line', source: 'countries',
        paint: { 'line-color': COLOURS.border, 'line-width': ['interpolate', ['linear'], ['zoom'], 3, 0.8, 8, 2] },
      },
      {
        id: 'countries-label', type: 'symbol', source: 'country-labels', maxzoom: 7,
        layout: {
          'text-field': ['get', 'name'], 'text-font': FONT_BOLD,
          'text-size': ['interpolate', ['linear'], ['zoom'], 3, 11, 7, 16],
          'text-transform': 'uppercase', 'text-letter-spacing': 0.08, 'text-max-width': 8,
          // Always drawn, under the enterprises, and never taking their place: the enterprises' bubbles
          // would otherwise hide the country names wherever they meet.
          'text-allow-overlap': true, 'text-ignore-placement': true,
        },
        paint: { 'text-color': COLOURS.label, 'text-opacity': 0.75, 'text-halo-color': COLOURS.halo, 'text-halo-width': 1.5 },
      },
      // Towns of 10,000 people or more (scripts/vendor.mjs): cities from zoom 5, the rest from zoom 8,
      // the larger winning a collision; under the enterprises, which are added on top.
      placeLayer('places-minor', ['<', ['get', 'population'], 100_000], 8, lang),
      placeLayer('places-major', ['all', ['>=', ['get', 'population'], 100_000], ['!', ['has', 'capital']]], 5, lang),
    ],
  };
}

/** The configured base map's style URL and credit, from the page's meta tags (see api/main.py). */
export function configuredBasemap(doc: Document = document): { url: string; attribution: string } | null {
  const url = doc.querySelector<HTMLMetaElement>('meta[name="semap-basemap-style"]')?.content;
  if (!url) return null;
  return { url, attribution: doc.querySelector<HTMLMetaElement>('meta[name="semap-basemap-attribution"]')?.content ?? '' };
}

/**
 * Another base map with our layers on top: the country outlines (so that Ukraine is drawn whole
 * whatever the base map says) under the id `countries-line`, which the map's own layers are placed
 * below. Its labels stay the base map's.
 */
export function overBasemap(basemap: StyleSpecification, origin: string): StyleSpecification {
  const ours = baseStyle(origin, () => '');
  const outline = ours.layers.find((layer) => layer.id === 'countries-line')!;
  return {
    ...basemap,
    // Our labels (enterprise names) keep the bundled font whatever glyphs the base map serves.
    'font-faces': { ...basemap['font-faces'], ...ours['font-faces'] },
    sources: { ...basemap.sources, countries: ours.sources.countries! },
    layers: [...basemap.layers.filter((layer) => layer.id !== outline.id), outline],
  };
}

let external: Promise<StyleSpecification | null> | null = null;

/** The style every map of the SPA starts from: the configured base map with our outlines, else ours. */
export async function mapStyle(origin: string, names: (code: string) => string, lang: Language = 'ro'): Promise<StyleSpecification> {
  const configured = configuredBasemap();
  if (!configured) return baseStyle(origin, names, lang);
  external ??= fetch(configured.url, { headers: { Accept: 'application/json' } })
    .then((r) => (r.ok ? r.json() as Promise<StyleSpecification> : null))
    .catch(() => null);
  const basemap = await external;
  if (!basemap?.layers) {
    console.warn(`the base map ${configured.url} could not be loaded; the offline one is shown`);
    return baseStyle(origin, names, lang);
  }
  return overBasemap(basemap, origin);
}
