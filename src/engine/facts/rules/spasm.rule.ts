import { isNegated } from '../negation.js';
import type { FactRule } from '../fact-rule.js';

/** Muscle spasm and its stated absence ("no spasm"). */
export const spasmRule: FactRule = {
  fact: 'spasm',
  needs: ['spasm'],
  start(facts) {
    return {
      sentence(s) {
        for (const { m } of s.hits('spasm')) facts.spasm.push({ kind: 'spasm', negated: isNegated(s.text, m.index, m.index + m[0].length), evidence: s.ev(s.kindFor('exam')) });
      },
    };
  },
};
