import { z } from 'zod';

/**
 * The calibration model: a logistic regression from a draft's features (criterion outcomes, evidence
 * kinds, category, guideline family) to the probability that a published reviewer overturns the item.
 * It is data (src/guidelines/calibration.json), versioned beside the knowledge base, fitted by
 * `imr engine calibrate LETTER...` with letter-level cross-validation and shrunk toward the base rate.
 */
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
