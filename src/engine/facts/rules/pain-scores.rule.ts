import type { FactRule } from '../fact-rule.js';

const PAIN_WITH = /^[^.;]{0,30}?\bwith(?:out)?\b\s+(?:the\s+)?(?:use of\s+)?(?:pain\s+)?medications?\b/i;
const PAIN_WITH_BEFORE = /\bwith(?:out)?\s+(?:the\s+)?(?:use of\s+)?(?:pain\s+)?medications?\b[^.;]{0,30}$/i;

/** Pain scores ("8/10 without medications", "VAS 6"), quoted as the score itself. */
export const painScoresRule: FactRule = {
  fact: 'painScores',
  needs: ['pain'],
  start(facts) {
    return {
      sentence(s) {
        const st = s.text;
        for (const { m } of s.hits('pain')) {
          const score = Number(m[1] ?? m[2]);
          if (!(score >= 0 && score <= 10)) continue;
          const w = PAIN_WITH.exec(st.slice(m.index + m[0].length)) ?? PAIN_WITH_BEFORE.exec(st.slice(Math.max(0, m.index - 40), m.index));
          const qualifier = w ? (/without/i.test(w[0]) ? 'without_medication' : 'with_medication') : null;
          facts.painScores.push({ score, scale: 10, qualifier, evidence: s.span(m.index, m.index + m[0].length, s.kindFor('complaint')) });
        }
      },
    };
  },
};
