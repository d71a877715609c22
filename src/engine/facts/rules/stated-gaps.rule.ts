import type { FactRule } from '../fact-rule.js';

/**
 * Documentation gaps stated in the text ("no documentation of X", "insufficient documentation of
 * X", "the records do not reveal X", "X was not provided"): a finding about the record, whatever X is.
 */
export const statedGapsRule: FactRule = {
  fact: 'statedGaps',
  // findStatedGaps finds none without one of its words (GAP_HINT)
  needs: ['gapHint'],
  start(facts) {
    return {
      sentence(s) {
        if (s.guidelineText && s.kind === 'administrative') return;
        for (const g of s.gaps) facts.statedGaps.push({ about: g.about, evidence: s.ev() });
      },
    };
  },
};
