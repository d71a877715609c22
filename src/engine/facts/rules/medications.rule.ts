import type { MedicationFact } from '../case-facts.js';
import { NUM, parseNumber } from '../../request/numbers.js';
import { isMedicationCategory } from '../../request/normalise-request.js';
import { monthsBetween } from '../dates.js';
import { isNegated } from '../negation.js';
import type { FactRule } from '../fact-rule.js';

const SINCE = /\bsince\s+(?:at least\s+)?(?:(?:early|late|mid)[- ])?/i;
const FOR_DURATION = new RegExp(`\\b(?:for|over|x)\\s+(?:the\\s+(?:past|last)\\s+)?(?:about\\s+|approximately\\s+|over\\s+|more than\\s+|at least\\s+)?(${NUM}|an?)\\s+(days?|weeks?|months?|years?)\\b`, 'i');
const MED_STOPPED = /\b(?:discontinued|stopped|no longer|weaned|ceased|quit|held|denies (?:taking|using)|not taking|allergic|allergy|intolerant|intolerance)\b/i;

/**
 * Medications in use (each drug once: first mention, since when, for how long, first noted date);
 * a medication is also a prior treatment of its class. A plan-only sentence is not use.
 */
export const medicationsRule: FactRule = {
  fact: 'medications',
  start(facts) {
    const index = new Map<string, number>();
    return {
      sentence(s) {
        if (s.planOnly || s.drugs.length === 0) return;
        const st = s.text;
        const kind = s.kindFor('history');
        for (const d of s.drugs) {
          const e = d.entry;
          const negated = MED_STOPPED.test(st) || isNegated(st, d.start, d.end, { post: false });
          let since: string | null = null;
          let durationMonths: number | null = null;
          const after = st.slice(d.end, d.end + 120);
          const sm = SINCE.exec(after);
          if (sm) {
            const sinceAt = d.end + sm.index + sm[0].length;
            since = s.dates.find((x) => x.start >= sinceAt && x.start - sinceAt <= 3)?.value ?? null;
          }
          if (!since) {
            const sm2 = /\bsince\s+(?:at least\s+)?/i.exec(st.slice(0, d.start));
            if (sm2) since = s.dates.find((x) => x.start === sm2.index + sm2[0].length)?.value ?? null;
          }
          const fm = FOR_DURATION.exec(after);
          if (fm) {
            const n = /^an?$/i.test(fm[1]) ? 1 : parseNumber(fm[1]);
            const unit = fm[2].toLowerCase();
            if (n !== null) durationMonths = unit.startsWith('year') ? n * 12 : unit.startsWith('month') ? n : unit.startsWith('week') ? Math.round((n * 7) / 30.4) : Math.round(n / 30.4);
          }
          const before = s.dates.filter((x) => x.precision === 'day' && x.end <= d.start);
          const firstNotedDate = before.length > 0 ? before[before.length - 1].value : (s.dates.find((x) => x.precision === 'day')?.value ?? s.previousDate);
          const med: MedicationFact = { generic: e.generic, brand: d.isBrand ? d.text : null, drugClass: e.cls, since, durationMonths, firstNotedDate, monthsNoted: null, negated, evidence: s.ev(kind) };
          const prev = index.get(e.generic);
          if (prev === undefined) {
            index.set(e.generic, facts.medications.length);
            facts.medications.push(med);
            if (isMedicationCategory(e.cls) || e.cls === 'topical') facts.priorTreatments.push({ category: e.cls, sessions: null, negated, evidence: s.ev(kind) });
          } else {
            const p = facts.medications[prev];
            if (!p.since && since) p.since = since;
            if (p.durationMonths === null && durationMonths !== null) p.durationMonths = durationMonths;
            if (!p.brand && med.brand) p.brand = med.brand;
            if (med.firstNotedDate && (!p.firstNotedDate || med.firstNotedDate < p.firstNotedDate)) p.firstNotedDate = med.firstNotedDate;
          }
        }
      },
      finish() {
        if (!facts.asOf) return;
        for (const m of facts.medications) {
          if (m.durationMonths === null && m.since) {
            const months = monthsBetween(m.since, facts.asOf);
            if (months !== null && months >= 0) m.durationMonths = months;
          }
          if (m.firstNotedDate) {
            const months = monthsBetween(m.firstNotedDate, facts.asOf);
            if (months !== null && months >= 0) m.monthsNoted = months;
          }
        }
      },
    };
  },
};
