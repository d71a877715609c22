import { z } from 'zod';

/**
 * The calibration model: a logistic regression from a draft's features (criterion outcomes, evidence
 * kinds, category, guideline family) to the probability that a published reviewer overturns the item.
 * It is data (src/guidelines/calibration.json), versioned beside the knowledge base, fitted by
 * `imr engine calibrate LETTER...` with letter-level cross-validation and shrunk toward the base rate.
 */
/** The intercept's name in the covariance's feature list. */
export const INTERCEPT = '(intercept)';

export const calibrationModelSchema = z
  .object({
    /** Stable id of this fit ("2026-12-04-dwc-2016-2017"). */
    version: z.string().min(1),
    /** What it was fitted on: letters, items, Overturned items, the date. */
    fittedOn: z.object({ letters: z.number().int().nonnegative(), items: z.number().int().nonnegative(), overturned: z.number().int().nonnegative(), date: z.string() }).strict(),
    /** The share of Overturned items in the fitting set (the rate the model shrinks toward). */
    baseRate: z.number().min(0).max(1),
    /** log-odds at zero features. */
    intercept: z.number(),
    /** Weight per feature name (features absent from a draft count as 0). */
    weights: z.record(z.string(), z.number()),
    /**
     * The coefficients' covariance (Laplace approximation of the penalised fit, logistic-regression.ts),
     * over `features` with INTERCEPT first: how sure the fit is of a draft's log-odds. A draft leans
     * Overturned only where the lower bound of its probability is at least one half (overturnLowerBound).
     * Absent in a model fitted before it existed: the lean then follows pOverturn alone.
     */
    uncertainty: z
      .object({ features: z.array(z.string().min(1)).min(1), covariance: z.array(z.array(z.number())) })
      .strict()
      .refine((u) => u.features[0] === INTERCEPT && u.covariance.length === u.features.length && u.covariance.every((r) => r.length === u.features.length), {
        message: `uncertainty: features must start with "${INTERCEPT}" and covariance must be a square matrix with one row and one column per feature`,
      })
      .optional(),
    /**
     * Flag thresholds: a draft leaning Upheld is flagged when pOverturn >= flagUpheldAbove; a draft
     * leaning Overturned is flagged when pOverturn < flagOverturnedBelow.
     */
    thresholds: z.object({ flagUpheldAbove: z.number().min(0).max(1), flagOverturnedBelow: z.number().min(0).max(1) }).strict(),
    /** Cross-validated figures of the fit (letter-level folds), for the record. */
    crossValidation: z
      .object({
        folds: z.number().int().positive(),
        auc: z.number().nullable(),
        /** The mean of each fold's own AUC (one model scoring letters it never saw), and how many folds had both outcomes. */
        meanFoldAuc: z.number().nullable().optional(),
        foldsWithAuc: z.number().int().nonnegative().optional(),
        brier: z.number(),
        baseRateBrier: z.number(),
        /** The L2 penalty of the fit (chosen by inner cross-validation, or given). */
        penalty: z.number().nonnegative().optional(),
        /** Out-of-fold, with the thresholds: share drafted without a flag, their accuracy, share of Overturned caught. */
        unflaggedShare: z.number().min(0).max(1).optional(),
        unflaggedAccuracy: z.number().min(0).max(1).nullable().optional(),
        overturnedCaught: z.number().min(0).max(1).nullable().optional(),
      })
      .strict()
      .nullable()
      .default(null),
  })
  .strict();
export type CalibrationModel = z.infer<typeof calibrationModelSchema>;

export function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

export function logit(p: number): number {
  const q = Math.min(1 - 1e-6, Math.max(1e-6, p));
  return Math.log(q / (1 - q));
}

/** The probability of overturn for a draft's features. Pure. */
export function predictOverturn(model: CalibrationModel, features: Readonly<Record<string, number>>): number {
  let z = model.intercept;
  for (const [name, value] of Object.entries(features)) {
    const w = model.weights[name];
    if (w !== undefined && value !== 0) z += w * value;
  }
  return logistic(z);
}

/** A model that knows only the base rate: every draft gets the same probability (no thresholds flag). */
export function baseRateModel(baseRate: number, date = '1970-01-01'): CalibrationModel {
  return {
    version: 'base-rate',
    fittedOn: { letters: 0, items: 0, overturned: 0, date },
    baseRate,
    intercept: logit(baseRate),
    weights: {},
    thresholds: { flagUpheldAbove: 1, flagOverturnedBelow: 0 },
    crossValidation: null,
  };
}

/**
 * The one-sided bound: a draft leans Overturned only where the model is 95% sure that overturn is at
 * least as likely as not, not merely where its best estimate is. Why: a fit on a few dozen
 * Overturned items estimates the rarer outcome least surely, and a wrong Overturned lean costs the
 * reviewer as much as a missed one; the probability itself (pOverturn) is reported unchanged.
 */
const LOWER_BOUND_Z = 1.645;

/**
 * The lower bound of a draft's probability of overturn: logistic(z − 1.645·sd(z)), where z is its
 * log-odds and sd(z)² = xᵀ Σ x with x = (1, features). Without an `uncertainty` it is pOverturn. Pure.
 */
export function overturnLowerBound(model: CalibrationModel, features: Readonly<Record<string, number>>): number {
  let z = model.intercept;
  for (const [name, value] of Object.entries(features)) {
    const w = model.weights[name];
    if (w !== undefined && value !== 0) z += w * value;
  }
  const u = model.uncertainty;
  if (!u) return logistic(z);
  const x = u.features.map((f) => (f === INTERCEPT ? 1 : features[f] ?? 0));
  let variance = 0;
  for (let a = 0; a < x.length; a++) {
    if (x[a] === 0) continue;
    for (let b = 0; b < x.length; b++) if (x[b] !== 0) variance += x[a] * u.covariance[a][b] * x[b];
  }
  return logistic(z - LOWER_BOUND_Z * Math.sqrt(Math.max(0, variance)));
}
