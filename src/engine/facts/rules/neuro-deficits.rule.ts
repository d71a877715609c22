import type { NeuroDeficitKind } from '../case-facts.js';
import { isNegated, negatedNormal } from '../negation.js';
import type { FactRule } from '../fact-rule.js';

/** A complaint, as opposed to an examination finding. */
const SUBJECTIVE_CUE = /\b(?:complain\w*|c\/o|reports?|reported|reporting|concerned|states?|stated|endorses?|endorsed|describes?|described|symptoms?|feels?|felt|notes? (?:that )?(?:she|he)|history of)\b/i;
const OBJECTIVE_CUE = /\b(?:exam\w*|objective\w*|physical|palpation|test(?:ing)?|positive|negative|sign|reflex\w*|dermatom\w*|[0-5][+-]?\/5|\d of 5|EMG|NCV|NCS|electrodiagnostic|MRI|revealed|demonstrat\w*|showed|sensation|motor strength|atrophy)\b/i;
const NEURO_NORMAL = /\b(?:intact|normal|symmetric(?:al)?|equal|2\+|5\/5|5 (?:out )?of 5|within normal limits|WNL|unremarkable|grossly intact|negative)\b/i;
const NEURO_POSITIVE = /\b(?:positive|\+|decreased|diminished|reduced|absent|abnormal|weak|[0-4][+-]?\/5|1\+|0\/4|trace|hypo|hyper|asymmetric|altered|impaired)\b/i;
/** An exam word that is a finding only with a qualifier ("reflexes are 1+", "sensation intact"). */
const BARE_EXAM = /^(?:sensation|(?:deep tendon\s+)?reflexes|DTRs?|motor strength|strength|straight[- ]leg[- ]rais\w*(?:\s+test)?|SLR|Spurling\S*(?:\s+\w+)?|Tinel\S*(?:\s+\w+)?|Phalen\S*(?:\s+\w+)?)$/i;

/**
 * Neurological deficits, each of its own kind: "denies numbness" negates numbness only, never the
 * other deficits. A normal word that is itself negated ("sensation is not intact") is an abnormal
 * finding: the deficit is present. Complaints are marked `subjective` (kind 'complaint').
 */
export const neuroDeficitsRule: FactRule = {
  fact: 'neuroDeficits',
  needs: ['neuro'],
  start(facts) {
    return {
      sentence(s) {
        const hits = s.hits('neuro');
        if (hits.length === 0) return;
        const st = s.text;
        const subjective = SUBJECTIVE_CUE.test(st) && !OBJECTIVE_CUE.test(st);
        for (const { m, kind } of hits) {
          const start = m.index;
          const end = start + m[0].length;
          const local = st.slice(Math.max(0, start - 25), Math.min(st.length, end + 30));
          let negated: boolean;
          if (negatedNormal(st.slice(end, Math.min(st.length, end + 40)))) negated = false;
          else {
            negated = isNegated(st, start, end);
            if (BARE_EXAM.test(m[0])) {
              if (NEURO_POSITIVE.test(local.replace(/\bnegative\b/gi, '')) && !negated && !/\bnegative\b/i.test(local)) negated = false;
              else if (NEURO_NORMAL.test(local) || negated) negated = true;
              else continue;
            }
          }
          facts.neuroDeficits.push({ kind: kind as NeuroDeficitKind, negated, evidence: s.ev(s.kindFor(subjective ? 'complaint' : 'exam')), subjective });
        }
      },
    };
  },
};
