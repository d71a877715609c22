import { each, type FactRule } from '../fact-rule.js';

const DIAGNOSIS_CUE =
  /\b(?:diagnos(?:ed|is|es)\s*(?:(?:have|has)\s+)?(?:been\s+)?(?:with|of|include[sd]?|are|were|is|was|as)?\s*:?|(?:working |final |current |discharge )?diagnos(?:is|es)\s*(?:(?:have|has) )?(?:include[sd]?|are|were|is|was)?\s*:?|assessment\s*:|impression\s*:|dx\s*:|treated for|suffer(?:s|ing)? from)\s*/gi;

/** Diagnoses as listed after a cue ("Diagnoses include a, b, and c"), one fact per item. */
export const diagnosesRule: FactRule = {
  fact: 'diagnoses',
  start(facts) {
    return {
      sentence(s) {
        const st = s.text;
        each(DIAGNOSIS_CUE, st, (m) => {
          const from = m.index + m[0].length;
          let pos = from;
          for (const piece of st.slice(from).split(/,\s*(?:and\s+)?|;\s*|\s+and\s+(?=[A-Z])/)) {
            const trimmed = piece.replace(/^\s+|[\s.]+$/g, '');
            const at = st.indexOf(trimmed, pos);
            if (trimmed.length >= 3 && at >= 0 && !/^(?:the|a|an|with)$/i.test(trimmed)) {
              facts.diagnoses.push({ value: trimmed.replace(/\s+/g, ' '), evidence: s.span(at, at + trimmed.length, s.kindFor('diagnosis')) });
              pos = at + trimmed.length;
            }
          }
        });
      },
    };
  },
};
