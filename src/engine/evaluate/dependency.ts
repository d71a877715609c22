/**
 * Services that exist only because of a procedure, and how they depend on it. Pure.
 */
import type { NormalisedRequest } from '../request/normalised-request.js';
import type { CriterionContext, CriterionOutcome } from './criteria/criterion.js';
import { primaryProcedureCertified } from './criteria/findings.criteria.js';
import type { CriterionResult, ItemDecision, ReviewCode } from './types.js';

/**
 * The dependency rule, in one place. A service requested before, after or with a surgery (any
 * category: an opioid, a laxative, an antibiotic, a brace, home care, therapy) exists only because
 * of the procedure: ODG (Preoperative testing, general) holds such a service "needed only for a
 * surgery that is itself medically necessary", and the same holds after the surgery. Such a service
 * follows the procedure's draft when the procedure is in dispute in the same case, and otherwise
 * needs the record to show the procedure certified or performed (`procedureOutcome`).
 */
const DEPENDENT_CONTEXTS = new Set(['preoperative', 'postoperative', 'associated_surgical']);

/** Categories that, requested in the same case as a surgery, are that surgery's pre- or post-operative services. */
const PERIOPERATIVE_CATEGORIES = new Set(['surgical_assistant', 'postsurgical_therapy', 'lab', 'diagnostic_other']);

export function isDependent(req: NormalisedRequest, caseHasSurgery: boolean): boolean {
  if (req.category === 'surgery') return false;
  if (req.context !== null && DEPENDENT_CONTEXTS.has(req.context)) return true;
  // therapy after a surgery and an assistant at one exist only for that surgery, whatever the words around them
  if (req.category === 'postsurgical_therapy' || req.category === 'surgical_assistant') return true;
  return caseHasSurgery && PERIOPERATIVE_CATEGORIES.has(req.category);
}

/**
 * Whether a dependent service's procedure is certified: the case's procedure draft where it is in
 * dispute, else the record (performed, or certified or scheduled). The same criterion the
 * peri-operative topics cite, so a topic and the engine never read the procedure differently.
 */
export function procedureOutcome(ctx: CriterionContext): CriterionOutcome {
  return primaryProcedureCertified.evaluate({ requirePrimary: false }, ctx);
}

const PROCEDURE_UNCONFIRMED = {
  code: 'procedure_unconfirmed' as const,
  message: 'The service follows a procedure that is not in dispute, and the record does not show whether it was certified or performed; confirm its status before deciding the service.',
};

/**
 * The dependency flag: where the procedure is neither in dispute nor shown certified or performed, the
 * reviewer must confirm it, whatever the service's own criteria read. They cannot settle it: a topic
 * written for the service in general (chronic opioid use, constipation on opioids) does not speak of
 * the surgery, and a topic written for its peri-operative use reads the same silent record (an
 * antiemetic's post-operative indication is the very surgery the record does not show).
 */
export function procedureFlags(outcome: CriterionOutcome | null): { code: ReviewCode; message: string }[] {
  return outcome?.status === 'unknown' && outcome.unknownBecause === 'procedure' ? [PROCEDURE_UNCONFIRMED] : [];
}

/** Index of the case's primary procedure (the first surgery item other than `index`), or -1. */
export function primaryIndex(p: { requests: readonly NormalisedRequest[] }, index: number): number {
  return p.requests.findIndex((r, i) => i !== index && r.category === 'surgery');
}

/**
 * A service that follows a procedure is flagged when the procedure's draft is: `depends_on_flagged`
 * where the procedure has a rule-based reason, `probability` where only its probability flags it.
 */
export function dependencyFlags(primary: ItemDecision): { code: ReviewCode; message: string }[] {
  if (!primary.needsReviewer) return [];
  const ruleBased = primary.reviewCodes.some((c) => c !== 'probability');
  return [{ code: ruleBased ? 'depends_on_flagged' : 'probability', message: `It follows ${primary.request}, whose draft needs the reviewer's judgement.` }];
}

/** The id of the one criterion of a draft that follows its procedure's Upheld draft. */
const FOLLOWS_PROCEDURE = 'primary-procedure';

/**
 * The criterion and rationale of a dependent service that follows its procedure's Upheld draft: by
 * the dependency rule the service is not medically necessary when the procedure is not.
 */
export function followingProcedure(request: string, primary: ItemDecision): { criterion: CriterionResult; rationale: string } {
  return {
    criterion: {
      id: FOLLOWS_PROCEDURE,
      type: 'primaryProcedureCertified',
      statement: 'Services associated with a procedure are necessary only when the procedure is.',
      status: 'not_met',
      finding: `The primary procedure (${primary.request}) is not medically necessary.`,
      evidence: [],
      verified: true,
    },
    rationale: `The request is for ${request}, a service associated with ${primary.request}. As the primary procedure is not medically necessary, the associated service is not medically necessary either. Therefore, the request for ${request} is not medically necessary.`,
  };
}

/** True where the draft follows its procedure's Upheld draft (its probability is the procedure's, not the model's). */
export function followsProcedure(d: Pick<ItemDecision, 'dependsOn' | 'topicId' | 'criteria'>): boolean {
  return d.dependsOn !== null && d.topicId === null && d.criteria.length === 1 && d.criteria[0].id === FOLLOWS_PROCEDURE;
}

/**
 * The probability that a dependent service is overturned, by the dependency rule itself: a service
 * "needed only for a surgery that is itself medically necessary" (ODG, Preoperative testing, general)
 * can be found necessary only where its procedure is, so P(service overturned) <= P(procedure
 * overturned). Where the service follows the procedure's Upheld draft the two stand or fall together:
 * its probability is the procedure's (the model's reading of the draft, one failed criterion and no
 * topic, describes no reviewer's question). Where it is decided on its own criteria (the procedure's
 * draft leans Overturned), the model's probability for it, bounded by the procedure's. Without a
 * procedure in dispute in the case (`primary` null), the model's own.
 */
export function dependentProbability(own: number, primary: Pick<ItemDecision, 'pOverturn'> | null, follows: boolean): number {
  if (!primary) return own;
  return follows ? primary.pOverturn : Math.min(own, primary.pOverturn);
}

/**
 * The review outcome of a service that follows its procedure's Upheld draft: flagged exactly where
 * the procedure is (dependencyFlags), never on a probability of its own (it has none: it is the
 * procedure's, whose draft already carries that flag).
 */
export function followingReview(primary: ItemDecision): Pick<ItemDecision, 'decision' | 'needsReviewer' | 'reviewReason' | 'reviewCodes'> {
  const flags = dependencyFlags(primary);
  if (flags.length === 0) return { decision: 'Upheld', needsReviewer: false, reviewReason: null, reviewCodes: [] };
  return { decision: 'Upheld', needsReviewer: true, reviewReason: flags.map((f) => f.message).join(' '), reviewCodes: [...new Set(flags.map((f) => f.code))] };
}
