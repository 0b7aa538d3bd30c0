// Checks of a place as an editor types or drags it: each coordinate is a number in its range (a latitude
// of 123.5 is refused under its own field, in the reader's language, before anything is sent), and a move
// is measured, so that a pin dragged far or across a border is pointed out before it is saved.
import type { MessageKey } from '../i18n';

export interface LatLon {
  lat: number;
  lon: number;
}

/** How far a move may go without a warning: a street or a neighbourhood, not another town. */
export const FAR_KM = 3;

const RANGES = { lat: 90, lon: 180 } as const;

/** The message key of what is wrong with a typed coordinate, or null when it is a number in range. */
export function coordinateProblem(axis: 'lat' | 'lon', text: string): MessageKey | null {
  const trimmed = text.trim().replace(',', '.');
  if (!trimmed) return 'place.required';
  const value = Number(trimmed);
  if (!Number.isFinite(value) || !/^-?\d+(\.\d+)?$/.test(trimmed)) return 'place.notNumber';
  if (Math.abs(value) > RANGES[axis]) return axis === 'lat' ? 'place.latRange' : 'place.lonRange';
  return null;
}

/** A typed place, or null while either coordinate is wrong. */
export function parsePlace(lat: string, lon: string): LatLon | null {
  if (coordinateProblem('lat', lat) || coordinateProblem('lon', lon)) return null;
  return { lat: Number(lat.trim().replace(',', '.')), lon: Number(lon.trim().replace(',', '.')) };
}

/** The great-circle distance in kilometres (haversine; the Earth as a sphere is close enough for a warning). */
export function distanceKm(a: LatLon, b: LatLon): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}
