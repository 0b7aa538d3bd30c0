import type { StyleSpecification } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { baseStyle, overBasemap } from './style';

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
