// Cluster bubbles that never overlap. The API clusters per grid cell of 16 px (MapLibre's GeoJSON
// clustering per radius), and neighbouring cells' discs overlap, their counts running together ("1" next
// to "1" reads "11"). So the cells on screen are merged here, in screen space, before they are drawn:
// discs that would touch become one, with the sum of their counts at their weighted centre. Every
// enterprise stays counted: the bubbles on screen add up to what the cells hold.

export interface Cell {
  x: number;
  y: number;
  lng: number;
  lat: number;
  count: number;
  /** MapLibre's id of a GeoJSON cluster, kept while the cell stands alone (its expansion zoom). */
  clusterId?: number;
}

/** Pixels between two discs at the least. */
const GAP = 2;
/** The disc's radius in pixels for a count: the same steps as the `clusters` layer's paint. */
export const RADIUS_STOPS: [number, number][] = [[1, 10], [10, 14], [50, 20], [200, 28]];

export function radiusOf(count: number): number {
  const stops = RADIUS_STOPS;
  if (count <= stops[0]![0]) return stops[0]![1];
  for (let i = 1; i < stops.length; i += 1) {
    const [c1, r1] = stops[i]!;
    const [c0, r0] = stops[i - 1]!;
    if (count <= c1) return r0 + ((count - c0) / (c1 - c0)) * (r1 - r0);
  }
  return stops[stops.length - 1]![1];
}

function touch(a: Cell, b: Cell): boolean {
  return Math.hypot(a.x - b.x, a.y - b.y) < radiusOf(a.count) + radiusOf(b.count) + GAP;
}

function joined(a: Cell, b: Cell): Cell {
  const count = a.count + b.count;
  const mean = (p: number, q: number) => (p * a.count + q * b.count) / count;
  return { x: mean(a.x, b.x), y: mean(a.y, b.y), lng: mean(a.lng, b.lng), lat: mean(a.lat, b.lat), count };
}

/** The bubbles to draw: the cells, merged until no two discs touch; the largest first. */
export function mergeCells(cells: Cell[]): Cell[] {
  let bubbles = [...cells];
  for (let pass = 0; pass < 10; pass += 1) {
    bubbles.sort((a, b) => b.count - a.count);
    const merged: Cell[] = [];
    let changed = false;
    for (const cell of bubbles) {
      const index = merged.findIndex((bubble) => touch(bubble, cell));
      if (index < 0) {
        merged.push(cell);
      } else {
        merged[index] = joined(merged[index]!, cell);
        changed = true;
      }
    }
    bubbles = merged;
    if (!changed) break;
  }
  return bubbles;
}
