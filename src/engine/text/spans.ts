/** A stretch of a text: [start, end). */
export interface Span {
  start: number;
  end: number;
}

/** Keeps, among overlapping spans, the longest (then by `tieBreak`, then the earliest, then the first listed). */
export function dropOverlaps<T extends Span>(spans: T[], tieBreak?: (a: T, b: T) => number): T[] {
  // the common case: already in order and apart, all kept
  let apart = true;
  for (let i = 0; i < spans.length && apart; i++) apart = spans[i].end > spans[i].start && (i === 0 || spans[i - 1].end <= spans[i].start);
  if (apart) return spans.slice();
  const sorted = spans
    .map((s, i) => ({ s, i }))
    .sort((a, b) => b.s.end - b.s.start - (a.s.end - a.s.start) || (tieBreak ? tieBreak(a.s, b.s) : 0) || a.s.start - b.s.start || a.i - b.i);
  const kept: T[] = [];
  for (const { s } of sorted) {
    if (kept.every((k) => s.end <= k.start || s.start >= k.end)) kept.push(s);
  }
  return kept.sort((a, b) => a.start - b.start);
}
