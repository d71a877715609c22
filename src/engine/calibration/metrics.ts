import type { Decision } from '../../letters/model.js';
import { seededRandom } from '../../shared/rng.js';

/**
 * Figures of a drafted decision against the published one, pure. "Positive" is Overturned (the
 * reviewer found the item medically necessary). Every ratio is null where its denominator is empty.
 */

/** One item: what the letter decided, what the engine drafted, its probability and flag. */
export interface ScoredItem {
  /** The letter the item comes from (items of one letter are resampled together). */
  letter: string;
  category: string;
  /** The published decision. */
  actual: Decision;
  /** The engine's drafted decision (the lean). */
  lean: Decision;
  pOverturn: number;
  needsReviewer: boolean;
}

const ratio = (n: number, d: number): number | null => (d === 0 ? null : n / d);

/** Area under the ROC curve (Mann–Whitney, tied scores count one half); null without both classes. */
export function auc(scores: readonly number[], positive: readonly boolean[]): number | null {
  const idx = scores.map((_, i) => i).sort((a, b) => scores[a] - scores[b]);
  const nPos = positive.filter(Boolean).length;
  const nNeg = positive.length - nPos;
  if (nPos === 0 || nNeg === 0) return null;
  let rankSumPos = 0;
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && scores[idx[j + 1]] === scores[idx[i]]) j++;
    const avgRank = (i + j) / 2 + 1; // ranks are 1-based; ties share their mean rank
    for (let k = i; k <= j; k++) if (positive[idx[k]]) rankSumPos += avgRank;
    i = j + 1;
  }
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/** Mean squared difference between the probability and the outcome (1 = Overturned). */
export function brier(p: readonly number[], positive: readonly boolean[]): number {
  if (p.length === 0) return 0;
  let s = 0;
  for (let i = 0; i < p.length; i++) s += (p[i] - (positive[i] ? 1 : 0)) ** 2;
  return s / p.length;
}

/** The Brier score of predicting the items' own share of Overturned for every item: rate × (1 − rate). */
export function baseRateBrier(positive: readonly boolean[]): number {
  if (positive.length === 0) return 0;
  const rate = positive.filter(Boolean).length / positive.length;
  return rate * (1 - rate);
}

export interface ReliabilityBin {
  /** The bin's probability range [from, to) (the last bin includes 1). */
  from: number;
  to: number;
  items: number;
  meanPredicted: number;
  /** The share of the bin's items the letters overturned. */
  observed: number;
}

/** The reliability table: equal-width probability bins, the non-empty ones only. */
export function reliability(p: readonly number[], positive: readonly boolean[], bins = 10): ReliabilityBin[] {
  const acc = Array.from({ length: bins }, () => ({ n: 0, sumP: 0, pos: 0 }));
  p.forEach((x, i) => {
    const b = acc[Math.min(bins - 1, Math.max(0, Math.floor(x * bins)))];
    b.n++;
    b.sumP += x;
    if (positive[i]) b.pos++;
  });
  return acc.flatMap((b, k) => (b.n === 0 ? [] : [{ from: k / bins, to: (k + 1) / bins, items: b.n, meanPredicted: b.sumP / b.n, observed: b.pos / b.n }]));
}

export interface Confusion {
  /** Overturned in the letter and drafted Overturned. */
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export function confusion(items: readonly Pick<ScoredItem, 'actual' | 'lean'>[]): Confusion {
  const c = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const i of items) {
    const leansOverturned = i.lean === 'Overturned';
    if (i.actual === 'Overturned') c[leansOverturned ? 'tp' : 'fn']++;
    else c[leansOverturned ? 'fp' : 'tn']++;
  }
  return c;
}

/** Mean of the Overturned recall and the Upheld recall; null unless both classes occur. */
export function balancedAccuracy(c: Confusion): number | null {
  const r1 = ratio(c.tp, c.tp + c.fn);
  const r0 = ratio(c.tn, c.tn + c.fp);
  return r1 === null || r0 === null ? null : (r1 + r0) / 2;
}

export interface Interval {
  estimate: number;
  /** 2.5th and 97.5th percentiles of the bootstrap distribution. */
  low: number;
  high: number;
}

/** The p-quantile of sorted values, linear between order statistics. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * A 95% percentile-bootstrap interval for Σnum / Σden, resampling LETTERS with replacement (the
 * items of a letter share a reviewer and a record, so they are not independent). Seeded.
 */
export function bootstrapRatioOverLetters(
  letters: readonly { num: number; den: number }[],
  opts: { resamples?: number; seed?: number } = {},
): Interval | null {
  const totalDen = letters.reduce((s, l) => s + l.den, 0);
  if (totalDen === 0) return null;
  const estimate = letters.reduce((s, l) => s + l.num, 0) / totalDen;
  const resamples = opts.resamples ?? 2000;
  const rand = seededRandom(opts.seed ?? 20161);
  const values: number[] = [];
  for (let b = 0; b < resamples; b++) {
    let num = 0;
    let den = 0;
    for (let k = 0; k < letters.length; k++) {
      const l = letters[Math.floor(rand() * letters.length)];
      num += l.num;
      den += l.den;
    }
    if (den > 0) values.push(num / den);
  }
  values.sort((a, b) => a - b);
  return { estimate, low: quantile(values, 0.025), high: quantile(values, 0.975) };
}

/** Per letter, how many of its items satisfy `hit`. */
function perLetter(items: readonly ScoredItem[], hit: (i: ScoredItem) => boolean): { num: number; den: number }[] {
  const m = new Map<string, { num: number; den: number }>();
  for (const i of items) {
    const g = m.get(i.letter) ?? { num: 0, den: 0 };
    g.den++;
    if (hit(i)) g.num++;
    m.set(i.letter, g);
  }
  return [...m.keys()].sort().map((k) => m.get(k)!);
}

export interface QualityFigures {
  letters: number;
  items: number;
  /** Items the letters overturned. */
  overturned: number;
  /** Share of items where the draft's decision is the letter's, with its 95% interval over letters. */
  agreement: Interval | null;
  /** The same for always drafting Upheld (the share of Upheld items). */
  alwaysUpheld: Interval | null;
  balancedAccuracy: number | null;
  overturnedPrecision: number | null;
  overturnedRecall: number | null;
  /** Of the probability of overturn. */
  auc: number | null;
  brier: number | null;
  /** Brier of predicting the items' own Overturned share for all: what the probability must beat. */
  baseRateBrier: number | null;
  /** Share of items drafted without a flag (the reviewer confirms), and how often those drafts are right. */
  unflaggedShare: number | null;
  unflaggedAccuracy: number | null;
  /** Share of the letters' Overturned items the engine drafted Overturned or flagged. */
  overturnedCaught: number | null;
  confusion: Confusion;
}

export interface QualityReport extends QualityFigures {
  reliability: ReliabilityBin[];
  byCategory: Record<string, QualityFigures>;
}

export interface QualityOptions {
  resamples?: number;
  seed?: number;
  bins?: number;
}

/** All the figures over `items`. */
export function qualityFigures(items: readonly ScoredItem[], opts: QualityOptions = {}): QualityFigures {
  const c = confusion(items);
  const y = items.map((i) => i.actual === 'Overturned');
  const p = items.map((i) => i.pOverturn);
  const unflagged = items.filter((i) => !i.needsReviewer);
  const overturned = items.filter((i) => i.actual === 'Overturned');
  const boot = { resamples: opts.resamples, seed: opts.seed };
  return {
    letters: new Set(items.map((i) => i.letter)).size,
    items: items.length,
    overturned: overturned.length,
    agreement: bootstrapRatioOverLetters(perLetter(items, (i) => i.lean === i.actual), boot),
    alwaysUpheld: bootstrapRatioOverLetters(perLetter(items, (i) => i.actual === 'Upheld'), boot),
    balancedAccuracy: balancedAccuracy(c),
    overturnedPrecision: ratio(c.tp, c.tp + c.fp),
    overturnedRecall: ratio(c.tp, c.tp + c.fn),
    auc: auc(p, y),
    brier: items.length ? brier(p, y) : null,
    baseRateBrier: items.length ? baseRateBrier(y) : null,
    unflaggedShare: ratio(unflagged.length, items.length),
    unflaggedAccuracy: ratio(unflagged.filter((i) => i.lean === i.actual).length, unflagged.length),
    overturnedCaught: ratio(overturned.filter((i) => i.lean === 'Overturned' || i.needsReviewer).length, overturned.length),
    confusion: c,
  };
}

/** The figures overall, the reliability table, and the figures per category. */
export function qualityReport(items: readonly ScoredItem[], opts: QualityOptions = {}): QualityReport {
  const byCategory: Record<string, QualityFigures> = {};
  for (const cat of [...new Set(items.map((i) => i.category))].sort()) byCategory[cat] = qualityFigures(items.filter((i) => i.category === cat), opts);
  return {
    ...qualityFigures(items, opts),
    reliability: reliability(
      items.map((i) => i.pOverturn),
      items.map((i) => i.actual === 'Overturned'),
      opts.bins,
    ),
    byCategory,
  };
}
