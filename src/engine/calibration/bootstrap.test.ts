import { describe, expect, it } from 'vitest';
import { bootstrapOverLetters, qualityIntervals, QUALITY_STATISTICS } from './bootstrap.js';
import type { ScoredItem } from './metrics.js';

const item = (letter: string, actual: 'Upheld' | 'Overturned', lean: 'Upheld' | 'Overturned', pOverturn: number, needsReviewer = false): ScoredItem => ({
  letter,
  category: 'imaging',
  actual,
  lean,
  pOverturn,
  needsReviewer,
});

describe('bootstrap over letters', () => {
  it('gives the plain estimate and an interval that contains it', () => {
    const items = Array.from({ length: 40 }, (_, k) => item(`L${k}`, k % 5 === 0 ? 'Overturned' : 'Upheld', 'Upheld', k % 5 === 0 ? 0.6 : 0.1 + (k % 3) * 0.05));
    const iv = qualityIntervals(items, { resamples: 500 });
    expect(iv.auc?.estimate).toBe(1);
    expect(iv.unflaggedShare).toEqual({ estimate: 1, low: 1, high: 1 });
    const a = iv.agreementOverBaseline!;
    expect(a.estimate).toBe(0); // drafting Upheld everywhere is exactly the baseline
    expect(a.low).toBe(0);
    expect(a.high).toBe(0);
    const c = iv.overturnedCaught!;
    expect(c.estimate).toBe(0);
  });

  it('is wide when a figure rests on one letter with many items, narrow when on many letters', () => {
    // Ten Overturned items all drafted right, all in ONE letter, among 90 Upheld items in 30 letters.
    const oneLetter = [
      ...Array.from({ length: 10 }, () => item('BIG', 'Overturned', 'Overturned', 0.7)),
      ...Array.from({ length: 90 }, (_, k) => item(`U${k % 30}`, 'Upheld', 'Upheld', 0.1)),
    ];
    const spread = [
      ...Array.from({ length: 10 }, (_, k) => item(`O${k}`, 'Overturned', 'Overturned', 0.7)),
      ...Array.from({ length: 90 }, (_, k) => item(`U${k % 30}`, 'Upheld', 'Upheld', 0.1)),
    ];
    const wide = bootstrapOverLetters(oneLetter, QUALITY_STATISTICS.agreementOverBaseline, { resamples: 800 })!;
    const narrow = bootstrapOverLetters(spread, QUALITY_STATISTICS.agreementOverBaseline, { resamples: 800 })!;
    expect(wide.estimate).toBeCloseTo(narrow.estimate, 10);
    expect(wide.low).toBe(0); // resamples that miss the one letter gain nothing over the baseline
    expect(wide.high - wide.low).toBeGreaterThan(narrow.high - narrow.low);
  });

  it('says when a figure has no value at all', () => {
    const allUpheld = [item('A', 'Upheld', 'Upheld', 0.1), item('B', 'Upheld', 'Upheld', 0.2)];
    expect(qualityIntervals(allUpheld, { resamples: 50 }).auc).toBeNull();
    expect(qualityIntervals(allUpheld, { resamples: 50 }).overturnedCaught).toBeNull();
  });

  it('is the same for the same seed and the brier difference is negative for an informative probability', () => {
    const items = Array.from({ length: 60 }, (_, k) => item(`L${k % 20}`, k % 4 === 0 ? 'Overturned' : 'Upheld', 'Upheld', k % 4 === 0 ? 0.7 : 0.1));
    const a = qualityIntervals(items, { resamples: 300, seed: 7 });
    const b = qualityIntervals(items, { resamples: 300, seed: 7 });
    expect(a).toEqual(b);
    expect(a.brierOverBaseRate!.high).toBeLessThan(0);
  });
});
