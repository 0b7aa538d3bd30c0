// The bounds of the map as the reader last left it, for pages that offer "the current map view"
// (the embed code) after the map itself has gone.
export type Bounds = [number, number, number, number];

let last: Bounds | null = null;

export function rememberBounds(bounds: Bounds): void {
  last = bounds.map((v) => Number(v.toFixed(4))) as Bounds;
}

export function lastMapBounds(): Bounds | null {
  return last;
}
