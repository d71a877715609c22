import { ImrError } from '../../errors/imr-error.js';
import { NON_NEGATIVE_FEATURES, calibrationFeatures, type CalibrationInput } from './features.js';
import { coefficientCovariance, fitPenalisedLogistic, type SparseRow } from './logistic-regression.js';
import { calibrationModelSchema, INTERCEPT, logistic, logit, type CalibrationModel } from './model.js';
import { auc, baseRateBrier, brier } from './metrics.js';
import { shuffled } from '../../shared/rng.js';
import { chooseThresholds, MIN_UNFLAGGED_SHARE, type ThresholdOutcome } from './thresholds.js';

/**
 * Fitting the calibration model on published letters, pure. Every estimate of how good the model is
 * comes from letter-level cross-validation: the items of one letter (one reviewer, one record) are
 * always in the same fold, so the model is never scored on a letter it was fitted on.
 *
 * - Penalty: chosen by an inner letter-level cross-validation (on the training letters only) from
 *   PENALTIES, by the lowest mean log-loss; on a tie, the larger penalty (more shrinkage toward the
 *   base rate). The features are 0/1 indicators or small counts, so one penalty suits them all.
 * - Out-of-fold probabilities: each outer fold's letters predicted by a model fitted on the others.
 * - Thresholds: chosen on the out-of-fold probabilities (see thresholds.ts for the rule).
 * - The shipped model: fitted on all letters with the penalty the same inner procedure picks there.
 */

export interface CalibrationSample {
  /** The letter the item comes from (a file name or case number). */
  letter: string;
  input: CalibrationInput;
  /** The published decision was Overturned. */
  overturned: boolean;
}

export interface FitOptions {
  /** Outer folds (default 10; leave-one-letter-out where there are fewer letters). */
  folds?: number;
  /** Folds of the inner cross-validation that chooses the penalty (default 5). */
  innerFolds?: number;
  /** The penalties to choose from. */
  penalties?: readonly number[];
  /** A fixed penalty instead of choosing one. */
  penalty?: number;
  /** Seed of the letter-to-fold assignment (default 2016). */
  seed?: number;
  /** The date of the fit (YYYY-MM-DD), recorded in the model; the caller reads the clock. */
  date: string;
  version?: string;
  minUnflaggedShare?: number;
  /**
   * The share of IMR items overturned statewide, which the model's base rate is moved to (a prior
   * shift: the published letters fitted on are a sample whose overturn share varies from one set to
   * another). Default POPULATION_OVERTURN_RATE; null keeps the sample's own rate.
   */
  populationRate?: number | null;
}

/**
 * The statewide share of disputed items overturned in IMR: DWC and CWCI report 8.4% to 11.4% for
 * 2014-2019 and 10.2% for 2023 (../shared/research/dwc-imr-yearly-stats.csv); 10% is their middle.
 */
export const POPULATION_OVERTURN_RATE = 0.1;

interface OutOfFold {
  sample: CalibrationSample;
  fold: number;
  pOverturn: number;
}

export interface CalibrationFit {
  model: CalibrationModel;
  outOfFold: OutOfFold[];
  /** The penalty of the shipped model, and of each outer fold's model. */
  penalty: number;
  foldPenalties: number[];
  thresholds: ThresholdOutcome;
}

const PENALTIES = [0.1, 0.3, 1, 3, 10, 30, 100] as const;
const DEFAULT_FOLDS = 10;
const DEFAULT_INNER_FOLDS = 5;
export const DEFAULT_SEED = 2016;

/**
 * Letter → fold: the distinct letters in a seeded random order, dealt round-robin into
 * min(k, letters) folds. A letter's items are always in one fold.
 */
export function letterFolds(letters: readonly string[], k: number, seed = DEFAULT_SEED): Map<string, number> {
  const distinct = [...new Set(letters)].sort();
  const n = Math.max(1, Math.min(k, distinct.length));
  return new Map(shuffled(distinct, seed).map((l, i) => [l, i % n]));
}

/** The number of folds letterFolds makes. */
export function foldCount(letters: readonly string[], k: number): number {
  return Math.max(1, Math.min(k, new Set(letters).size));
}

interface Fitted {
  intercept: number;
  weights: Record<string, number>;
  baseRate: number;
  /** The coefficients' covariance, INTERCEPT first (coefficientCovariance). */
  uncertainty: { features: string[]; covariance: number[][] };
}

/** Fits the penalised logistic regression on the samples' features. */
function fitWeights(samples: readonly CalibrationSample[], penalty: number): Fitted {
  const feats = samples.map((s) => calibrationFeatures(s.input));
  const names = [...new Set(feats.flatMap((f) => Object.keys(f)))].sort();
  const index = new Map(names.map((n, i) => [n, i]));
  const rows: SparseRow[] = feats.map((f) => {
    const row: [number, number][] = [];
    for (const [n, v] of Object.entries(f)) if (v !== 0) row.push([index.get(n)!, v]);
    return row;
  });
  const y: number[] = samples.map((s) => (s.overturned ? 1 : 0));
  const nonNegative = names.flatMap((n, i) => (NON_NEGATIVE_FEATURES.has(n) ? [i] : []));
  const fit = fitPenalisedLogistic(rows, y, names.length, penalty, { nonNegative });
  const weights: Record<string, number> = {};
  names.forEach((n, i) => {
    const w = Math.round(fit.weights[i] * 1e6) / 1e6;
    if (w !== 0) weights[n] = w;
  });
  const covariance = coefficientCovariance(rows, fit, penalty).map((r) => r.map((x) => Number(x.toPrecision(6))));
  return {
    intercept: Math.round(fit.intercept * 1e6) / 1e6,
    weights,
    baseRate: samples.length ? y.reduce((a, b) => a + b, 0) / samples.length : 0,
    uncertainty: { features: [INTERCEPT, ...names], covariance },
  };
}

/** Moves a fit's base rate to the population's: every log-odds shifts by logit(population) − logit(sample). */
function shiftToPopulation(f: Fitted, populationRate: number | null): Fitted {
  if (populationRate === null || f.baseRate <= 0 || f.baseRate >= 1) return f;
  const shift = logit(populationRate) - logit(f.baseRate);
  return { ...f, intercept: Math.round((f.intercept + shift) * 1e6) / 1e6 };
}

function predict(f: Fitted, input: CalibrationInput): number {
  let z = f.intercept;
  for (const [n, v] of Object.entries(calibrationFeatures(input))) z += (f.weights[n] ?? 0) * v;
  return logistic(z);
}

/** Out-of-fold probabilities for a fixed penalty, letter-level folds. */
function foldPredictions(samples: readonly CalibrationSample[], penalty: number, folds: Map<string, number>): number[] {
  const k = Math.max(...folds.values()) + 1;
  const p = new Array<number>(samples.length).fill(NaN);
  for (let f = 0; f < k; f++) {
    const train = samples.filter((s) => folds.get(s.letter) !== f);
    const model = fitWeights(train, penalty);
    samples.forEach((s, i) => {
      if (folds.get(s.letter) === f) p[i] = predict(model, s.input);
    });
  }
  return p;
}

function logLoss(p: readonly number[], samples: readonly CalibrationSample[]): number {
  let s = 0;
  samples.forEach((x, i) => {
    const q = Math.min(1 - 1e-12, Math.max(1e-12, p[i]));
    s -= x.overturned ? Math.log(q) : Math.log(1 - q);
  });
  return s / Math.max(1, samples.length);
}

/** The penalty with the lowest inner cross-validated log-loss (ties: the larger penalty). */
export function choosePenalty(samples: readonly CalibrationSample[], penalties: readonly number[] = PENALTIES, innerFolds = DEFAULT_INNER_FOLDS, seed = DEFAULT_SEED): number {
  const candidates = [...penalties].sort((a, b) => b - a);
  if (candidates.length === 1 || new Set(samples.map((s) => s.letter)).size < 2) return candidates[0];
  const folds = letterFolds(
    samples.map((s) => s.letter),
    innerFolds,
    seed + 1,
  );
  let best = candidates[0];
  let bestLoss = Infinity;
  for (const pen of candidates) {
    const loss = logLoss(foldPredictions(samples, pen, folds), samples);
    if (loss < bestLoss - 1e-12) {
      best = pen;
      bestLoss = loss;
    }
  }
  return best;
}

/**
 * The index of the sample whose probability sample `i` inherits (its procedure's, in the same letter),
 * or -1 where it has its own.
 */
function inheritedFrom(samples: readonly CalibrationSample[], i: number): number {
  const from = samples[i].input.inheritsFrom;
  if (from === undefined) return -1;
  return samples.findIndex((s, j) => j !== i && s.letter === samples[i].letter && s.input.inheritsFrom === undefined && s.input.request === from);
}

/** Fits the calibration model with letter-level cross-validation (see the module comment). */
export function fitCalibration(samples: readonly CalibrationSample[], opts: FitOptions): CalibrationFit {
  // A draft that follows its procedure's Upheld draft has the procedure's probability, never the
  // model's (evaluate/dependency.ts). Its features mark it (calibrationFeatures: one indicator, nothing
  // else), so its outcome, the procedure's over again, is absorbed by that indicator's weight and never
  // bends the weights that score the other drafts (one failed criterion and no topic would otherwise
  // be taught to predict what the procedure's criteria do). In the thresholds and the cross-validated
  // figures it counts with the probability it is given: its procedure's, out of fold.
  const inherits = samples.map((_, i) => inheritedFrom(samples, i));
  const overturned = samples.filter((s) => s.overturned).length;
  if (overturned === 0 || overturned === samples.length)
    throw new ImrError('IMR_ERR_VALIDATION', 'Calibration needs items of both outcomes (Upheld and Overturned); add letters with both.');
  const letters = samples.map((s) => s.letter);
  if (new Set(letters).size < 2) throw new ImrError('IMR_ERR_VALIDATION', 'Calibration needs at least two letters for letter-level cross-validation; add letters.');
  const seed = opts.seed ?? DEFAULT_SEED;
  const innerFolds = opts.innerFolds ?? DEFAULT_INNER_FOLDS;
  const penalties = opts.penalty !== undefined ? [opts.penalty] : opts.penalties ?? PENALTIES;
  const folds = letterFolds(letters, opts.folds ?? DEFAULT_FOLDS, seed);
  const k = foldCount(letters, opts.folds ?? DEFAULT_FOLDS);

  const population = opts.populationRate === undefined ? POPULATION_OVERTURN_RATE : opts.populationRate;
  const outOfFold: OutOfFold[] = new Array(samples.length);
  const foldPenalties: number[] = [];
  for (let f = 0; f < k; f++) {
    const train = samples.filter((s) => folds.get(s.letter) !== f);
    const pen = choosePenalty(train, penalties, innerFolds, seed);
    foldPenalties.push(pen);
    const m = shiftToPopulation(fitWeights(train, pen), population);
    samples.forEach((s, i) => {
      if (folds.get(s.letter) === f) outOfFold[i] = { sample: s, fold: f, pOverturn: predict(m, s.input) };
    });
  }
  // the procedure is in the same letter, hence the same fold
  samples.forEach((s, i) => {
    if (inherits[i] >= 0) outOfFold[i] = { sample: s, fold: folds.get(s.letter)!, pOverturn: outOfFold[inherits[i]].pOverturn };
  });

  const penalty = choosePenalty(samples, penalties, innerFolds, seed);
  const all = shiftToPopulation(fitWeights(samples, penalty), population);
  const thresholds = chooseThresholds(
    outOfFold.map((o) => ({ pOverturn: o.pOverturn, lean: o.sample.input.ruleDecision, ruleFlagged: o.sample.input.ruleFlags.length > 0, overturned: o.sample.overturned })),
    opts.minUnflaggedShare ?? MIN_UNFLAGGED_SHARE,
  );
  const y = outOfFold.map((o) => o.sample.overturned);
  const p = outOfFold.map((o) => o.pOverturn);
  // Pooled out-of-fold AUC compares probabilities from different fold models; where overturns
  // cluster in a few letters that understates how well one model ranks new letters. The mean of
  // each fold's own AUC (one model scoring letters it never saw) is reported beside it.
  const foldAucs = [...new Set(outOfFold.map((o) => o.fold))]
    .map((f) => outOfFold.filter((o) => o.fold === f))
    .map((os) => auc(os.map((o) => o.pOverturn), os.map((o) => o.sample.overturned)))
    .filter((a): a is number => a !== null);
  const overturnedItems = outOfFold.filter((o) => o.sample.overturned);
  const caught = overturnedItems.filter((o) => o.sample.input.ruleDecision === 'Overturned' || o.sample.input.ruleFlags.length > 0 || o.pOverturn >= thresholds.flagUpheldAbove).length;
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  const model = calibrationModelSchema.parse({
    version: opts.version ?? `${opts.date}-${new Set(letters).size}-letters`,
    fittedOn: { letters: new Set(letters).size, items: samples.length, overturned, date: opts.date },
    baseRate: round(population ?? all.baseRate),
    intercept: all.intercept,
    weights: all.weights,
    uncertainty: all.uncertainty,
    thresholds: { flagUpheldAbove: round(thresholds.flagUpheldAbove), flagOverturnedBelow: round(thresholds.flagOverturnedBelow) },
    crossValidation: {
      folds: k,
      auc: (() => {
        const a = auc(p, y);
        return a === null ? null : round(a);
      })(),
      meanFoldAuc: foldAucs.length ? round(foldAucs.reduce((a, b) => a + b, 0) / foldAucs.length) : null,
      foldsWithAuc: foldAucs.length,
      brier: round(brier(p, y)),
      baseRateBrier: round(baseRateBrier(y)),
      penalty,
      unflaggedShare: round(thresholds.unflagged / samples.length),
      unflaggedAccuracy: thresholds.unflagged ? round((thresholds.unflagged - thresholds.wrongUnflagged) / thresholds.unflagged) : null,
      overturnedCaught: round(caught / overturned),
    },
  } satisfies CalibrationModel);
  return { model, outOfFold, penalty, foldPenalties, thresholds };
}

