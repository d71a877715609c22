import { describe, expect, it } from 'vitest';
import type { Citation, Letter } from '../../letters/model.js';
import { loadKnowledgeBase } from '../knowledge-base/load-knowledge-base.js';
import { defaultReaders } from '../evaluate/index.js';
import { calibrationInputOf } from '../evaluate/evaluate.js';
import { predictOverturn } from '../calibration/model.js';
import { calibrationFeatures } from '../calibration/features.js';
import { auditCrossValidated, calibrationSamples, neutralKnowledgeBase } from './audit-cv.js';

const cite: Citation = { source: 'MTUS-CPMTG', name: null, edition: null, topic: null, sections: [], pages: [], raw: '', alsoCites: [] };

/** Synthetic letters (written here, not copied): one physical-therapy request each, alternating outcomes. */
function synthetic(n: number): { file: string; letter: Letter }[] {
  return Array.from({ length: n }, (_, k) => ({
    file: `synthetic-${k}.txt`,
    letter: {
      header: null,
      reviewer: { licensure: ['California'], specialty: null, subspecialty: null },
      worker: { age: 30 + k, sex: k % 2 ? 'female' : 'male', injuryDate: '2014-01-05' },
      urDecisionDate: '2015-06-01',
      imrApplicationDate: null,
      clinicalSummary: k % 2 ? 'Low back pain. Prior physical therapy improved function and reduced work restrictions.' : 'Neck pain. No prior treatment documented.',
      documentsReviewed: null,
      items: [{ request: 'Physical therapy 2 times a week for 3 weeks', decision: k % 3 === 0 ? 'Overturned' : 'Upheld', claimsAdministratorGuideline: cite, reviewerGuideline: cite, rationale: 'x' }],
    },
  }));
}

describe('cross-validated audit', () => {
  const kb = loadKnowledgeBase();
  const letters = synthetic(12);

  it('builds one calibration sample per item with a neutral model (no probability flags)', () => {
    expect(neutralKnowledgeBase(kb).calibration.thresholds).toEqual({ flagUpheldAbove: 1, flagOverturnedBelow: 0 });
    const samples = calibrationSamples(letters, kb, defaultReaders);
    expect(samples).toHaveLength(12);
    expect(samples.every((s) => !s.input.ruleFlags.includes('probability'))).toBe(true);
    expect(samples.map((s) => s.overturned)).toEqual(letters.map((l) => l.letter.items[0].decision === 'Overturned'));
  });

  it('decides every letter once, with a model fitted without it', () => {
    const cv = auditCrossValidated(letters, kb, defaultReaders, { folds: 4, date: '2026-01-01' });
    expect(cv.folds).toBe(4);
    expect(cv.results.map((r) => r.file)).toEqual(letters.map((l) => l.file));
    expect(cv.foldModels).toHaveLength(4);
    for (const r of cv.results) {
      const model = cv.foldModels[cv.foldOf.get(r.file)!];
      // fitted on the 9 letters of the other folds (or their base rate where they hold one outcome only)
      expect(model.fittedOn.letters === 9 || model.version === 'base-rate').toBe(true);
      for (const i of r.items) {
        const p = predictOverturn(model, calibrationFeatures(calibrationInputOf(i.engine, { ...kb, calibration: model })));
        expect(i.engine.pOverturn).toBeCloseTo(p, 3);
      }
    }
    // Each fold's model is fitted on different letters (intercepts may coincide once moved to the population rate).
    expect(new Set(cv.foldModels.map((m) => `${m.fittedOn.items}/${m.fittedOn.overturned}`)).size).toBeGreaterThan(1);
  });
});
