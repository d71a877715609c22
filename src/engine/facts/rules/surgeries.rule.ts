import type { FactRule } from '../fact-rule.js';
import { findRegions } from '../../request/matchers.js';

/** Up to three words before a procedure word ("anterior cervical discectomy"). */
const LEFT_WORDS = /(?:(?:[A-Za-z0-9-]+\s+){0,3})$/;
const SURGERY_CUE_DONE = /\b(?:status post|s\/p|underwent|had|has had|history of|prior|previous(?:ly)?|post-?op(?:erative(?:ly)?)?|surgical history|performed|surgery (?:on|dated|in))\b/i;
const SURGERY_CUE_PLANNED = /\b(?:request(?:ed|s)?|recommend(?:ed|s|ation)?|candidate|plan(?:ned|s)?|schedul(?:ed|ing)|pending|consider(?:ed|ing|ation)?|would|will|authoriz\w+|proposed)\b/i;
const LEFT_CUT = /\b(?:included|includes|underwent|had|of|post|s\/p|for|a|an|the|with|history|and|is|was|has)\s+(?!.*\b(?:included|includes|underwent|had|of|post|s\/p|for|a|an|the|with|history|and|is|was|has)\s)/i;

/**
 * A specialty, a credential or a practice's name ("Board Certified Orthopaedic Surgery", "Spine
 * Surgery Institute"), not a procedure: case-sensitive, as names and titles are capitalised.
 */
const SPECIALTY =
  /\b(?:Orthop(?:a)?edic|Neurological|Neuro|Spine|Spinal|Plastic|Hand|General|Vascular|Podiatric|Foot and Ankle|Thoracic|Oral)(?: and [A-Z][a-z]+)? Surgery\b|\b[Bb]oard[- ][Cc]ertified\b|\bDepartment of Surgery\b|\bSurgery (?:Center|Centre|Institute|Group|Associates|Medical Group)\b/;

/**
 * A surgery the sentence says is not planned ("surgery is not being considered", "he declines surgery", "not a
 * surgical candidate", "wishes to avoid surgery"): neither planned nor done. ACOEM 2004 Ch. 12 p. 303 asks whether
 * the worker "would consider surgery an option"; a refusal is the opposite, and it is read as the stated absence
 * of a planned surgery (the surgery_planned vocabulary's absent patterns), not as a plan.
 */
const NOT_PLANNED =
  /\b(?:(?:surgery|surgical (?:intervention|treatment|option)|operation)\b[^.;]{0,20}\b(?:is|are|was|were) not (?:being )?(?:considered|contemplated|planned|recommended|indicated|scheduled)|not (?:a )?(?:surgical )?candidate|no (?:further )?surgery (?:is )?(?:planned|contemplated|recommended|indicated)|(?:declin(?:es|ed|ing)|does not (?:want|wish)(?: to (?:have|undergo|pursue))?|did not want|refus(?:es|ed|ing)|not interested in|(?:wishes|wants|prefers|hopes) to avoid|avoid(?:ing)?)\s+(?:any |further |a |the |an )?(?:surgery|surgical|operati\w+))\b/i;

/** Surgery done (with its date) or planned (requested, recommended, scheduled), the procedure as written. */
export const surgeriesRule: FactRule = {
  fact: 'surgeries',
  needs: ['surgery'],
  start(facts) {
    return {
      sentence(s) {
        const st = s.text;
        if (s.kind === 'administrative') return;
        const surg = s.terms.filter((t) => t.category === 'surgery' && !SPECIALTY.test(st.slice(Math.max(0, t.start - 40), t.end + 30)));
        if (surg.length === 0 || /\bsurgical (?:service|clearance)\b/i.test(st)) return;
        const first = surg[0];
        const last = surg[surg.length - 1];
        let from = first.start;
        // extend left over the words describing the procedure ("anterior cervical discectomy")
        const leftFrom = Math.max(0, first.start - 80);
        const lm = LEFT_WORDS.exec(st.slice(leftFrom, first.start));
        if (lm) {
          const at = lm.index + leftFrom;
          const words = lm[0];
          const cut = words.search(LEFT_CUT);
          from = cut >= 0 ? at + cut + (/^\S+\s+/.exec(words.slice(cut))?.[0].length ?? 0) : at;
        }
        const rightCtx = st.slice(last.end);
        const stop = rightCtx.search(/\s+(?:on|dated|in)\s+(?:\d|[A-Z][a-z]+ \d)|[.;,]|\s+(?:was|were|is|which|that|due|because|secondary|given|as|and (?:he|she|the patient))\b|$/);
        const procedure = st.slice(from, last.end + (stop >= 0 ? stop : rightCtx.length)).trim();
        const date = s.dates.find((x) => x.start >= last.end) ?? s.dates[0] ?? null;
        const planned = (SURGERY_CUE_PLANNED.test(st) && !SURGERY_CUE_DONE.test(st)) || (s.kind === 'plan' && !SURGERY_CUE_DONE.test(st));
        if (planned && NOT_PLANNED.test(st)) return;
        const r = findRegions(procedure)[0];
        facts.surgeries.push({
          procedure,
          date: date?.value ?? null,
          region: r ? { region: r.region, laterality: r.laterality, text: r.text } : null,
          planned,
          evidence: s.ev(s.kindFor(planned ? 'plan' : 'history')),
        });
      },
    };
  },
};
