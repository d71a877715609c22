import type { StatRow } from '../../../src/corpus/stats.js';

/**
 * A real time axis for the year and month charts: each period is placed by its date (a month is
 * year·12 + month − 1), and the periods without letters between two with letters are points with
 * no value, so the line breaks there and a gap of years looks like one instead of like the next
 * month. Undated keys ("(unknown)") are left out (they stay in the tables). Pure.
 */
export type TimeUnit = 'year' | 'month';

export interface TimePoint {
  t: number;
  key: string;
  items: number;
  /** Overturn rate in percent, null in a gap. */
  ratePct: number | null;
  /** The 95% interval in percent, as [low, high] for a range band; null in a gap. */
  band: [number, number] | null;
  smallSample: boolean;
}

export function periodNumber(key: string, unit: TimeUnit): number | null {
  const m = unit === 'year' ? /^(\d{4})$/.exec(key) : /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key);
  if (!m) return null;
  return unit === 'year' ? Number(m[1]) : Number(m[1]) * 12 + Number(m[2]) - 1;
}

/** "2016" or "03/2016" (month first, as the workbench writes dates). */
export function periodLabel(t: number, unit: TimeUnit): string {
  if (unit === 'year') return String(t);
  return `${String((t % 12) + 1).padStart(2, '0')}/${Math.floor(t / 12)}`;
}

const pct = (x: number) => Math.round(x * 1000) / 10;

export function timeSeries(rows: readonly StatRow[], unit: TimeUnit): { points: TimePoint[]; domain: [number, number] | null; ticks: number[] } {
  const dated = rows.map((r) => ({ r, t: periodNumber(r.key, unit) })).filter((x): x is { r: StatRow; t: number } => x.t !== null).sort((a, b) => a.t - b.t);
  if (dated.length === 0) return { points: [], domain: null, ticks: [] };
  const byT = new Map(dated.map((x) => [x.t, x.r]));
  const first = dated[0].t;
  const last = dated[dated.length - 1].t;
  const points: TimePoint[] = [];
  for (let t = first; t <= last; t++) {
    const r = byT.get(t);
    points.push(
      r
        ? { t, key: r.key, items: r.items, ratePct: r.overturnRate === null ? null : pct(r.overturnRate), band: r.overturnInterval ? [pct(r.overturnInterval.low), pct(r.overturnInterval.high)] : null, smallSample: r.smallSample }
        : { t, key: periodLabel(t, unit), items: 0, ratePct: null, band: null, smallSample: true },
    );
  }
  return { points, domain: [first, last], ticks: axisTicks(first, last, unit) };
}

/** Tick marks at calendar boundaries: every year (or every other one over 15); months by month, quarter or January as the span grows. */
export function axisTicks(first: number, last: number, unit: TimeUnit): number[] {
  const span = last - first;
  const step = unit === 'year' ? (span > 15 ? 2 : 1) : span <= 12 ? 1 : span <= 36 ? 3 : span <= 120 ? 12 : 24;
  const ticks: number[] = [];
  // Months: ticks fall on the calendar (January, April, …), not on the first data point.
  const start = unit === 'month' && step > 1 ? Math.ceil(first / step) * step : first;
  for (let t = start; t <= last; t += step) ticks.push(t);
  if (ticks.length === 0) ticks.push(first);
  return ticks;
}
