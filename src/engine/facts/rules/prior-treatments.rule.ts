import type { TreatmentCategory } from '../../request/normalised-request.js';
import type { TermMatch } from '../../request/matchers.js';
import { NUM, parseNumber } from '../../request/numbers.js';
import { isNegated } from '../negation.js';
import { each, type FactRule } from '../fact-rule.js';
import { TREATMENT_KINDS } from '../treatment-kinds.js';

const SESSION_COUNT = new RegExp(
  `(?<![\\w.#/])(${NUM})(?:\\s*\\((\\d+)\\))?\\s+(?:(?:prior|previous|completed|authorized|approved|additional|more|recent|total|[a-z][a-z/-]*)\\s+){0,4}?(?:sessions?|visits?|treatments?|appointments?)\\b|(?:sessions?|visits?|treatments?)\\s+(?:of\\s+\\w+(?:\\s+\\w+)?\\s+)?(?:x|times|#)\\s*(\\d+)|\\b(?:total of|a total of)\\s+(${NUM})\\b`,
  'gi',
);

/** An outcome word just before the treatment ("improvement with", "relief from"): what a negation before it denies. */
const OUTCOME_BEFORE = /\b(?:improvement|relief|benefit|help|change|response|success|gains?|progress)\s+(?:with|from|after|following|of|to|since)\s+(?:(?:the|his|her|their|prior|previous|any)\s+)*$/i;

/**
 * Treatments received (not planned, requested or reviewed), with the sessions completed where a
 * count is stated. A device or treatment in a treatment-to-date or history list is care received:
 * evidence of kind 'history', never a present need.
 */
export const priorTreatmentsRule: FactRule = {
  fact: 'priorTreatments',
  needs: ['treatment'],
  start(facts) {
    return {
      sentence(s) {
        if (s.planOnly) return;
        const st = s.text;
        const treat = s.terms.filter((x) => TREATMENT_KINDS.has(x.category) && x.category !== 'surgery');
        if (treat.length === 0) return;
        const counts: { n: number; start: number; end: number }[] = [];
        each(SESSION_COUNT, st, (m) => {
          const n = parseNumber(m[2]) ?? parseNumber(m[1]) ?? parseNumber(m[3]) ?? parseNumber(m[4]);
          if (n !== null && n > 0 && n < 200) counts.push({ n, start: m.index, end: m.index + m[0].length });
        });
        // each count belongs to one treatment: the most specific term it spans ("6 chiropractic
        // therapy visits"), else the nearest term after it ("6 sessions of PT"), else before it ("PT x 6")
        const countOf = new Map<TreatmentCategory, number>();
        for (const k of counts) {
          let owner: TermMatch | null = null;
          for (const t of treat) if (t.start < k.end && t.end > k.start && (!owner || t.priority > owner.priority)) owner = t;
          const after = (joined: RegExp) => {
            let best: TermMatch | null = null;
            for (const t of treat) {
              if (t.start < k.end || t.start - k.end > 40) continue;
              if (joined.test(st.slice(k.end, t.start)) && (!best || t.start < best.start)) best = t;
            }
            return best;
          };
          const before = () => {
            let best: TermMatch | null = null;
            for (const t of treat) {
              if (t.end > k.start || k.start - t.end > 40) continue;
              if (/^[^,;.]*$/.test(st.slice(t.end, k.start)) && (!best || t.end > best.end)) best = t;
            }
            return best;
          };
          owner ??= after(/^\s*(?:of|in|with)\s+(?:the\s+|prior\s+|previous\s+)?$/i) ?? before() ?? after(/^[^,;.]*$/);
          if (owner && !countOf.has(owner.category)) countOf.set(owner.category, k.n);
        }
        const kind = s.kindFor('history');
        const seen = new Set<TreatmentCategory>();
        for (const t of treat) {
          if (seen.has(t.category)) continue;
          // "chiropractic therapy visits": the generic "therapy visits" is the same treatment
          if (t.priority < 85 && /^(?:therapy|physiotherapy)\b/i.test(t.text) && treat.some((o) => o !== t && o.end <= t.start && t.start - o.end <= 25)) continue;
          seen.add(t.category);
          // "denies any improvement with physical therapy": the outcome is negated, the care was given.
          const negated = isNegated(st, t.start, t.end, { post: false, window: 3 }) && !OUTCOME_BEFORE.test(st.slice(Math.max(0, t.start - 40), t.start));
          facts.priorTreatments.push({ category: t.category, sessions: countOf.get(t.category) ?? null, negated, evidence: s.ev(kind) });
        }
      },
    };
  },
};
