import { each, type FactRule } from '../fact-rule.js';
import { isNegated } from '../negation.js';
import { NEURO_OVERALL as OVERALL } from '../features.js';

/** One side or limb named: the statement is about that side, not the whole examination. */
/** Where the clause the statement sits in begins or ends. */
const CLAUSE_BREAK = /[;:.]|\b(?:but|whereas|while|however)\b/i;
const ONE_SIDE = /\b(?:right|left|contralateral|uninvolved|unaffected|non-?affected|opposite)\b/i;
/**
 * "No new neurological deficits", "no progressive neurological findings": a statement about change since an
 * earlier examination (ODG: repeat imaging for "a significant change in symptoms and/or findings"), not that the
 * examination is normal; a deficit found before may stand.
 */
const CHANGE_WORD = /\b(?:new|new-?onset|progressive|progressing|additional|further|interval|worsening|worsened|increasing|recent|acute)\s+(?:focal\s+)?$/i;

/** A limb named: the statement is about that limb, which may not be the region in dispute. */
const ONE_LIMB = /\b(?:upper|lower) extremit\w*|\b(?:arms?|legs?|hands?|feet|foot)\b/i;
/** The three parts of a screening neurological examination, each found normal in one statement. */
const SCREEN_KINDS = ['sensory_deficit', 'reflex_change', 'weakness'] as const;
const OBJECTIVE_SIGNS = new Set(['sensory_deficit', 'reflex_change', 'weakness', 'straight_leg_raise', 'spurling', 'atrophy', 'radiculopathy']);

/**
 * Statements about the neurological examination as a whole ("neurologically intact", "no focal
 * neurological deficits"). Only these state every deficit absent; one denied symptom does not.
 */
export const neuroExamOverallRule: FactRule = {
  fact: 'neuroExamOverall',
  // 'neuro': a statement that finds sensation, reflexes and strength all normal is one too
  needs: ['neuroOverall', 'neuro'],
  start(facts) {
    return {
      sentence(s) {
        // "Strength 5/5, reflexes 2+ and symmetric, sensation intact": sensation, reflexes and strength all
        // found normal, and no sign found abnormal, in one statement of the whole examination (no side or limb
        // named) states that there is no objective neurological deficit (ACOEM 2004 Ch. 12 p. 303: the
        // neurologic examination). One sign found normal alone does not ("sensation intact" says nothing of the
        // reflexes). The neuro-deficits rule has read this sentence already (it runs first).
        const own = facts.neuroDeficits.filter((d) => d.evidence.source === s.source.name && d.evidence.start >= s.start && d.evidence.end <= s.end && d.subjective !== true);
        if (
          own.length > 0 &&
          !own.some((d) => !d.negated && OBJECTIVE_SIGNS.has(d.kind)) &&
          SCREEN_KINDS.every((k) => own.some((d) => d.negated && d.kind === k)) &&
          !ONE_SIDE.test(s.text) &&
          !ONE_LIMB.test(s.text)
        ) {
          facts.neuroExamOverall.push({ kind: 'neurological_deficit', negated: true, evidence: s.ev(s.kindFor('exam')) });
          return;
        }
        each(OVERALL, s.text, (m) => {
          const phrase = m[0];
          // "The right lower extremity is neurologically intact" speaks of one side only: the other
          // side's deficits stand (ACOEM asks for the deficit on the symptomatic side).
          const before = s.text.slice(Math.max(0, m.index - 60), m.index).split(CLAUSE_BREAK).pop()!;
          const after = s.text.slice(m.index + phrase.length, m.index + phrase.length + 30).split(CLAUSE_BREAK)[0];
          if (ONE_SIDE.test(before) || ONE_SIDE.test(after)) return;
          if (CHANGE_WORD.test(before)) return;
          const normal = /\b(?:intact|normal|unremarkable|within normal limits|non-?focal)\b/i.test(phrase) && !/\babnormal/i.test(phrase);
          const negated = normal || isNegated(s.text, m.index, m.index + phrase.length);
          facts.neuroExamOverall.push({ kind: 'neurological_deficit', negated, evidence: s.ev(s.kindFor('exam')) });
        });
      },
    };
  },
};
