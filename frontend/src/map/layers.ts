// The enterprise layers, the same ids whatever feeds them: vector tiles from the API (layers
// `clusters` with `count`, `enterprises`) or, without tiles, GeoJSON clustered by MapLibre.
import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import { IMPACT_COLOURS, OTHER_COLOUR } from '../taxonomies/labels';
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
    ? { count: ['get', 'count'] as ExpressionSpecification, clusters: { 'source-layer': 'clusters' }, points: { 'source-layer': 'enterprises' } }
    : { count: ['get', 'point_count'] as ExpressionSpecification, clusters: { filter: ['has', 'point_count'] as ExpressionSpecification }, points: { filter: ['!', ['has', 'point_count']] as ExpressionSpecification } };
}

/** The bubble image: a disc with a white ring, drawn once per map (ids of MapLibre's image registry). */
export const BUBBLE_IMAGE = 'cluster-bubble';
export const BUBBLE_PIXELS = 64;

export function bubbleImage(): ImageData {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = BUBBLE_PIXELS;
  const context = canvas.getContext('2d')!;
  context.beginPath();
  context.arc(BUBBLE_PIXELS / 2, BUBBLE_PIXELS / 2, BUBBLE_PIXELS / 2 - 3, 0, 2 * Math.PI);
  context.fillStyle = 'rgba(29, 78, 137, 0.92)';
  context.fill();
  context.lineWidth = 3;
  context.strokeStyle = '#ffffff';
  context.stroke();
  return context.getImageData(0, 0, BUBBLE_PIXELS, BUBBLE_PIXELS);
}

export function enterpriseLayers(mode: DataMode): LayerSpecification[] {
  const { count, clusters, points } = layout(mode);
  return [
    // One symbol per bubble, disc and count together, with collision: two bubbles never overlap (their
    // counts would run together, "1" + "1" reading "11"); the larger is placed first and a smaller one
    // that would touch it waits for a closer zoom, where the cells split apart.
    {
      id: 'clusters', type: 'symbol', source: SOURCE, ...clusters,
      layout: {
        'icon-image': BUBBLE_IMAGE, 'icon-size': ['interpolate', ['linear'], count, 1, 0.34, 10, 0.42, 50, 0.52, 200, 0.62, 1000, 0.75],
        'text-field': ['to-string', count], 'text-font': FONT_BOLD, 'text-size': 12,
        'icon-allow-overlap': false, 'text-allow-overlap': false, 'icon-padding': 1,
        'symbol-sort-key': ['-', count],
      },
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
