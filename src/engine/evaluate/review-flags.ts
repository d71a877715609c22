import type { Decision } from '../../letters/model.js';
import type { CalibrationModel } from '../calibration/model.js';
import type { ItemDecision, ReviewCode } from './types.js';

/**
 * The three outcomes: a draft the reviewer confirms (Upheld or Overturned), or one that needs the
 * reviewer's judgement. Rule-based reasons always flag; the calibrated probability flags a lean that
 * published reviewers often decide the other way (thresholds from calibration.json).
 */
export function reviewOutcome(
  model: CalibrationModel,
  ruleDecision: Decision,
  pOverturn: number,
  ruleFlags: { code: ReviewCode; message: string }[],
  /** The lower bound of pOverturn (overturnLowerBound); pOverturn where none is known. */
  pLow: number = pOverturn,
): Pick<ItemDecision, 'decision' | 'needsReviewer' | 'reviewReason' | 'reviewCodes'> {
  const flags = [...ruleFlags];
  const t = model.thresholds;
  let decision: Decision = ruleDecision;
  if (ruleDecision === 'Overturned' && pOverturn < OVERTURN_AT) {
    // The criteria read as met, yet comparable requests were mostly upheld: the lean is the more
    // likely outcome, and the reviewer must confirm what the criteria read.
    decision = 'Upheld';
    flags.push({ code: 'probability', message: `The criteria read as met, but published reviewers overturned only about ${pct(pOverturn)} of comparable requests; confirm that the record documents each criterion.` });
  } else if (ruleDecision === 'Overturned' && pLow < OVERTURN_AT) {
    // The best estimate favours overturn, but the fit is not sure of it (too few comparable letters):
    // the draft stays with the UR decision until the reviewer confirms the criteria.
    decision = 'Upheld';
    flags.push({ code: 'probability', message: `The criteria read as met, and published reviewers overturned about ${pct(pOverturn)} of comparable requests, but too few of them to be sure that overturn is more likely than not (it may be as low as ${pct(pLow)}); confirm that the record documents each criterion.` });
  } else if (ruleDecision === 'Overturned' && pOverturn < t.flagOverturnedBelow)
    flags.push({ code: 'probability', message: `The criteria read as met, and published reviewers overturned about ${pct(pOverturn)} of comparable requests; confirm the evidence.` });
  else if (ruleDecision === 'Upheld' && pOverturn >= t.flagUpheldAbove)
    flags.push({ code: 'probability', message: `Published reviewers overturned about ${pct(pOverturn)} of comparable requests; the record may support this one.` });
  if (flags.length === 0) return { decision, needsReviewer: false, reviewReason: null, reviewCodes: [] };
  return { decision, needsReviewer: true, reviewReason: flags.map((f) => f.message).join(' '), reviewCodes: [...new Set(flags.map((f) => f.code))] };
}

/** The lean is Overturned only where overturn is at least as likely as not, at the lower bound of its probability. */
const OVERTURN_AT = 0.5;

function pct(p: number): string {
  return `${Math.round(p * 100)}%`;
}
