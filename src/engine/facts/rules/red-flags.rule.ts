import type { RedFlagKind } from '../case-facts.js';
import { isNegated } from '../negation.js';
import type { FactRule } from '../fact-rule.js';

/** Red flags (cauda equina, bowel/bladder, fracture, tumour, infection...) and their denial. */
export const redFlagsRule: FactRule = {
  fact: 'redFlags',
  needs: ['red'],
  start(facts) {
    return {
      sentence(s) {
        for (const { m, kind } of s.hits('red')) facts.redFlags.push({ kind: kind as RedFlagKind, negated: isNegated(s.text, m.index, m.index + m[0].length), evidence: s.ev() });
      },
    };
  },
};
