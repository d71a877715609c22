/**
 * 95% intervals for the corpus rates (overturn rate, pharmacy share). The Wilson score interval is
 * used rather than the textbook "p ± 1.96·√(p(1−p)/n)" because that one collapses to [0, 0] or
 * [1, 1] at 0 or n successes and leaves [0, 1] on small samples, exactly where a reader needs the
 * warning most; Wilson stays inside [0, 1] and widens honestly as n shrinks. Pure.
 */

export interface RateInterval {
  /** Lower and upper bounds of the 95% interval, as fractions rounded to 3 places. */
  low: number;
  high: number;
}

/** z for a two-sided 95% interval. */
const Z95 = 1.959963984540054;

/**
 * Below this many items a rate is marked as a small sample: with under 30 items the 95% interval of
 * a rate near one half is wider than ±17 percentage points, too wide to compare groups by.
 */
export const SMALL_SAMPLE = 30;

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** The Wilson score interval of `successes` out of `n` (null when n is 0). */
export function wilsonInterval(successes: number, n: number, z = Z95): RateInterval | null {
  if (!Number.isFinite(n) || n <= 0) return null;
  if (!Number.isFinite(successes) || successes < 0 || successes > n) {
    throw new RangeError(`successes must be between 0 and n (${n}); got ${successes}`);
  }
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At 0 or n successes the bound is exactly 0 or 1 (floating point would leave 1e-17).
  return { low: successes === 0 ? 0 : round3(Math.max(0, centre - half)), high: successes === n ? 1 : round3(Math.min(1, centre + half)) };
}

/** True when a rate over `n` items is too small a sample to read on its own (see SMALL_SAMPLE). */
export function isSmallSample(n: number): boolean {
  return n < SMALL_SAMPLE;
}

/** "23% (95% CI 12–38%)" for a rate and its interval; "—" without items. Pure. */
export function formatRateWithInterval(rate: number | null, interval: RateInterval | null): string {
  if (rate === null || interval === null) return '—';
  const pct = (x: number) => `${Math.round(x * 1000) / 10}`;
  return `${pct(rate)}% (95% CI ${pct(interval.low)}–${pct(interval.high)}%)`;
}
