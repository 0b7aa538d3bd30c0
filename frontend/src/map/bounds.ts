// The bounds of the map as the reader last left it: for the result list, which follows the map's view,
// and for pages that offer "the current map view" (the embed code, a subscription) after the map has gone.
import { useEffect, useState } from 'preact/hooks';

export type Bounds = [number, number, number, number];

let last: Bounds | null = null;
const listeners = new Set<(bounds: Bounds) => void>();

export function rememberBounds(bounds: Bounds): void {
  last = bounds.map((v) => Number(v.toFixed(4))) as Bounds;
  for (const listener of listeners) listener(last);
}

export function lastMapBounds(): Bounds | null {
  return last;
}

/** The map's bounds, updated each time the map settles; null until it has shown anything. */
export function useMapBounds(): Bounds | null {
  const [bounds, setBounds] = useState<Bounds | null>(last);
  useEffect(() => {
    listeners.add(setBounds);
    if (last) setBounds(last);
    return () => void listeners.delete(setBounds);
  }, []);
  return bounds;
}

/** Bounds kept inside the world, as the API's bbox checks them (a view may reach past ±180°). */
export function withinWorld(bounds: Bounds): Bounds {
  const [west, south, east, north] = bounds;
  const clamp = (v: number, limit: number) => Math.max(-limit, Math.min(limit, v));
  return [clamp(west, 180), clamp(south, 90), clamp(east, 180), clamp(north, 90)];
}

/** The list endpoint's `bbox` query value for bounds. */
export function bboxParam(bounds: Bounds): string {
  return withinWorld(bounds).join(',');
}
