// The enterprise layers, the same ids whatever feeds them: vector tiles from the API (layers
// `clusters` with `count`, `enterprises`) or, without tiles, GeoJSON clustered by MapLibre.
import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import { IMPACT_COLOURS, OTHER_COLOUR } from '../taxonomies/labels';
import { RADIUS_STOPS } from './bubbles';
import { FONT, FONT_BOLD } from './style';

export type DataMode = 'tiles' | 'geojson';
export const SOURCE = 'enterprises';
export const CLICKABLE = { clusters: 'clusters', points: 'points' } as const;
/** The ring of a cluster member's marker. */
export const MEMBER_RING = '#b07800';

export function impactColour(): ExpressionSpecification {
  const pairs = Object.entries(IMPACT_COLOURS).flat();
  return ['match', ['coalesce', ['get', 'impact'], ''], ...pairs, OTHER_COLOUR] as unknown as ExpressionSpecification;
}

function layout(mode: DataMode) {
  return mode === 'tiles'
    ? { clusters: { 'source-layer': 'clusters' }, points: { 'source-layer': 'enterprises' } }
    : { clusters: { filter: ['has', 'point_count'] as ExpressionSpecification }, points: { filter: ['!', ['has', 'point_count']] as ExpressionSpecification } };
}

/** The merged, non-overlapping bubbles (bubbles.ts), fed by the controller from the cells on screen. */
export const BUBBLES = 'bubbles';

export function enterpriseLayers(mode: DataMode): LayerSpecification[] {
  const { clusters, points } = layout(mode);
  const radius = ['interpolate', ['linear'], ['get', 'count'], ...RADIUS_STOPS.flat()] as unknown as ExpressionSpecification;
  return [
    // The API's (or MapLibre's) cells, not drawn: read on screen and merged into the bubbles below.
    {
      id: 'cluster-cells', type: 'circle', source: SOURCE, ...clusters,
      paint: { 'circle-radius': 1, 'circle-opacity': 0, 'circle-stroke-opacity': 0 },
    } as LayerSpecification,
    {
      id: 'clusters', type: 'circle', source: BUBBLES,
      paint: {
        'circle-color': '#1d4e89', 'circle-opacity': 0.88, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5,
        'circle-radius': radius,
      },
    } as LayerSpecification,
    {
      id: 'cluster-count', type: 'symbol', source: BUBBLES,
      layout: { 'text-field': ['to-string', ['get', 'count']], 'text-font': FONT_BOLD, 'text-size': 12, 'text-allow-overlap': true },
      paint: { 'text-color': '#ffffff' },
    } as LayerSpecification,
    {
      id: 'points', type: 'circle', source: SOURCE, ...points,
      paint: {
        'circle-color': impactColour(), 'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 6, 14, 9],
        // A cluster member wears a gold ring (the legend says so).
        'circle-stroke-color': ['case', ['==', ['get', 'member'], true], MEMBER_RING, '#ffffff'],
        'circle-stroke-width': ['case', ['==', ['get', 'member'], true], 3.5, 2],
      },
    } as LayerSpecification,
    {
      id: 'point-labels', type: 'symbol', source: SOURCE, ...points, minzoom: 11,
      layout: {
        'text-field': ['get', 'name'], 'text-font': FONT, 'text-size': 12, 'text-anchor': 'top',
        'text-offset': [0, 0.9], 'text-max-width': 10, 'text-optional': true,
      },
      paint: { 'text-color': '#1f2933', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
    } as LayerSpecification,
    {
      id: 'points-selected', type: 'circle', source: SOURCE, ...points,
      filter: ['==', ['get', 'slug'], ''],
      paint: { 'circle-color': 'rgba(0,0,0,0)', 'circle-radius': 14, 'circle-stroke-color': '#111111', 'circle-stroke-width': 3 },
    } as LayerSpecification,
  ];
}

export function selectedFilter(mode: DataMode, slug: string | null): ExpressionSpecification {
  const bySlug: ExpressionSpecification = ['==', ['get', 'slug'], slug ?? ''];
  return mode === 'tiles' ? bySlug : ['all', ['!', ['has', 'point_count']], bySlug];
}

/** Enterprises per region, light to dark; the same steps as the choropleth legend. */
export const CHOROPLETH_STEPS: [number, string][] = [[0, '#f1f4f7'], [1, '#c6dbef'], [5, '#85b4da'], [10, '#4a89c2'], [20, '#1d5a96']];

export function choroplethColour(): ExpressionSpecification {
  const [[, first], ...rest] = CHOROPLETH_STEPS as [[number, string], ...[number, string][]];
  return ['step', ['coalesce', ['get', 'enterprises'], 0], first, ...rest.flat()] as unknown as ExpressionSpecification;
}
