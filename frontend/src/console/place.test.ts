import { describe, expect, it } from 'vitest';
import { coordinateProblem, distanceKm, parsePlace } from './place';

describe('a typed place', () => {
  it('refuses a latitude out of range under the latitude, and words that are not numbers', () => {
    expect(coordinateProblem('lat', '123.5')).toBe('place.latRange');
    expect(coordinateProblem('lon', '-181')).toBe('place.lonRange');
    expect(coordinateProblem('lat', '46.77')).toBeNull();
    expect(coordinateProblem('lat', '46,77')).toBeNull();
    expect(coordinateProblem('lon', '23.6e1')).toBe('place.notNumber');
    expect(coordinateProblem('lon', 'abc')).toBe('place.notNumber');
    expect(coordinateProblem('lat', ' ')).toBe('place.required');
    expect(parsePlace('46.77', '123')).toEqual({ lat: 46.77, lon: 123 });
    expect(parsePlace('91', '23')).toBeNull();
  });

  it('measures a move', () => {
    const cluj = { lat: 46.7712, lon: 23.6236 };
    const chisinau = { lat: 47.0105, lon: 28.8638 };
    expect(distanceKm(cluj, cluj)).toBe(0);
    expect(distanceKm(cluj, chisinau)).toBeGreaterThan(395);
    expect(distanceKm(cluj, chisinau)).toBeLessThan(405);
  });
});
