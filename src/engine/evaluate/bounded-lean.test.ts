import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../knowledge-base/load-knowledge-base.js';
import type { KnowledgeBase } from '../knowledge-base/knowledge-base.js';
import { INTERCEPT, type CalibrationModel } from '../calibration/model.js';
import { parseCaseFile } from '../parse-case-file.js';
import { evaluate } from './index.js';

/**
 * The lean follows the lower bound of pOverturn, not only its best estimate: a synthetic record on
 * which every criterion of the office-visit topic reads as met (ODG Office visits: "medications such as
 * opiates require close monitoring"), decided with two models that give it the same probability of
 * overturn, one sure of it and one not.
 */
const shipped = loadKnowledgeBase();
const record = parseCaseFile({
  worker: { age: 52, injuryDate: '2012-03-26' },
  urDecisionDate: '2015-05-12',
  clinicalSummary:
    'Lumbar radiculopathy treated with hydrocodone 5/325 twice daily and gabapentin 300 mg three times daily. Medications are reviewed and refilled at each monthly visit; the last urine drug screen was consistent.',
  items: [{ request: 'Follow-up visit with pain management' }],
});

/** Every draft gets log-odds 1 (p 0.73); `variance` is the intercept's, so the lower bound is logistic(1 − 1.645·√variance). */
function withModel(variance: number): KnowledgeBase {
  const model: CalibrationModel = {
    ...shipped.calibration,
    intercept: 1,
    weights: {},
    thresholds: { flagUpheldAbove: 0.2, flagOverturnedBelow: 0.6 },
    uncertainty: { features: [INTERCEPT], covariance: [[variance]] },
  };
  return { ...shipped, calibration: model };
}

describe('a draft whose criteria read as met', () => {
  it('leans Overturned, unflagged, where the model is sure that overturn is more likely than not', () => {
    const d = evaluate(record, 0, withModel(0.01));
    expect(d.ruleDecision).toBe('Overturned');
    expect(d.decision).toBe('Overturned');
    expect(d.needsReviewer).toBe(false);
    expect(d.rationale).toMatch(/is medically necessary\.$/);
  });

  it('stays Upheld for the reviewer, saying why, where the same probability rests on too few letters', () => {
    const d = evaluate(record, 0, withModel(1));
    expect(d.pOverturn).toBeCloseTo(0.731, 3);
    expect(d.decision).toBe('Upheld');
    expect(d.needsReviewer).toBe(true);
    expect(d.reviewCodes).toContain('probability');
    expect(d.reviewReason).toMatch(/too few of them to be sure/);
    expect(d.rationale).toMatch(/in about 73% of cases, but in too few cases to be sure; .* is not medically necessary\.$/);
  });
});
