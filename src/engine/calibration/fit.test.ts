import { describe, expect, it } from 'vitest';
import type { CalibrationInput } from './features.js';
import { choosePenalty, fitCalibration, letterFolds, type CalibrationSample } from './fit.js';
import { calibrationModelSchema, logistic, predictOverturn } from './model.js';
import { calibrationFeatures } from './features.js';
import { seededRandom } from '../../shared/rng.js';

function input(ruleOverturned: boolean, notMet: number, category: string): CalibrationInput {
  return {
    category,
    topicId: 't',
    recommendation: 'conditional',
    family: 'MTUS-CPMTG',
    ruleDecision: ruleOverturned ? 'Overturned' : 'Upheld',
    criteria: [
      { type: 'a', status: notMet > 0 ? 'not_met' : 'met', evidenceKinds: ['exam'] },
      { type: 'b', status: notMet > 1 ? 'not_met' : 'met', evidenceKinds: [] },
    ],
    dependent: false,
    ruleFlags: [],
  };
}

/** Letters of 1–3 items; the truth: logit p = −2.5 + 3·(rules say Overturned). */
function generate(letters: number, seed: number): CalibrationSample[] {
  const rand = seededRandom(seed);
  const out: CalibrationSample[] = [];
  for (let l = 0; l < letters; l++) {
    const n = 1 + Math.floor(rand() * 3);
    for (let k = 0; k < n; k++) {
      const ruleOverturned = rand() < 0.3;
      const notMet = ruleOverturned ? 0 : 1 + Math.floor(rand() * 2);
      out.push({ letter: `L${l}`, input: input(ruleOverturned, notMet, rand() < 0.5 ? 'physical_therapy' : 'imaging'), overturned: rand() < logistic(-2.5 + 3 * (ruleOverturned ? 1 : 0)) });
    }
  }
  return out;
}

describe('letter-level folds', () => {
  it('never split a letter, deal letters evenly, and are reproducible', () => {
    const letters = ['a', 'a', 'b', 'c', 'c', 'c', 'd', 'e', 'f', 'g'];
    const folds = letterFolds(letters, 3, 1);
    expect([...folds.keys()].sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    const sizes = [0, 1, 2].map((f) => [...folds.values()].filter((v) => v === f).length);
    expect(sizes.sort()).toEqual([2, 2, 3]);
    expect(letterFolds(letters, 3, 1)).toEqual(folds);
  });

  it('leave one letter out when there are fewer letters than folds', () => {
    const folds = letterFolds(['x', 'y', 'y', 'z'], 10);
    expect(new Set(folds.values())).toEqual(new Set([0, 1, 2]));
  });
});

describe('population base rate', () => {
  it('moves the base rate to the statewide share without changing the ranking', () => {
    const samples = generate(300, 7);
    const own = fitCalibration(samples, { date: '2026-01-01', penalty: 1, populationRate: null });
    const moved = fitCalibration(samples, { date: '2026-01-01', penalty: 1, populationRate: 0.05 });
    expect(moved.model.baseRate).toBe(0.05);
    expect(moved.model.weights).toEqual(own.model.weights);
    expect(moved.model.intercept).toBeLessThan(own.model.intercept);
    const sample = samples.filter((x) => x.overturned).length / samples.length;
    expect(moved.model.intercept - own.model.intercept).toBeCloseTo(Math.log(0.05 / 0.95) - Math.log(sample / (1 - sample)), 4);
    // Each fold's own ranking is unchanged (the pooled figure moves, since every fold's base rate is equalised).
    expect(moved.model.crossValidation!.meanFoldAuc).toBe(own.model.crossValidation!.meanFoldAuc);
  });
});

describe('fitCalibration', () => {
  const samples = generate(300, 42);
  // The sample's own base rate kept (populationRate null), so the fit can be compared with the generator.
  const fit = fitCalibration(samples, { date: '2026-01-01', penalty: 1, populationRate: null });

  it('writes a valid model whose probabilities follow the generating model', () => {
    expect(calibrationModelSchema.parse(fit.model)).toEqual(fit.model);
    const pOver = predictOverturn(fit.model, calibrationFeatures(input(true, 0, 'imaging')));
    const pUp = predictOverturn(fit.model, calibrationFeatures(input(false, 1, 'imaging')));
    expect(pOver).toBeGreaterThan(logistic(0.5) - 0.12);
    expect(pOver).toBeLessThan(logistic(0.5) + 0.12);
    expect(pUp).toBeGreaterThan(logistic(-2.5) - 0.05);
    expect(pUp).toBeLessThan(logistic(-2.5) + 0.05);
    expect(fit.model.crossValidation!.auc!).toBeGreaterThan(0.7);
    expect(fit.model.crossValidation!.brier).toBeLessThan(fit.model.crossValidation!.baseRateBrier);
    expect(fit.model.fittedOn).toEqual({ letters: 300, items: samples.length, overturned: samples.filter((s) => s.overturned).length, date: '2026-01-01' });
  });

  it('keeps every letter in one fold and predicts it out of fold: its own outcomes do not move its probability', () => {
    const foldOf = new Map<string, Set<number>>();
    for (const o of fit.outOfFold) foldOf.set(o.sample.letter, (foldOf.get(o.sample.letter) ?? new Set()).add(o.fold));
    expect([...foldOf.values()].every((s) => s.size === 1)).toBe(true);
    const target = 'L7';
    const flipped = samples.map((s) => (s.letter === target ? { ...s, overturned: !s.overturned } : s));
    const again = fitCalibration(flipped, { date: '2026-01-01', penalty: 1, populationRate: null });
    const p = (f: typeof fit) => f.outOfFold.filter((o) => o.sample.letter === target).map((o) => o.pOverturn);
    expect(p(again)).toEqual(p(fit));
    expect(again.model.intercept).not.toBe(fit.model.intercept);
  });

  it('shrinks toward the base rate: the penalty chosen on pure noise is the largest', () => {
    const rand = seededRandom(9);
    const noise = generate(120, 3).map((s) => ({ ...s, overturned: rand() < 0.2 }));
    expect(choosePenalty(noise, [0.01, 1000])).toBe(1000);
    const signal = generate(300, 4);
    expect(choosePenalty(signal, [0.01, 1000])).toBe(0.01);
  });

  it('uses leave-one-letter-out with fewer letters than folds, and refuses a single outcome', () => {
    const few = samples.filter((s) => ['L1', 'L2', 'L3', 'L4', 'L5', 'L6'].includes(s.letter));
    const withBoth = few.some((s) => s.overturned) && few.some((s) => !s.overturned) ? few : [...few, { ...few[0], overturned: !few[0].overturned }];
    expect(fitCalibration(withBoth, { date: '2026-01-01' }).model.crossValidation!.folds).toBe(6);
    expect(() => fitCalibration(samples.map((s) => ({ ...s, overturned: false })), { date: '2026-01-01' })).toThrow(/both outcomes/);
  });
});
