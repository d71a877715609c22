import { monthsBetween } from '../dates.js';
import { each, type FactRule } from '../fact-rule.js';

const INJURY_CUE = /\b(?:date of (?:industrial )?injury|DOI|occupational claim|claim|injur(?:ed|y|ies)(?! (?:worker|employee|patient|party))|accident|industrial(?:ly)?(?! (?:medicine))|cumulative trauma|fell|slipped|tripped|work[- ]related)\b/gi;

/**
 * The injury date (a date shortly after an injury cue), the months since it to asOf, and the
 * chronicity: < 1 month acute, 1–3 months subacute, > 3 months chronic.
 */
export const injuryDateRule: FactRule = {
  fact: 'injuryDate, monthsSinceInjury, chronicity',
  needs: ['date'],
  start(facts) {
    return {
      sentence(s) {
        if (facts.injuryDate || s.dates.length === 0) return;
        const st = s.text;
        each(INJURY_CUE, st, (cue) => {
          if (facts.injuryDate) return;
          const cueEnd = cue.index + cue[0].length;
          const d = s.dates.find((x) => x.start >= cueEnd && x.start - cueEnd <= 40 && !/[.;]/.test(st.slice(cueEnd, x.start))) ?? null;
          if (d) facts.injuryDate = { value: d.value, evidence: s.span(cue.index, d.end) };
        });
      },
      finish() {
        if (!facts.injuryDate || !facts.asOf) return;
        const months = monthsBetween(facts.injuryDate.value, facts.asOf);
        if (months !== null && months >= 0) {
          facts.monthsSinceInjury = months;
          facts.chronicity = months < 1 ? 'acute' : months <= 3 ? 'subacute' : 'chronic';
        }
      },
    };
  },
};
