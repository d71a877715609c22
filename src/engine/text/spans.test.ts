import { describe, expect, it } from 'vitest';
import { dropOverlaps } from './spans.js';

describe('dropOverlaps', () => {
  it('keeps the longest of overlapping spans, in order of position', () => {
    const spans = [
      { start: 0, end: 4, id: 'a' },
      { start: 2, end: 9, id: 'b' },
      { start: 10, end: 12, id: 'c' },
    ];
    expect(dropOverlaps(spans).map((s) => s.id)).toEqual(['b', 'c']);
    expect(dropOverlaps([spans[0], spans[2]]).map((s) => s.id)).toEqual(['a', 'c']);
  });
});
