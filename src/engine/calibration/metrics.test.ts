import { describe, expect, it } from 'vitest';
import { auc, balancedAccuracy, baseRateBrier, bootstrapRatioOverLetters, brier, confusion, qualityFigures, qualityReport, quantile, reliability, type ScoredItem } from './metrics.js';

describe('metrics', () => {
  it('AUC: the share of (Overturned, Upheld) pairs ranked right, ties counting one half', () => {
    // pairs (pos, neg): (0.35,0.1) ✓ (0.35,0.4) ✗ (0.8,0.1) ✓ (0.8,0.4) ✓ → 3/4
    expect(auc([0.1, 0.4, 0.35, 0.8], [false, false, true, true])).toBe(0.75);
    expect(auc([0.5, 0.5], [true, false])).toBe(0.5);
    // pos 0.5 vs negs 0.5 (tie, ½) and 0.2 (✓); pos 0.9 beats both → (1.5 + 2) / 4
    expect(auc([0.5, 0.5, 0.2, 0.9], [true, false, false, true])).toBe(0.875);
    expect(auc([0.2, 0.3], [false, false])).toBeNull();
  });

  it('Brier and the base-rate Brier', () => {
    // (0.2−0)² + (0.6−1)² + (0.5−0)² = 0.04 + 0.16 + 0.25 → /3
    expect(brier([0.2, 0.6, 0.5], [false, true, false])).toBeCloseTo(0.15, 12);
    // rate 1/4: 0.25 × 0.75
    expect(baseRateBrier([true, false, false, false])).toBeCloseTo(0.1875, 12);
    expect(brier([0.25, 0.25, 0.25, 0.25], [true, false, false, false])).toBeCloseTo(0.1875, 12);
  });

  it('reliability: equal-width bins, empty ones left out, 1 in the last bin', () => {
    const bins = reliability([0.05, 0.15, 0.12, 1], [false, true, false, true], 10);
    expect(bins.map((b) => [b.from, b.items, b.observed])).toEqual([
      [0, 1, 0],
      [0.1, 2, 0.5],
      [0.9, 1, 1],
    ]);
    expect(bins[1].meanPredicted).toBeCloseTo(0.135, 12);
  });

  it('balanced accuracy, precision and recall of Overturned', () => {
    const c = confusion([
      { actual: 'Overturned', lean: 'Overturned' },
      { actual: 'Overturned', lean: 'Upheld' },
      { actual: 'Upheld', lean: 'Upheld' },
      { actual: 'Upheld', lean: 'Upheld' },
      { actual: 'Upheld', lean: 'Overturned' },
    ]);
    expect(c).toEqual({ tp: 1, fn: 1, tn: 2, fp: 1 });
    expect(balancedAccuracy(c)).toBeCloseTo((1 / 2 + 2 / 3) / 2, 12);
    expect(balancedAccuracy({ tp: 0, fn: 0, tn: 3, fp: 0 })).toBeNull();
  });

  it('quantile interpolates between order statistics', () => {
    expect(quantile([0, 10], 0.25)).toBe(2.5);
    expect(quantile([1, 2, 3], 0.5)).toBe(2);
  });

  it('bootstraps over letters: one letter gives no spread however many items it has', () => {
    expect(bootstrapRatioOverLetters([{ num: 7, den: 10 }], { resamples: 500 })).toEqual({ estimate: 0.7, low: 0.7, high: 0.7 });
  });

  it('bootstraps over letters: two opposite letters span 0 to 1 around one half, reproducibly', () => {
    const letters = [
      { num: 1, den: 1 },
      { num: 0, den: 1 },
    ];
    const a = bootstrapRatioOverLetters(letters, { resamples: 2000, seed: 5 })!;
    expect(a).toEqual({ estimate: 0.5, low: 0, high: 1 });
    expect(bootstrapRatioOverLetters(letters, { resamples: 2000, seed: 5 })).toEqual(a);
    expect(bootstrapRatioOverLetters([], {})).toBeNull();
  });

  it('bootstrap interval narrows with more letters and contains the estimate', () => {
    const many = Array.from({ length: 200 }, (_, i) => ({ num: i % 5 === 0 ? 0 : 1, den: 1 }));
    const i = bootstrapRatioOverLetters(many, { seed: 1 })!;
    expect(i.estimate).toBe(0.8);
    expect(i.low).toBeLessThan(0.8);
    expect(i.high).toBeGreaterThan(0.8);
    expect(i.high - i.low).toBeLessThan(0.15);
  });

  const items: ScoredItem[] = [
    { letter: 'a', category: 'pt', actual: 'Upheld', lean: 'Upheld', pOverturn: 0.1, needsReviewer: false },
    { letter: 'a', category: 'pt', actual: 'Overturned', lean: 'Upheld', pOverturn: 0.6, needsReviewer: true },
    { letter: 'b', category: 'mri', actual: 'Overturned', lean: 'Upheld', pOverturn: 0.2, needsReviewer: false },
    { letter: 'c', category: 'mri', actual: 'Upheld', lean: 'Overturned', pOverturn: 0.7, needsReviewer: false },
  ];

  it('quality figures: agreement beside always-Upheld, unflagged share and accuracy, Overturned caught', () => {
    const q = qualityFigures(items, { resamples: 200 });
    expect(q.letters).toBe(3);
    expect(q.agreement!.estimate).toBe(0.25);
    expect(q.alwaysUpheld!.estimate).toBe(0.5);
    expect(q.unflaggedShare).toBe(0.75);
    expect(q.unflaggedAccuracy).toBeCloseTo(1 / 3, 12);
    expect(q.overturnedCaught).toBe(0.5);
    expect(q.overturnedRecall).toBe(0);
    expect(q.overturnedPrecision).toBe(0);
    expect(q.auc).toBe(0.5); // pos {0.6, 0.2} vs neg {0.1, 0.7}: 0.6>0.1 ✓, 0.2>0.1 ✓, else ✗
  });

  it('quality report: by category as well', () => {
    const r = qualityReport(items, { resamples: 200 });
    expect(Object.keys(r.byCategory)).toEqual(['mri', 'pt']);
    expect(r.byCategory.pt.items).toBe(2);
    expect(r.byCategory.pt.overturnedCaught).toBe(1);
    expect(r.byCategory.mri.overturnedCaught).toBe(0);
    expect(r.reliability.reduce((n, b) => n + b.items, 0)).toBe(4);
  });
});
