import { describe, expect, it } from 'vitest';
import { wrapLabel } from './charts';

describe('chart labels', () => {
  it('wraps a long label by whole words and leaves a short one as it is', () => {
    expect(wrapLabel('Социальное предприятие')).toEqual(['Социальное', 'предприятие']);
    expect(wrapLabel('Economie verde și circulară')).toEqual(['Economie verde', 'și circulară']);
    expect(wrapLabel('Moldova')).toEqual(['Moldova']);
  });
});
