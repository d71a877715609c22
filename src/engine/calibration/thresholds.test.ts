import { describe, expect, it } from 'vitest';
import { chooseThresholds, thresholdOutcome, type ThresholdItem } from './thresholds.js';

const up = (p: number, overturned: boolean): ThresholdItem => ({ pOverturn: p, lean: 'Upheld', ruleFlagged: false, overturned });
const ov = (p: number, overturned: boolean): ThresholdItem => ({ pOverturn: p, lean: 'Overturned', ruleFlagged: false, overturned });

// 11 items: 8 lean Upheld (two of them Overturned in the letters, at 0.30 and 0.40), 2 lean
// Overturned (one Upheld in the letter, at 0.50), 1 already flagged by a rule.
const items: ThresholdItem[] = [
  up(0.05, false), up(0.08, false), up(0.1, false), up(0.12, false), up(0.15, false), up(0.2, false), up(0.3, true), up(0.4, true),
  ov(0.5, false), ov(0.8, true),
  { pOverturn: 0.1, lean: 'Upheld', ruleFlagged: true, overturned: true },
];

describe('flag thresholds', () => {
  it('with room for one more flag (75% unflagged), flags the Upheld lean most likely overturned: fewest wrong, then fewest missed', () => {
    const t = chooseThresholds(items);
    // flagging 0.40 or the Overturned lean at 0.50 both leave 2 wrong; flagging 0.40 misses one Overturned item fewer
    expect(t).toMatchObject({ flagUpheldAbove: 0.35, flagOverturnedBelow: 0, unflagged: 9, wrongUnflagged: 2, missedOverturned: 1 });
    expect(thresholdOutcome(items, t)).toEqual(t);
  });

  it('with a larger flag budget, flags every wrong lean and no more, thresholds midway between neighbours', () => {
    const t = chooseThresholds(items, 0.6);
    expect(t.flagUpheldAbove).toBeCloseTo(0.25, 12);
    expect(t.flagOverturnedBelow).toBeCloseTo(0.65, 12);
    expect(t).toMatchObject({ unflagged: 7, wrongUnflagged: 0, missedOverturned: 0 });
  });

  it('flags nothing where flagging would not remove a wrong draft', () => {
    const right = [up(0.1, false), up(0.3, false), ov(0.6, true), ov(0.2, true)];
    expect(chooseThresholds(right)).toMatchObject({ flagUpheldAbove: 1, flagOverturnedBelow: 0, unflagged: 4 });
  });

  it('never flags beyond the budget: with rules flagging over 25%, no probability flag', () => {
    const ruled = [up(0.9, true), { ...up(0.2, false), ruleFlagged: true }, { ...up(0.2, false), ruleFlagged: true }, up(0.1, false)];
    expect(chooseThresholds(ruled)).toMatchObject({ flagUpheldAbove: 1, flagOverturnedBelow: 0, unflagged: 2 });
  });
});
