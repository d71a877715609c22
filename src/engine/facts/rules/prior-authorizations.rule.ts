import { isNegated } from '../negation.js';
import type { FactRule } from '../fact-rule.js';
import { nearestTerm } from '../treatment-kinds.js';

/**
 * Prior authorizations: "previously approved/certified/authorized", "already authorized",
 * "duplicate request", "prior authorization". Kind 'review' where the sentence is the claims
 * administrator's or reviewer's, else 'history'.
 */
export const priorAuthorizationsRule: FactRule = {
  fact: 'priorAuthorizations',
  needs: ['priorAuth'],
  start(facts) {
    return {
      sentence(s) {
        const hits = s.hits('priorAuth');
        if (hits.length === 0 || s.guidelineText) return;
        const m = hits[0].m;
        const ref = nearestTerm(s.terms, m.index, 160);
        const negated = isNegated(s.text, m.index, m.index + m[0].length, { post: false });
        facts.priorAuthorizations.push({ category: ref?.category ?? null, negated, evidence: s.ev(s.kind === 'review' ? 'review' : 'history') });
      },
    };
  },
};
