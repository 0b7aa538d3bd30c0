import { describe, expect, it } from 'vitest';
import { circlePolygon, distanceKm } from './geometry';

describe('search circle', () => {
  it('puts every vertex at the radius from the centre', () => {
    const ring = circlePolygon(26.1, 44.43, 25).geometry.coordinates[0]!;
    expect(ring).toHaveLength(65);
    expect(ring[0]).toEqual(ring[64]);
    for (const vertex of ring) expect(distanceKm([26.1, 44.43], vertex as [number, number])).toBeCloseTo(25, 1);
  });

  it('measures Bucharest to Chișinău', () => {
    expect(distanceKm([26.1025, 44.4268], [28.8638, 47.0105])).toBeGreaterThan(355);
    expect(distanceKm([26.1025, 44.4268], [28.8638, 47.0105])).toBeLessThan(360);
  });
});
