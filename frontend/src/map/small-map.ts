// The SPA's small maps (an enterprise's place, the buyer-match, a member's pin): MapLibre, its worker
// URL (set by the controller module) and the base style load on demand, with the map chunk.
import type { Map as MapLibreMap, MapOptions } from 'maplibre-gl';
import { mapStyle } from './style';

export type MapLibre = typeof import('maplibre-gl');

/** MapLibre and a map in `container` on the SPA's base style; null when the browser has no WebGL2. */
export async function createSmallMap(container: HTMLElement, names: (code: string) => string,
  options: Omit<MapOptions, 'container' | 'style'>): Promise<{ ml: MapLibre; map: MapLibreMap } | null> {
  const [ml, { supportsWebGL }, style] = await Promise.all([import('maplibre-gl'), import('./controller'), mapStyle(location.origin, names)]);
  if (!supportsWebGL()) return null;
  const map = new ml.Map({ container, style, attributionControl: false, ...options });
  // Whether everything asked for has been drawn, for the browser tests to wait on instead of sleeping.
  map.on('render', () => { container.dataset.drawn = String(map.loaded() && map.areTilesLoaded()); });
  map.on('idle', () => { container.dataset.drawn = 'true'; });
  return { ml, map };
}
