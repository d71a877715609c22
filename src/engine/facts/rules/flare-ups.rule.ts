import { isNegated } from '../negation.js';
import type { FactRule } from '../fact-rule.js';

/** Flare-ups, exacerbations, re-injury. */
export const flareUpsRule: FactRule = {
  fact: 'flareUps',
  needs: ['flare'],
  start(facts) {
    return {
      sentence(s) {
        for (const { m } of s.hits('flare')) facts.flareUps.push({ kind: 'flare_up', negated: isNegated(s.text, m.index, m.index + m[0].length), evidence: s.ev(s.kindFor('complaint')) });
      },
    };
  },
};
