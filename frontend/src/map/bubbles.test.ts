import { describe, expect, it } from 'vitest';
import { mergeCells, radiusOf, type Cell } from './bubbles';

const cell = (x: number, y: number, count: number): Cell => ({ x, y, lng: x / 100, lat: y / 100, count });

describe('cluster bubbles', () => {
  it('merge discs that would touch, keeping every count', () => {
    const bubbles = mergeCells([cell(0, 0, 1), cell(12, 0, 1), cell(200, 200, 5)]);
    expect(bubbles.map((b) => b.count).sort()).toEqual([2, 5]);
    const pair = bubbles.find((b) => b.count === 2)!;
    expect(pair.x).toBe(6);
    expect(pair.lng).toBeCloseTo(0.06);
  });

  it('leave no two discs touching, even after a merge moves a bubble', () => {
    const cells = Array.from({ length: 60 }, (_, i) => cell((i * 37) % 300, (i * 53) % 200, 1 + (i % 7) * 9));
    const bubbles = mergeCells(cells);
    expect(bubbles.reduce((n, b) => n + b.count, 0)).toBe(cells.reduce((n, c) => n + c.count, 0));
    for (const a of bubbles) {
      for (const b of bubbles) {
        if (a !== b) expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThanOrEqual(radiusOf(a.count) + radiusOf(b.count));
      }
    }
  });

  it('size discs as the map paints them', () => {
    expect([radiusOf(1), radiusOf(10), radiusOf(200), radiusOf(5000)]).toEqual([10, 14, 28, 28]);
    expect(radiusOf(30)).toBe(17);
  });
});
