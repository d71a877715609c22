import type { ExamFindingKind } from '../case-facts.js';
import { isNegated, negatedNormal } from '../negation.js';
import type { FactRule } from '../fact-rule.js';

const ROM_RESTRICTED = /\b(?:restricted|decreased|diminished|reduced|limited|painful|loss|limitation|guarded|\d+\s*degrees|stiff\w*)\b/i;
const ROM_NORMAL = /\b(?:full|normal|within normal limits|WNL|intact|unrestricted|good)\b/i;

/** Objective examination findings (restricted motion, tenderness, swelling, instability, guarding) and their normal form. */
export const examFindingsRule: FactRule = {
  fact: 'examFindings',
  needs: ['exam'],
  start(facts) {
    return {
      sentence(s) {
        const hits = s.hits('exam');
        if (hits.length === 0 || s.planOnly || s.guidelineText) return;
        const st = s.text;
        for (const { m, kind } of hits) {
          const start = m.index;
          const end = start + m[0].length;
          let negated = isNegated(st, start, end) || /^non-?tender$/i.test(m[0]);
          if (kind === 'restricted_range_of_motion' && /^(?:range of motion|ROM)$/i.test(m[0])) {
            // a bare "range of motion" is a finding only with a qualifier: "full range of motion", "ROM limited"
            const local = st.slice(Math.max(0, start - 25), Math.min(st.length, end + 35));
            if (negatedNormal(st.slice(end, end + 35))) negated = false;
            else if (ROM_RESTRICTED.test(local) && !negated) negated = false;
            else if (ROM_NORMAL.test(local) || negated) negated = true;
            else continue;
          }
          facts.examFindings.push({ kind: kind as ExamFindingKind, negated, evidence: s.ev(s.kindFor('exam')) });
        }
      },
    };
  },
};
