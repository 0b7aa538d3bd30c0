import type { StyleSpecification } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { baseStyle, capitalLayer, overBasemap, placeName } from './style';

const basemap: StyleSpecification = {
  version: 8, glyphs: 'https://tiles.example.org/fonts/{fontstack}/{range}.pbf',
  sources: { osm: { type: 'vector', url: 'https://tiles.example.org/planet.json' } },
  layers: [
    { id: 'background', type: 'background', paint: { 'background-color': '#f8f4f0' } },
    { id: 'place-labels', type: 'symbol', source: 'osm', 'source-layer': 'place', layout: { 'text-field': '{name}' } },
  ],
};

describe('a configured base map', () => {
  it('keeps its own layers and draws our country outlines on top, under the id the map inserts below', () => {
    const style = overBasemap(basemap, 'http://127.0.0.1:8000');
    expect(style.layers.map((l) => l.id)).toEqual(['background', 'place-labels', 'countries-line']);
    expect(style.sources.osm).toEqual(basemap.sources.osm);
    expect(style.sources.countries).toEqual({ type: 'geojson', data: 'http://127.0.0.1:8000/basemap/countries.geojson' });
    expect(style.glyphs).toBe(basemap.glyphs);
  });

  it('keeps our bundled font for our own labels', () => {
    const faces = overBasemap(basemap, 'http://127.0.0.1:8000')['font-faces'] as Record<string, unknown>;
    expect(Object.keys(faces)).toContain('Noto Sans Regular');
  });

  it('leaves the place names to the base map: ours are for the offline one', () => {
    expect(baseStyle('http://127.0.0.1:8000', () => '').layers.map((l) => l.id)).toContain('places-major');
    expect(overBasemap(basemap, 'http://127.0.0.1:8000').layers.map((l) => l.id)).not.toContain('places-major');
  });
});

describe('towns\' names in the reader\'s script', () => {
  it('gives Cyrillic readers the Cyrillic name where there is one, Latin readers the local name', () => {
    expect(placeName('uk')).toEqual(['coalesce', ['get', 'name_uk'], ['get', 'name']]);
    expect(placeName('ru')).toEqual(['coalesce', ['get', 'name_ru'], ['get', 'name_uk'], ['get', 'name']]);
    expect(placeName('ro')).toEqual(['get', 'name']);
    const major = baseStyle('http://127.0.0.1:8000', () => '', 'uk').layers.find((l) => l.id === 'places-major');
    expect((major as { layout: Record<string, unknown> }).layout['text-field']).toEqual(placeName('uk'));
  });

  it('labels the capitals on their own layer, above the enterprises, never hidden and never hiding', () => {
    const capital = capitalLayer('en') as { filter: unknown; layout: Record<string, unknown> };
    expect(capital.filter).toEqual(['has', 'capital']);
    expect(capital.layout['text-allow-overlap']).toBe(true);
    expect(capital.layout['text-ignore-placement']).toBe(true);
  });
});
