import type { GiRiskKind } from '../case-facts.js';
import { isNegated } from '../negation.js';
import type { FactRule } from '../fact-rule.js';

/**
 * GI risk factors for NSAID use (MTUS Chronic Pain, NSAIDs, GI symptoms & cardiovascular risk:
 * "(1) age > 65 years; (2) history of peptic ulcer, GI bleeding or perforation; (3) concurrent use
 * of ASA, corticosteroids, and/or an anticoagulant; or (4) high dose/multiple NSAID"). An NSAID and a
 * PPI on the same medication list is not one of them: the PPI is what is in dispute, and reading
 * its presence as the risk that justifies it would be circular. So 'nsaid_with_ppi' is never produced.
 */
export const giRisksRule: FactRule = {
  fact: 'giRisks',
  follows: 'MTUS Chronic Pain Medical Treatment Guidelines, NSAIDs, GI symptoms & cardiovascular risk',
  needs: ['gi'],
  start(facts) {
    return {
      sentence(s) {
        for (const { m, kind } of s.hits('gi')) facts.giRisks.push({ kind: kind as GiRiskKind, negated: isNegated(s.text, m.index, m.index + m[0].length), evidence: s.ev() });
      },
      finish() {
        if (facts.age && facts.age.value > 65) facts.giRisks.push({ kind: 'age_over_65', negated: false, evidence: facts.age.evidence });
        for (const m of facts.medications) {
          if (m.drugClass === 'corticosteroid' && !m.negated) facts.giRisks.push({ kind: 'corticosteroid', negated: false, evidence: m.evidence });
          if (m.generic === 'warfarin' || m.generic === 'clopidogrel') facts.giRisks.push({ kind: 'anticoagulant', negated: m.negated, evidence: m.evidence });
        }
      },
    };
  },
};
