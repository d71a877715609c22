import { isNegated } from '../negation.js';
import type { FactRule } from '../fact-rule.js';
import { TREATMENT_KINDS } from '../treatment-kinds.js';
import { PERSISTS } from '../features.js';

/** Conservative care words a treatment-to-date statement may use besides the vocabulary's terms. */
const CARE_WORDS = /\b(?:conservative (?:care|treatment|management|measures)|(?:physical|chiropractic|manual|aquatic) therapy|therapy|medications?|NSAIDs?|anti-?inflammator(?:y|ies)|analgesics?|muscle relaxants?|injections?|acupuncture|chiropractic|bracing|brace|TENS|home exercise(?: program)?|activity modification|rest|ice|heat)\b/i;
/** Care received, not planned. */
const RECEIVED = /\b(?:completed|has had|have had|had|attended|underwent|undergone|participated|received|tried|trial of|treated with|has been (?:treated|on|taking|using)|to date|prior|previous(?:ly)?|including|included)\b/i;
/** The care was given and did not help (the statement itself says it was received). */
const GIVEN_WITHOUT_HELP = /\b(?:has|have|had|did) not (?:helped|help|improved?|provided (?:any )?(?:relief|benefit))\b|\bfailed to (?:improve|help|relieve)\b|\bdespite\b/i;

/** Care named by reference to what the record already listed ("this care", "these treatments", "despite treatment"). */
const ANAPHORIC_CARE =
  /\b(?:this|these|such|that|those|the above|all of (?:this|these|the above)|(?:the )?(?:prior|previous|above|aforementioned))\s+(?:conservative\s+)?(?:care|treatments?|therap(?:y|ies)|measures|modalities|interventions)\b|\bdespite (?:treatment|care)\b/i;

/**
 * A stated failure of a course of care named with its length or count ("failed 3 months of PT and
 * injections", "exhausted six sessions of chiropractic care"): the course was received and failed.
 */
const FAILED_COURSE =
  /\b(?:failed|exhausted)\s+(?:(?:a|an|the|his|her|\d+|one|two|three|four|five|six|eight|ten|twelve|several|multiple)\s+)?(?:\w+\s+)?(?:weeks?|months?|sessions?|visits?|courses?|trials?)\s+of\s+(?:\w+\s+){0,2}?(?:physical therapy|PT|therapy|chiropractic|acupuncture|injections?)\b/i;

/** A persistence worded as continuing to report, which a gain in the same sentence turns into improvement ("continues to report improvement"). */
const CONTINUES = /^continues? to\b/i;
const GAIN_WORDS = /\b(?:improv\w*|better|benefit\w*|relief|progress\w*|gains?)\b/i;

/**
 * Failed conservative care: stated as such ("has failed conservative care", "refractory to"), or
 * treatment to date together with persisting symptoms or no improvement ("completed 12 sessions of
 * physical therapy and 6 weeks of NSAIDs without improvement", "despite physical therapy and
 * medications, pain persists"). Evidence of kind 'history'. Time since injury alone is not failed
 * care, nor is one examination sign, nor a plan. (MTUS/ACOEM: surgical and interventional
 * procedures are considered after failure of conservative care; the record must show the care
 * received and its outcome.)
 */
export const failedConservativeCareRule: FactRule = {
  fact: 'failedConservativeCare',
  // failure stated ('failed'), or care received with symptoms persisting: every other path needs PERSISTS ('persists')
  // a stated failure of a course names a treatment ('treatment'): "failed 3 months of PT"
  needs: ['failed', 'persists', 'treatment'],
  start(facts) {
    return {
      sentence(s) {
        if (s.planOnly || s.kind === 'plan' || s.guidelineText) return;
        const st = s.text;
        const kind = s.kindFor('history');
        const stated = s.hits('failed');
        for (const { m } of stated) {
          // "No improvement despite physical therapy": the negation belongs to the improvement; care
          // given "despite" which symptoms persist, or care the pain is "refractory to", failed.
          const affirms = /^(?:despite|refractory)\b/i.test(m[0]);
          facts.failedConservativeCare.push({ kind: 'failed_conservative_care', negated: affirms ? false : isNegated(st, m.index, m.index + m[0].length, { post: false }), evidence: s.ev(kind) });
        }
        if (stated.length > 0) return;
        const course = FAILED_COURSE.exec(st);
        if (course && s.terms.some((t) => TREATMENT_KINDS.has(t.category) && t.category !== 'surgery')) {
          facts.failedConservativeCare.push({ kind: 'failed_conservative_care', negated: isNegated(st, course.index, course.index + course[0].length, { post: false }), evidence: s.ev(kind) });
          return;
        }
        // "Despite this care, his leg pain persists": the care is the treatment to date an earlier
        // sentence of the same record listed as received.
        const anaphoric = ANAPHORIC_CARE.test(st) && facts.priorTreatments.some((t) => !t.negated && t.evidence.source === s.source.name && t.evidence.end <= s.start);
        const persists = PERSISTS.exec(st);
        if (persists && CONTINUES.test(persists[0]) && GAIN_WORDS.test(st)) return;
        if (anaphoric && persists) {
          facts.failedConservativeCare.push({ kind: 'failed_conservative_care', negated: false, evidence: s.ev(kind) });
          return;
        }
        // "Treatment to date has included physical therapy, NSAIDs and an injection. She continues to have
        // knee pain." Treatment to date and the symptoms persisting after it, in the next sentence, is the
        // failed care the surgical chapters ask for (ACOEM Ch. 12 pp. 305-306 "failure of conservative
        // treatment to resolve disabling radicular symptoms"; Ch. 8 p. 180 "unresolved radicular symptoms
        // after receiving conservative treatment"); care only mentioned or planned before it is not.
        const justBefore = persists ? facts.priorTreatments.find((t) => !t.negated && t.evidence.source === s.source.name && t.evidence.end <= s.start && s.start - t.evidence.end <= 2 && RECEIVED.test(t.evidence.quote)) : undefined;
        if (justBefore && s.terms.every((t) => t.category !== 'surgery')) {
          // both sentences are the evidence: the care received, and the symptoms it left
          facts.failedConservativeCare.push({ kind: 'failed_conservative_care', negated: false, evidence: justBefore.evidence });
          facts.failedConservativeCare.push({ kind: 'failed_conservative_care', negated: false, evidence: s.ev(kind) });
          return;
        }
        const care = s.terms.some((t) => TREATMENT_KINDS.has(t.category) && t.category !== 'surgery') || s.drugs.length > 0 || CARE_WORDS.test(st);
        // "Physical therapy and NSAIDs have not helped" says the care was given.
        if (!care || !(RECEIVED.test(st) || GIVEN_WITHOUT_HELP.test(st))) return;
        if (!persists) return;
        // "she has not had physical therapy": care not received
        if (s.terms.length > 0 && s.terms.every((t) => isNegated(st, t.start, t.end, { post: false, window: 3 }))) return;
        facts.failedConservativeCare.push({ kind: 'failed_conservative_care', negated: false, evidence: s.ev(kind) });
      },
    };
  },
};
