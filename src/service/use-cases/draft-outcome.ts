/**
 * How a draft's outcome is said, the same in `imr decide` and the web workbench (which imports
 * this file). Pure: no I/O.
 */
export type DraftOutcome = 'Upheld' | 'Overturned' | 'NeedsReviewer';

/** Upheld, Overturned, or, where the engine flagged the item, the reviewer's judgement. */
export function draftOutcome(d: { decision: 'Upheld' | 'Overturned'; needsReviewer: boolean }): DraftOutcome {
  return d.needsReviewer ? 'NeedsReviewer' : d.decision;
}

/** "Upheld", "Overturned" or "Needs your judgement". */
export function outcomeLabel(d: { decision: 'Upheld' | 'Overturned'; needsReviewer: boolean }): string {
  return d.needsReviewer ? 'Needs your judgement' : d.decision;
}

/** The calibrated probability of overturn as a sentence, or null when the draft has none. */
export function overturnSentence(pOverturn: number | null): string | null {
  if (pOverturn === null || !Number.isFinite(pOverturn)) return null;
  const pct = Math.round(pOverturn * 100);
  const about = pct <= 0 ? 'fewer than 1%' : pct >= 100 ? 'more than 99%' : `about ${pct}%`;
  return `Published reviewers overturned ${about} of comparable requests.`;
}
