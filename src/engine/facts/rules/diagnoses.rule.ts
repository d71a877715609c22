import { each, type FactRule } from '../fact-rule.js';
import { DIAGNOSIS_CUE } from '../features.js';

/** A list item's number or bullet ("1.", "2)", "-"). */
const LIST_MARKER = /^\s*(?:\d{1,2}[.)]\s*|[-*\u2022]\s*)?/;
/** A verb that makes a line prose, not a diagnosis as listed. */
const PROSE_VERB = /\b(?:is|are|was|were|has|have|had|will|would|should|may|can|recommend\w*|request\w*|continues?|reports?|denies)\b/i;

/** Diagnoses as listed after a cue ("Diagnoses include a, b, and c"), one fact per item. */
export const diagnosesRule: FactRule = {
  fact: 'diagnoses',
  needs: ['diagnosisCue', 'diagnosisSection'],
  start(facts) {
    return {
      sentence(s) {
        const st = s.text;
        const list = (from: number) => {
          let pos = from;
          for (const piece of st.slice(from).split(/,\s*(?:and\s+)?|;\s*|\s+and\s+(?=[A-Z])/)) {
            const trimmed = piece.replace(/^\s+|[\s.]+$/g, '');
            const at = st.indexOf(trimmed, pos);
            if (trimmed.length >= 3 && at >= 0 && !/^(?:the|a|an|with)$/i.test(trimmed)) {
              facts.diagnoses.push({ value: trimmed.replace(/\s+/g, ' '), evidence: s.span(at, at + trimmed.length, s.kindFor('diagnosis')) });
              pos = at + trimmed.length;
            }
          }
        };
        let cued = false;
        each(DIAGNOSIS_CUE, st, (m) => {
          cued = true;
          list(m.index + m[0].length);
        });
        // Under a "Diagnoses:" or "Assessment:" heading each line is a diagnosis as listed ("1. Right
        // shoulder impingement syndrome."), unless it is a sentence of prose (it has a verb).
        if (!cued && s.section === 'diagnosis' && s.kind === 'diagnosis' && st.length <= 120 && !PROSE_VERB.test(st)) list(LIST_MARKER.exec(st)![0].length);
      },
    };
  },
};
