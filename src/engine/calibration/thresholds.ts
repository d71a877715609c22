import type { Decision } from '../../letters/model.js';

/**
 * The flag thresholds, chosen on out-of-fold probabilities (never on the fitting set's own fit).
 *
 * Rule (README-ready): a draft goes to the reviewer as drafted (unflagged) unless a rule flags it,
 * or it leans Upheld with pOverturn >= flagUpheldAbove, or it leans Overturned with pOverturn <
 * flagOverturnedBelow. Among all threshold pairs that leave at least 75% of the items unflagged, the
 * pair chosen
 *   1. leaves the fewest wrong unflagged drafts (so the unflagged drafts are right as often as the
 *      flag budget allows),
 *   2. then misses the fewest Overturned items (an Overturned item is caught when drafted Overturned
 *      or flagged),
 *   3. then flags the fewest items,
 *   4. then has the highest flagUpheldAbove and the lowest flagOverturnedBelow.
 * Thresholds sit midway between neighbouring probabilities, so an item at the threshold is not an
 * accident of rounding. Where rules alone flag more than 25% of the items, no probability flag is
 * added (flagUpheldAbove 1, flagOverturnedBelow 0).
 */

export interface ThresholdItem {
  pOverturn: number;
  /** The rules' decision. */
  lean: Decision;
  /** A rule-based review code already flags the draft. */
  ruleFlagged: boolean;
  /** The published decision was Overturned. */
  overturned: boolean;
}

export interface Thresholds {
  flagUpheldAbove: number;
  flagOverturnedBelow: number;
}

export interface ThresholdOutcome extends Thresholds {
  unflagged: number;
  wrongUnflagged: number;
  missedOverturned: number;
}

export const MIN_UNFLAGGED_SHARE = 0.75;

/** Candidate cut points: 1 (flag none) and the midpoints below each distinct value, highest first. */
function cutsUpheld(ps: number[]): number[] {
  const v = [...new Set(ps)].sort((a, b) => b - a);
  return [1, ...v.map((x, k) => (k + 1 < v.length ? (x + v[k + 1]) / 2 : x / 2))];
}

/** Candidate cut points: 0 (flag none) and the midpoints above each distinct value, lowest first. */
function cutsOverturned(ps: number[]): number[] {
  const v = [...new Set(ps)].sort((a, b) => a - b);
  return [0, ...v.map((x, k) => (k + 1 < v.length ? (x + v[k + 1]) / 2 : (x + 1) / 2))];
}

/** The outcome of a pair of thresholds on the items. */
export function thresholdOutcome(items: readonly ThresholdItem[], t: Thresholds): ThresholdOutcome {
  let unflagged = 0;
  let wrongUnflagged = 0;
  let missedOverturned = 0;
  for (const i of items) {
    const flagged = i.ruleFlagged || (i.lean === 'Upheld' ? i.pOverturn >= t.flagUpheldAbove : i.pOverturn < t.flagOverturnedBelow);
    if (flagged) continue;
    unflagged++;
    if ((i.lean === 'Overturned') !== i.overturned) wrongUnflagged++;
    if (i.lean === 'Upheld' && i.overturned) missedOverturned++;
  }
  return { ...t, unflagged, wrongUnflagged, missedOverturned };
}

function better(a: ThresholdOutcome, b: ThresholdOutcome): boolean {
  if (a.wrongUnflagged !== b.wrongUnflagged) return a.wrongUnflagged < b.wrongUnflagged;
  if (a.missedOverturned !== b.missedOverturned) return a.missedOverturned < b.missedOverturned;
  if (a.unflagged !== b.unflagged) return a.unflagged > b.unflagged;
  if (a.flagUpheldAbove !== b.flagUpheldAbove) return a.flagUpheldAbove > b.flagUpheldAbove;
  return a.flagOverturnedBelow < b.flagOverturnedBelow;
}

/** The thresholds by the rule above. Counts per cut come from prefix sums, so pairs cost O(1) each. */
export function chooseThresholds(items: readonly ThresholdItem[], minUnflaggedShare = MIN_UNFLAGGED_SHARE): ThresholdOutcome {
  const open = items.filter((i) => !i.ruleFlagged);
  const up = open.filter((i) => i.lean === 'Upheld').sort((a, b) => b.pOverturn - a.pOverturn);
  const ov = open.filter((i) => i.lean === 'Overturned').sort((a, b) => a.pOverturn - b.pOverturn);
  const minUnflagged = Math.ceil(minUnflaggedShare * items.length - 1e-9);
  // Cuts run from flagging none to flagging all, so the counts grow as k walks once along each list.
  // For each Upheld cut: how many Upheld-lean items it flags (the top ones) and how many of those were Overturned.
  let k = 0;
  let overturnedFlagged = 0;
  const upCuts = cutsUpheld(up.map((i) => i.pOverturn)).map((cut) => {
    while (k < up.length && up[k].pOverturn >= cut) overturnedFlagged += up[k++].overturned ? 1 : 0;
    return { cut, flagged: k, overturnedFlagged };
  });
  let upheldFlagged = 0;
  k = 0;
  const ovCuts = cutsOverturned(ov.map((i) => i.pOverturn)).map((cut) => {
    while (k < ov.length && ov[k].pOverturn < cut) upheldFlagged += ov[k++].overturned ? 0 : 1;
    return { cut, flagged: k, upheldFlagged };
  });
  const upOverturned = up.filter((i) => i.overturned).length;
  const ovUpheld = ov.filter((i) => !i.overturned).length;
  let best: ThresholdOutcome | null = null;
  for (const u of upCuts) {
    for (const o of ovCuts) {
      const unflagged = open.length - u.flagged - o.flagged;
      if (unflagged < minUnflagged) continue;
      const missed = upOverturned - u.overturnedFlagged;
      const cand: ThresholdOutcome = { flagUpheldAbove: u.cut, flagOverturnedBelow: o.cut, unflagged, missedOverturned: missed, wrongUnflagged: missed + ovUpheld - o.upheldFlagged };
      if (best === null || better(cand, best)) best = cand;
    }
  }
  return best ?? thresholdOutcome(items, { flagUpheldAbove: 1, flagOverturnedBelow: 0 });
}
