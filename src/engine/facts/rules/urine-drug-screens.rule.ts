import { isNegated } from '../negation.js';
import type { FactRule } from '../fact-rule.js';

const UDS_INCONSISTENT = /\binconsistent\b|\bnot consistent\b|\baberrant\b|\bpositive for (?:marijuana|cannabis|THC|cocaine|amphetamines?|methamphetamine|illicit|non-?prescribed|alcohol|heroin|opiates? not)\b|\bnegative for (?:the )?(?:prescribed|hydrocodone|oxycodone|tramadol|opioids?)\b|\bunexpected\b/i;
const UDS_CONSISTENT = /\bconsistent\b|\bappropriate\b|\bcompliant\b|\bas expected\b|\bexpected results?\b/i;

/** Urine drug screens done (not requested), one per sentence, with result and date. */
export const urineDrugScreensRule: FactRule = {
  fact: 'urineDrugScreens',
  needs: ['uds'],
  start(facts) {
    return {
      sentence(s) {
        const hits = s.hits('uds');
        if (hits.length === 0 || s.planOnly) return;
        const st = s.text;
        const m = hits[0].m;
        // "No prior drug testing appears in the records": a stated absence, not a screen done.
        if (isNegated(st, m.index, m.index + m[0].length, { post: false })) return;
        const result = UDS_INCONSISTENT.test(st) ? 'inconsistent' : UDS_CONSISTENT.test(st) ? 'consistent' : 'unstated';
        const date = s.dates.find((x) => Math.abs(x.start - m.index) < 60)?.value ?? null;
        facts.urineDrugScreens.push({ result, date, evidence: s.ev(s.kindFor('test')) });
      },
    };
  },
};
