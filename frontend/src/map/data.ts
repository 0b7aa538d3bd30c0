// Where the map's enterprises come from: the API's vector tiles when its TileJSON answers,
// otherwise the list endpoint's pages turned into GeoJSON for MapLibre's own clustering.
import type { FeatureCollection, Point } from 'geojson';
import { ApiError, getJson, type EnterprisePage, type ListQuery } from '../api/client';

/** The GeoJSON fallback stops here: past it the tiles are the way (they exist from issue 3 on). */
export const GEOJSON_MAX_FEATURES = 5000;
const PAGE = 200;

export interface TileSource {
  tiles: string[];
  minzoom: number;
  maxzoom: number;
}

function withoutListOnly(query: ListQuery): ListQuery {
  const { sort: _sort, limit: _limit, cursor: _cursor, ...filters } = query;
  return filters;
}

/** The TileJSON for these filters, or null when the API has no tiles (404). */
export async function loadTileSource(query: ListQuery, signal?: AbortSignal): Promise<TileSource | null> {
  let data;
  try {
    data = await getJson('/api/v1/tiles/enterprises.json', { query: withoutListOnly(query), signal });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
  // The API writes absolute URLs from the request's host; keep the path so the page's origin
  // (and its CSP's connect-src 'self') applies behind any proxy.
  // (A string edit: URL() would percent-encode the template's {z}/{x}/{y}.)
  const tiles = data.tiles.map((url) => url.replace(/^https?:\/\/[^/]+/, location.origin));
  return { tiles, minzoom: data.minzoom ?? 0, maxzoom: data.maxzoom ?? 16 };
}

export interface EnterpriseProps {
  id: number;
  slug: string;
  name: string;
  impact: string | null;
  /** An active member of a cluster (the tiles' `member`). */
  member: boolean;
}

/** Every matching enterprise as points, page after page of the list (up to GEOJSON_MAX_FEATURES). */
export async function loadGeoJson(query: ListQuery, signal?: AbortSignal): Promise<FeatureCollection<Point, EnterpriseProps>> {
  const features: FeatureCollection<Point, EnterpriseProps>['features'] = [];
  let cursor: string | null = null;
  do {
    const data: EnterprisePage = await getJson('/api/v1/enterprises', {
      query: { ...withoutListOnly(query), limit: PAGE, ...(cursor ? { cursor } : {}) }, signal,
    });
    for (const e of data.items) {
      features.push({
        type: 'Feature', id: e.id,
        geometry: { type: 'Point', coordinates: [e.location.coordinates[0], e.location.coordinates[1]] },
        properties: { id: e.id, slug: e.slug, name: e.name, impact: e.impact_areas[0] ?? null, member: (e.clusters?.length ?? 0) > 0 },
      });
    }
    cursor = data.next_cursor ?? null;
  } while (cursor && features.length < GEOJSON_MAX_FEATURES);
  return { type: 'FeatureCollection', features };
}
