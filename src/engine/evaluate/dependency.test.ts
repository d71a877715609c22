import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../knowledge-base/load-knowledge-base.js';
import type { KnowledgeBase } from '../knowledge-base/knowledge-base.js';
import { parseCaseFile } from '../parse-case-file.js';
import { calibrationFeatures } from '../calibration/features.js';
import { fitCalibration, type CalibrationSample } from '../calibration/fit.js';
import { decideCase } from './index.js';
import { calibrationInputOf } from './evaluate.js';
import { dependentProbability, followsProcedure } from './dependency.js';

/**
 * The dependency rule and the probability of overturn. ODG (Preoperative testing, general): a service
 * that exists only for a procedure is "needed only for a surgery that is itself medically necessary",
 * so it can be found necessary only where the procedure is: P(service overturned) <= P(procedure
 * overturned), and where it follows the procedure's Upheld draft the two stand or fall together.
 * Synthetic records written for these tests.
 */
const kb = loadKnowledgeBase();
const dates = { worker: { age: 52, injuryDate: '2015-04-02' }, urDecisionDate: '2016-10-18' };

/** A meniscectomy the knee topic does not support (ACOEM Ch. 13 pp. 344-345: no mechanical symptoms, no tear on MRI), and its services. */
const UNSUPPORTED_SURGERY = parseCaseFile({
  ...dates,
  clinicalSummary: 'Left knee ache when kneeling for ten months. Exam: mild crepitus, full range of motion, no effusion. MRI: mild medial compartment chondral thinning, menisci intact.',
  items: [
    { request: 'Left knee arthroscopic partial medial meniscectomy' },
    { request: 'Pre-operative labs: CBC and basic metabolic panel' },
    { request: 'Assistant surgeon' },
    { request: 'Post operative physical therapy 2 times a week for 6 weeks, left knee' },
    { request: 'Associated surgical services: cold therapy unit, 7 day rental' },
    { request: 'Post-op hinged knee brace' },
  ],
});

/** A model with weights and thresholds set here, so the tests do not depend on the shipped fit. */
function withModel(flagUpheldAbove: number): KnowledgeBase {
  return { ...kb, calibration: { ...kb.calibration, intercept: -2.5, weights: { 'criteria.metShare': 1, 'rule.allMet': 1 }, thresholds: { flagUpheldAbove, flagOverturnedBelow: 0.3 } } };
}

describe('a service that follows its procedure', () => {
  it('has the probability of its procedure, not a probability of its own, where it follows the Upheld draft', () => {
    const [surgery, ...services] = decideCase(UNSUPPORTED_SURGERY, withModel(0.99));
    expect(surgery.ruleDecision).toBe('Upheld');
    expect(services).toHaveLength(5);
    for (const s of services) {
      expect(s.dependsOn, s.request).toBe(surgery.request);
      expect(s.ruleDecision, s.request).toBe('Upheld');
      expect(followsProcedure(s), s.request).toBe(true);
      expect(s.pOverturn, s.request).toBe(surgery.pOverturn);
    }
  });

  it('is flagged exactly where the procedure is, with one reason: the procedure’s', () => {
    // a threshold above the procedure's probability: neither flagged
    const low = decideCase(UNSUPPORTED_SURGERY, withModel(0.99));
    expect(low.map((d) => d.needsReviewer)).toEqual(low.map(() => false));
    // a threshold at or below it: the procedure flagged by its probability, every service with it
    const [surgery, ...services] = decideCase(UNSUPPORTED_SURGERY, withModel(0.01));
    expect(surgery.needsReviewer).toBe(true);
    expect(surgery.reviewCodes).toContain('probability');
    for (const s of services) {
      expect(s.needsReviewer, s.request).toBe(true);
      expect(s.reviewReason, s.request).toBe(`It follows ${surgery.request}, whose draft needs the reviewer's judgement.`);
      expect(s.reviewCodes, s.request).toEqual([surgery.reviewCodes.some((c) => c !== 'probability') ? 'depends_on_flagged' : 'probability']);
    }
  });

  it('is never more likely overturned than its procedure where it is decided on its own criteria', () => {
    // The meniscectomy supported (ACOEM Ch. 13 pp. 344-345: locking, McMurray, a tear on MRI, failed therapy):
    // its services are decided on their own topics, bounded by the procedure's probability.
    const c = parseCaseFile({
      ...dates,
      clinicalSummary:
        'Right knee locking and giving way since a twisting injury at work. Exam: medial joint line tenderness, positive McMurray test, small effusion. MRI: complex tear of the posterior horn of the medial meniscus. Eight weeks of physical therapy and naproxen did not relieve the locking.',
      items: [{ request: 'Right knee arthroscopic partial medial meniscectomy' }, { request: 'Post operative physical therapy 12 visits, right knee' }, { request: 'Pre-operative labs: CBC' }],
    });
    const generous: KnowledgeBase = { ...kb, calibration: { ...kb.calibration, intercept: -1, weights: { 'item.dependent': 3 }, thresholds: { flagUpheldAbove: 0.99, flagOverturnedBelow: 0 } } };
    const [surgery, ...services] = decideCase(c, generous);
    for (const s of services) {
      expect(s.dependsOn, s.request).toBe(surgery.request);
      expect(s.pOverturn, s.request).toBeLessThanOrEqual(surgery.pOverturn);
    }
  });

  it('dependentProbability: the procedure’s where the service follows it, bounded by it otherwise, its own without one', () => {
    expect(dependentProbability(0.01, { pOverturn: 0.14 }, true)).toBe(0.14);
    expect(dependentProbability(0.6, { pOverturn: 0.14 }, false)).toBe(0.14);
    expect(dependentProbability(0.05, { pOverturn: 0.14 }, false)).toBe(0.05);
    expect(dependentProbability(0.05, null, false)).toBe(0.05);
  });
});

describe('the calibration refit and inherited probabilities', () => {
  it('marks a draft that follows its procedure by the procedure it inherits from, and only such drafts', () => {
    const drafts = decideCase(UNSUPPORTED_SURGERY, kb);
    const inputs = drafts.map((d) => calibrationInputOf(d, kb));
    expect(inputs[0].inheritsFrom).toBeUndefined();
    expect(inputs[0].request).toBe('Left knee arthroscopic partial medial meniscectomy');
    for (const x of inputs.slice(1)) {
      expect(x.inheritsFrom).toBe('Left knee arthroscopic partial medial meniscectomy');
      // the features mark it and nothing else: its outcome bends no weight that scores other drafts
      expect(calibrationFeatures(x)).toEqual({ 'item.inheritsProbability': 1 });
    }
  });

  it('scores an inheriting sample with its procedure’s out-of-fold probability, and its outcome bends the other weights less than unmarked', () => {
    // Synthetic samples: procedures decided on criteria (met share), half of them with a dependent service.
    const procedure = (k: number, met: number, overturned: boolean): CalibrationSample => ({
      letter: `letter-${k}`,
      overturned,
      input: { category: 'surgery', topicId: 'surgery-knee', recommendation: 'conditional', family: 'MTUS-ACOEM', ruleDecision: met === 1 ? 'Overturned' : 'Upheld', criteria: [{ type: 'requiresFinding', status: met === 1 ? 'met' : 'not_met', evidenceKinds: [] }, { type: 'requiresFinding', status: 'met', evidenceKinds: [] }], dependent: false, ruleFlags: [], request: `Surgery ${k}` },
    });
    const service = (k: number, overturned: boolean): CalibrationSample => ({
      letter: `letter-${k}`,
      overturned,
      input: { category: 'lab', topicId: null, recommendation: null, family: 'NONE', ruleDecision: 'Upheld', criteria: [{ type: 'primaryProcedureCertified', status: 'not_met', evidenceKinds: [] }], dependent: true, ruleFlags: [], request: `Labs ${k}`, inheritsFrom: `Surgery ${k}` },
    });
    // a service decided on its own topic (its procedure leans Overturned): the model scores it
    const ownTopic = (k: number, overturned: boolean): CalibrationSample => ({
      letter: `letter-${k}`,
      overturned,
      input: { category: 'postsurgical_therapy', topicId: 'postsurgical-therapy', recommendation: 'recommended', family: 'MTUS-PSTG', ruleDecision: 'Overturned', criteria: [{ type: 'sessionLimit', status: 'met', evidenceKinds: [] }], dependent: true, ruleFlags: [], request: `Therapy ${k}` },
    });
    const samples: CalibrationSample[] = [];
    for (let k = 0; k < 24; k++) {
      const over = k % 4 === 0;
      const met = over || k % 5 === 0;
      samples.push(procedure(k, met ? 1 : 0, over));
      if (met) samples.push(ownTopic(k, over));
      else samples.push(service(k, false), service(k, false));
    }
    const fit = fitCalibration(samples, { date: '2026-01-01', penalty: 1, populationRate: null, folds: 4 });
    for (const [i, s] of samples.entries()) {
      if (s.input.inheritsFrom === undefined) continue;
      const proc = samples.findIndex((x) => x.letter === s.letter && x.input.inheritsFrom === undefined);
      expect(fit.outOfFold[i].pOverturn).toBe(fit.outOfFold[proc].pOverturn);
      expect(fit.outOfFold[i].fold).toBe(fit.outOfFold[proc].fold);
    }
    // The weights that score the other drafts: the inheriting services, marked, bend them less than the
    // same services unmarked would (read with their own features, they would teach "a dependent
    // service" and "no criterion met" what their procedures' criteria decided).
    const opts = { date: '2026-01-01', penalty: 1, populationRate: null, folds: 4 } as const;
    const without = fitCalibration(samples.filter((s) => s.input.inheritsFrom === undefined), opts).model.weights;
    const unmarked = fitCalibration(samples.map((s) => ({ ...s, input: { ...s.input, inheritsFrom: undefined } })), opts).model.weights;
    const dist = (w: Record<string, number>) => ['rule.allMet', 'criteria.metShare', 'criteria.noneNotMet', 'item.dependent'].reduce((d, n) => d + Math.abs((w[n] ?? 0) - (without[n] ?? 0)), 0);
    expect(dist(fit.model.weights)).toBeLessThan(dist(unmarked));
  });
});
