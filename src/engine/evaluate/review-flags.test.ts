import { describe, expect, it } from 'vitest';
import { baseRateModel } from '../calibration/model.js';
import { reviewOutcome } from './review-flags.js';

const model = { ...baseRateModel(0.1, '2026-01-01'), thresholds: { flagUpheldAbove: 0.2, flagOverturnedBelow: 0.7 } };

describe('the lean of a draft whose criteria read as met', () => {
  it('is Overturned where even the lower bound of pOverturn is at least one half', () => {
    const r = reviewOutcome(model, 'Overturned', 0.8, [], 0.6);
    expect(r.decision).toBe('Overturned');
    expect(r.needsReviewer).toBe(false);
  });

  it('stays Upheld, flagged, where only the best estimate favours overturn', () => {
    const r = reviewOutcome(model, 'Overturned', 0.6, [], 0.35);
    expect(r.decision).toBe('Upheld');
    expect(r.needsReviewer).toBe(true);
    expect(r.reviewCodes).toEqual(['probability']);
    expect(r.reviewReason).toMatch(/about 60% .*too few .*as low as 35%/);
  });

  it('follows the best estimate where no bound is known', () => {
    expect(reviewOutcome(model, 'Overturned', 0.6, []).decision).toBe('Overturned');
  });
});
