import { describe, expect, it } from 'vitest';
import { wrapLabel } from './charts';
import { topWithOther } from './words';

describe('chart labels', () => {
  it('wraps a long label by whole words and leaves a short one as it is', () => {
    expect(wrapLabel('Социальное предприятие')).toEqual(['Социальное', 'предприятие']);
    expect(wrapLabel('Economie verde și circulară')).toEqual(['Economie verde', 'și circulară']);
    expect(wrapLabel('Moldova')).toEqual(['Moldova']);
  });
});

describe('topWithOther', () => {
  it('keeps the leaders and sums the long tail into one bar', () => {
    const entries: [string, number][] = [['a', 9], ['b', 5], ['c', 3], ['d', 2], ['e', 1]];
    expect(topWithOther(entries, 2, (n) => `${n} more`)).toEqual([['a', 9], ['b', 5], ['3 more', 6]]);
    expect(topWithOther(entries, 4, (n) => `${n} more`)).toEqual(entries);
  });
});
