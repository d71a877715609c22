import { seededRandom } from '../../shared/rng.js';
import { auc, brier, quantile, type Interval, type ScoredItem } from './metrics.js';

/**
 * Percentile-bootstrap intervals for any figure of the audited items, resampling LETTERS with
 * replacement: the items of one letter share a reviewer and a record, so they are not independent,
 * and a figure that rests on two or three letters must show it. Pure and seeded.
 */
export function bootstrapOverLetters(
  items: readonly ScoredItem[],
  statistic: (sample: readonly ScoredItem[]) => number | null,
  opts: { resamples?: number; seed?: number } = {},
): Interval | null {
  const estimate = statistic(items);
  if (estimate === null) return null;
  const byLetter = new Map<string, ScoredItem[]>();
  for (const i of items) {
    const g = byLetter.get(i.letter);
    if (g) g.push(i);
    else byLetter.set(i.letter, [i]);
  }
  const letters = [...byLetter.keys()].sort().map((k) => byLetter.get(k)!);
  const rand = seededRandom(opts.seed ?? 20161);
  const values: number[] = [];
  const resamples = opts.resamples ?? 2000;
  for (let b = 0; b < resamples; b++) {
    const sample: ScoredItem[] = [];
    for (let k = 0; k < letters.length; k++) sample.push(...letters[Math.floor(rand() * letters.length)]);
    const v = statistic(sample);
    // A resample with no Overturned item has no AUC; it says nothing either way, so it is left out.
    if (v !== null && Number.isFinite(v)) values.push(v);
  }
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  return { estimate, low: quantile(values, 0.025), high: quantile(values, 0.975) };
}

const share = (n: number, d: number): number | null => (d === 0 ? null : n / d);
const isOverturned = (i: ScoredItem) => i.actual === 'Overturned';

/** The figures a quality lead compares with their targets, each as a function of a sample of items. */
export const QUALITY_STATISTICS = {
  /** Agreement of the drafts minus agreement of always answering Upheld (paired: same resample). */
  agreementOverBaseline: (s: readonly ScoredItem[]) => share(s.filter((i) => i.lean === i.actual).length - s.filter((i) => i.actual === 'Upheld').length, s.length),
  auc: (s: readonly ScoredItem[]) => auc(s.map((i) => i.pOverturn), s.map(isOverturned)),
  /** Brier score minus the base rate's Brier score on the same sample (negative = better than the base rate). */
  brierOverBaseRate: (s: readonly ScoredItem[]) => {
    if (s.length === 0) return null;
    const y = s.map(isOverturned);
    const rate = y.filter(Boolean).length / y.length;
    return brier(s.map((i) => i.pOverturn), y) - rate * (1 - rate);
  },
  unflaggedShare: (s: readonly ScoredItem[]) => share(s.filter((i) => !i.needsReviewer).length, s.length),
  unflaggedAccuracy: (s: readonly ScoredItem[]) => {
    const u = s.filter((i) => !i.needsReviewer);
    return share(u.filter((i) => i.lean === i.actual).length, u.length);
  },
  overturnedCaught: (s: readonly ScoredItem[]) => {
    const o = s.filter(isOverturned);
    return share(o.filter((i) => i.lean === 'Overturned' || i.needsReviewer).length, o.length);
  },
} as const;

export type QualityIntervals = Record<keyof typeof QUALITY_STATISTICS, Interval | null>;

/** Every figure of QUALITY_STATISTICS with its 95% interval over letters. */
export function qualityIntervals(items: readonly ScoredItem[], opts: { resamples?: number; seed?: number } = {}): QualityIntervals {
  const out = {} as QualityIntervals;
  for (const [name, stat] of Object.entries(QUALITY_STATISTICS) as [keyof typeof QUALITY_STATISTICS, (s: readonly ScoredItem[]) => number | null][])
    out[name] = bootstrapOverLetters(items, stat, opts);
  return out;
}
