import { each, type FactRule } from '../fact-rule.js';
import { isNegated } from '../negation.js';
import { NEURO_OVERALL as OVERALL } from '../features.js';

/** One side or limb named: the statement is about that side, not the whole examination. */
/** Where the clause the statement sits in begins or ends. */
const CLAUSE_BREAK = /[;:.]|\b(?:but|whereas|while|however)\b/i;
const ONE_SIDE = /\b(?:right|left|contralateral|uninvolved|unaffected|non-?affected|opposite)\b/i;

/**
 * Statements about the neurological examination as a whole ("neurologically intact", "no focal
 * neurological deficits"). Only these state every deficit absent; one denied symptom does not.
 */
export const neuroExamOverallRule: FactRule = {
  fact: 'neuroExamOverall',
  needs: ['neuroOverall'],
  start(facts) {
    return {
      sentence(s) {
        each(OVERALL, s.text, (m) => {
          const phrase = m[0];
          // "The right lower extremity is neurologically intact" speaks of one side only: the other
          // side's deficits stand (ACOEM asks for the deficit on the symptomatic side).
          const before = s.text.slice(Math.max(0, m.index - 60), m.index).split(CLAUSE_BREAK).pop()!;
          const after = s.text.slice(m.index + phrase.length, m.index + phrase.length + 30).split(CLAUSE_BREAK)[0];
          if (ONE_SIDE.test(before) || ONE_SIDE.test(after)) return;
          const normal = /\b(?:intact|normal|unremarkable|within normal limits|non-?focal)\b/i.test(phrase) && !/\babnormal/i.test(phrase);
          const negated = normal || isNegated(s.text, m.index, m.index + phrase.length);
          facts.neuroExamOverall.push({ kind: 'neurological_deficit', negated, evidence: s.ev(s.kindFor('exam')) });
        });
      },
    };
  },
};
