import { each, type FactRule } from '../fact-rule.js';
import { isNegated } from '../negation.js';

const OVERALL =
  /\bneurologic(?:al)?ly (?:intact|normal|unremarkable)\b|\bneuro(?:logic(?:al)?)? (?:exam(?:ination)?|findings) (?:(?:was|were|is|are) )?(?:(?:grossly|entirely|completely) )?(?:intact|normal|unremarkable|within normal limits|non-?focal|abnormal)\b|\b(?:focal )?neurologic(?:al)? (?:deficits?|findings|abnormalit(?:y|ies))\b/gi;

/**
 * Statements about the neurological examination as a whole ("neurologically intact", "no focal
 * neurological deficits"). Only these state every deficit absent; one denied symptom does not.
 */
export const neuroExamOverallRule: FactRule = {
  fact: 'neuroExamOverall',
  start(facts) {
    return {
      sentence(s) {
        each(OVERALL, s.text, (m) => {
          const phrase = m[0];
          const normal = /\b(?:intact|normal|unremarkable|within normal limits|non-?focal)\b/i.test(phrase) && !/\babnormal/i.test(phrase);
          const negated = normal || isNegated(s.text, m.index, m.index + phrase.length);
          facts.neuroExamOverall.push({ kind: 'neurological_deficit', negated, evidence: s.ev(s.kindFor('exam')) });
        });
      },
    };
  },
};
