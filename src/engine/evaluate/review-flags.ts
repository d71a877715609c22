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
  lean: Decision,
  pOverturn: number,
  ruleFlags: { code: ReviewCode; message: string }[],
): Pick<ItemDecision, 'needsReviewer' | 'reviewReason' | 'reviewCodes'> {
  const flags = [...ruleFlags];
  const t = model.thresholds;
  if (lean === 'Upheld' && pOverturn >= t.flagUpheldAbove)
    flags.push({ code: 'probability', message: `Published reviewers overturned about ${pct(pOverturn)} of comparable requests; the record may support it.` });
  else if (lean === 'Overturned' && pOverturn < t.flagOverturnedBelow)
    flags.push({ code: 'probability', message: `The criteria read as met, but published reviewers overturned only about ${pct(pOverturn)} of comparable requests; check the evidence.` });
  if (flags.length === 0) return { needsReviewer: false, reviewReason: null, reviewCodes: [] };
  return { needsReviewer: true, reviewReason: flags.map((f) => f.message).join(' '), reviewCodes: [...new Set(flags.map((f) => f.code))] };
}

function pct(p: number): string {
  return `${Math.round(p * 100)}%`;
}
