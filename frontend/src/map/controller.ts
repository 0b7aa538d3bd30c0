// Drives one MapLibre map from the app's state: base style, enterprise data for the filters,
// selection, search circle and camera. The Preact component only forwards state changes here.
import * as maplibregl from 'maplibre-gl';
import './maplibre.css';
import type { GeoJSONSource, Map as MapLibreMap, MapMouseEvent, StyleSpecification } from 'maplibre-gl';
import type { ListQuery } from '../api/client';
import type { Around, MapView } from '../app/url-state';
import { circlePolygon } from './geometry';
import type { Language } from '../i18n/types';
import { type Cell, mergeCells } from './bubbles';
import { BUBBLES, choroplethColour, CLICKABLE, type DataMode, enterpriseLayers, SOURCE, selectedFilter } from './layers';
import { loadGeoJson, loadTileSource } from './data';
import { capitalLayer, countryLabels, HOME_BOUNDS, PLACE_LAYERS, placeName } from './style';

// Boundaries simplified to about 2 km: outlines and a choropleth at country scale, at half the bytes of
// the API's default (the first visit's largest response after MapLibre).
const REGION_TOLERANCE = 0.02;
maplibregl.setWorkerUrl(`/vendor/maplibre-gl-worker.mjs?v=${maplibregl.getVersion()}`);

export interface MapEvents {
  /** The camera settled after the user moved it. */
  onMove(view: MapView): void;
  onSelect(slug: string): void;
  /** A point was picked (right click or long press) to search around. */
  onPickPoint(lng: number, lat: number): void;
  onDataError(error: unknown): void;
}

const LONG_PRESS_MS = 600;
/** Country names in the reader's language, for the labels drawn on the map. */
export type CountryNames = (code: string) => string;

export function supportsWebGL(): boolean {
  try {
    return !!document.createElement('canvas').getContext('webgl2');
  } catch {
    return false;
  }
}

export class EnterpriseMap {
  readonly map: MapLibreMap;
  private mode: DataMode | null = null;
  private query: ListQuery | null = null;
  private selected: string | null = null;
  private around: Around | null = null;
  private choropleth = false;
  private loadController: AbortController | null = null;
  private movedByCode = false;
  private baseReady = false;
  private lang: Language = 'ro';

  /** `style`: style.ts `mapStyle` — the offline base map, or the configured one with our outlines. */
  constructor(container: HTMLElement, style: StyleSpecification, view: MapView | null, private readonly events: MapEvents) {
    const camera = view ? { center: [view.lng, view.lat] as [number, number], zoom: view.zoom } : { bounds: HOME_BOUNDS };
    this.map = new maplibregl.Map({
      container, style, ...camera, minZoom: 3, maxZoom: 17,
      attributionControl: false, dragRotate: false, pitchWithRotate: false, touchPitch: false,
      fitBoundsOptions: { padding: 20 },
    });
    this.map.touchZoomRotate.disableRotation();
    this.map.on('load', () => this.onLoad());
    this.map.on('moveend', () => {
      if (this.movedByCode) {
        this.movedByCode = false;
        return;
      }
      const { lng, lat } = this.map.getCenter();
      this.events.onMove({ lng, lat, zoom: this.map.getZoom() });
    });
    this.bindPointer();
  }

  private ready(): boolean {
    return this.baseReady && this.mode !== null;
  }

  private async onLoad(): Promise<void> {
    this.map.addSource('around', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    this.map.addLayer({ id: 'around-fill', type: 'fill', source: 'around', paint: { 'fill-color': '#1d4e89', 'fill-opacity': 0.08 } });
    this.map.addLayer({ id: 'around-line', type: 'line', source: 'around', paint: { 'line-color': '#1d4e89', 'line-width': 2, 'line-dasharray': [2, 2] } });
    this.addRegions();
    // The capitals' names above everything the map adds (only the offline base map has `places`).
    if (this.map.getSource('places')) this.map.addLayer(capitalLayer(this.lang));
    this.map.addSource(BUBBLES, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    // Each time the map settles, the cells on screen become bubbles that do not overlap (bubbles.ts).
    this.map.on('idle', () => this.drawBubbles());
    this.map.on('movestart', () => { this.map.getContainer().dataset.bubbles = 'pending'; });
    this.baseReady = true;
    this.setAround(this.around);
    if (this.query) await this.reload();
  }

  private addRegions(): void {
    // Boundaries with their counts from GET /api/v1/regions (GeoJSON): lines always, fill on demand.
    this.map.addSource('regions', { type: 'geojson', data: `${location.origin}/api/v1/regions?format=geojson&tolerance=${REGION_TOLERANCE}` });
    this.map.addLayer({ id: 'regions-fill', type: 'fill', source: 'regions', layout: { visibility: this.choropleth ? 'visible' : 'none' },
      paint: { 'fill-color': choroplethColour(), 'fill-opacity': 0.75 } }, 'countries-line');
    this.map.addLayer({ id: 'regions-line', type: 'line', source: 'regions', minzoom: 4,
      paint: { 'line-color': '#9aa5b1', 'line-width': ['interpolate', ['linear'], ['zoom'], 4, 0.3, 9, 1.2] } }, 'countries-line');
  }

  setChoropleth(on: boolean): void {
    this.choropleth = on;
    if (this.map.getLayer('regions-fill')) this.map.setLayoutProperty('regions-fill', 'visibility', on ? 'visible' : 'none');
  }

  /** Shows the enterprises that match; tiles when the API has them, GeoJSON otherwise. */
  async setQuery(query: ListQuery): Promise<void> {
    this.query = query;
    if (this.baseReady) await this.reload();
  }

  private async reload(): Promise<void> {
    if (!this.query) return;
    this.map.getContainer().dataset.bubbles = 'pending';
    this.loadController?.abort();
    const controller = new AbortController();
    this.loadController = controller;
    try {
      const tiles = this.mode === 'geojson' ? null : await loadTileSource(this.query, controller.signal);
      if (controller.signal.aborted) return;
      if (tiles) {
        this.install('tiles');
        (this.map.getSource(SOURCE) as maplibregl.VectorTileSource).setTiles(tiles.tiles);
      } else {
        const data = await loadGeoJson(this.query, controller.signal);
        if (controller.signal.aborted) return;
        this.install('geojson');
        (this.map.getSource(SOURCE) as GeoJSONSource).setData(data);
      }
    } catch (error) {
      if (!controller.signal.aborted) this.events.onDataError(error);
    }
  }

  private install(mode: DataMode): void {
    if (this.mode === mode) return;
    this.mode = mode;
    this.map.addSource(SOURCE, mode === 'tiles'
      ? { type: 'vector', tiles: [], minzoom: 0, maxzoom: 16 }
      : { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, cluster: true, clusterMaxZoom: 10, clusterRadius: 42 });
    for (const layer of enterpriseLayers(mode)) this.map.addLayer(layer, 'around-fill');
    this.setSelected(this.selected);
  }

  private lastBubbles = '';

  /** The cells on screen merged into bubbles; written only when they changed (a write makes the map idle again). */
  private drawBubbles(): void {
    if (!this.map.getLayer('cluster-cells')) return;
    // A cell near a tile's edge may be read from two tiles: once each.
    const cells = new Map<string, Cell>();
    for (const feature of this.map.queryRenderedFeatures({ layers: ['cluster-cells'] })) {
      const [lng, lat] = (feature.geometry as unknown as { coordinates: [number, number] }).coordinates;
      const props = feature.properties;
      const count = Number(props.count ?? props.point_count ?? 0);
      const { x, y } = this.map.project([lng, lat]);
      const clusterId = props.cluster_id;
      cells.set(`${lng.toFixed(7)},${lat.toFixed(7)},${count}`,
        { x, y, lng, lat, count, ...(clusterId !== undefined ? { clusterId: Number(clusterId) } : {}) });
    }
    const features = mergeCells([...cells.values()]).map((bubble) => ({
      type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [bubble.lng, bubble.lat] },
      properties: { count: bubble.count, ...(bubble.clusterId !== undefined ? { cluster_id: bubble.clusterId } : {}) },
    }));
    const text = JSON.stringify(features);
    if (text !== this.lastBubbles) {
      this.lastBubbles = text;
      (this.map.getSource(BUBBLES) as GeoJSONSource).setData({ type: 'FeatureCollection', features });
      return; // the next idle, once they are drawn, says they are ready
    }
    this.map.getContainer().dataset.bubbles = 'ready';
  }

  setSelected(slug: string | null): void {
    this.selected = slug;
    if (this.ready()) this.map.setFilter('points-selected', selectedFilter(this.mode!, slug));
  }

  /** Country and town labels, and the canvas's accessible name (MapLibre's own is the English "Map"). */
  setLanguage(names: CountryNames, canvasLabel: string, lang: Language): void {
    this.lang = lang;
    (this.map.getSource('country-labels') as GeoJSONSource | undefined)?.setData(countryLabels(names));
    for (const id of PLACE_LAYERS) {
      if (this.map.getLayer(id)) this.map.setLayoutProperty(id, 'text-field', placeName(lang));
    }
    this.map.getCanvas().setAttribute('aria-label', canvasLabel);
  }

  setAround(around: Around | null): void {
    this.around = around;
    const source = this.map.getSource('around') as GeoJSONSource | undefined;
    const features = around ? [circlePolygon(around.lng, around.lat, around.radiusKm)] : [];
    source?.setData({ type: 'FeatureCollection', features });
  }

  /** Moves the camera for a change that came from the URL, not from the user's hand. */
  setView(view: MapView | null): void {
    this.movedByCode = true;
    if (view) this.map.jumpTo({ center: [view.lng, view.lat], zoom: view.zoom });
    else this.map.fitBounds(HOME_BOUNDS, { padding: 20, animate: false });
  }

  flyTo(lng: number, lat: number, zoom: number): void {
    this.map.flyTo({ center: [lng, lat], zoom: Math.max(this.map.getZoom(), zoom) });
  }

  fitCircle(around: Around): void {
    const dLat = around.radiusKm / 111.32;
    const dLng = dLat / Math.cos((around.lat * Math.PI) / 180);
    this.map.fitBounds([around.lng - dLng, around.lat - dLat, around.lng + dLng, around.lat + dLat], { padding: 30 });
  }

  zoomBy(delta: number): void {
    this.map.easeTo({ zoom: this.map.getZoom() + delta });
  }

  private bindPointer(): void {
    const map = this.map;
    for (const layer of Object.values(CLICKABLE)) {
      map.on('mouseenter', layer, () => { map.getCanvas().style.cursor = 'pointer'; });
      map.on('mouseleave', layer, () => { map.getCanvas().style.cursor = ''; });
    }
    map.on('click', CLICKABLE.points, (e) => {
      const slug = e.features?.[0]?.properties?.slug;
      if (typeof slug === 'string') this.events.onSelect(slug);
    });
    map.on('click', CLICKABLE.clusters, (e) => void this.expandCluster(e));
    map.on('contextmenu', (e) => this.events.onPickPoint(e.lngLat.lng, e.lngLat.lat));
    let timer: ReturnType<typeof setTimeout> | undefined;
    map.on('touchstart', (e) => {
      if (e.originalEvent.touches.length !== 1) return;
      timer = setTimeout(() => this.events.onPickPoint(e.lngLat.lng, e.lngLat.lat), LONG_PRESS_MS);
    });
    for (const type of ['touchend', 'touchmove', 'touchcancel'] as const) map.on(type, () => clearTimeout(timer));
  }

  private async expandCluster(e: MapMouseEvent & { features?: maplibregl.MapGeoJSONFeature[] }): Promise<void> {
    const feature = e.features?.[0];
    if (!feature || feature.geometry.type !== 'Point') return;
    const [lng, lat] = feature.geometry.coordinates as [number, number];
    let zoom = this.map.getZoom() + 2;
    // A bubble that stands for one GeoJSON cluster knows its expansion zoom; a merged one zooms in by two.
    if (this.mode === 'geojson' && feature.properties.cluster_id !== undefined) {
      const source = this.map.getSource(SOURCE) as GeoJSONSource;
      zoom = await source.getClusterExpansionZoom(Number(feature.properties.cluster_id));
    }
    this.map.easeTo({ center: [lng, lat], zoom });
  }

  destroy(): void {
    this.loadController?.abort();
    this.map.remove();
  }
}
