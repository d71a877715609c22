import type { ImprovementStatement } from '../case-facts.js';
import type { TermMatch } from '../../request/matchers.js';
import { isNegated } from '../negation.js';
import type { FactRule } from '../fact-rule.js';
import { improvementConflicts, improvementStatus } from '../improvement-summary.js';
import { isImprovementGap } from '../stated-gaps.js';
import { nearestTerm, TREATMENT_KINDS } from '../treatment-kinds.js';

/** "Worse with bending", "better with rest": what aggravates or relieves the pain, not a treatment outcome. */
const AGGRAVATING =
  /^\s*(?:with|by|upon|on|during|after|when)\s+(?:the\s+)?(?:prolonged\s+|repetitive\s+|repeated\s+|any\s+|certain\s+|overhead\s+|heavy\s+)?(?:bending|sitting|standing|walking|lifting|rest(?:ing)?|activit\w*|movements?|motion|reaching|twisting|turning|stooping|squatting|kneeling|climbing|driving|lying|sleeping|cold|heat|weather|exertion|use|gripping|grasping|pushing|pulling|carrying|looking|above|range|work(?:ing)?|exercise|stairs|coughing|sneezing|position\w*)\b/i;
const WEAK_NEG_IMPROVEMENT = /\b(?:minimal|little|limited|slight|temporary|transient|short[- ]lived|no lasting|without lasting|not (?:sustained|significant))\b/gi;
const DOC_GAP = /\b(?:no|lack of|lacks|lacking|without|absence of|not|nor|insufficient|inadequate|limited)\b[^.;]{0,40}?\b(?:documentation|documented|evidence|objective|quantified|quantifiable|measurable|measured|evidenced|noted|indicated|provided|demonstrated|established|shown|revealed?)\b|\b(?:documentation|records?)\b[^.;]{0,30}?\b(?:does not|did not|do not|fails? to|failed to)\b/i;
const ASPECT_FUNCTION = /\b(?:function\w*|ADLs?|activit\w+|daily living|work|duty|range of motion|ROM|mobility|ability|able|strength|tolerance|walk\w*|sit\w*|stand\w*|lift\w*|sleep|medications?|opioids?|narcotics?|analgesics?|pills|restrictions)\b/i;
// A pain score "6/10", never a date's month and day ("05/10/2016").
const ASPECT_PAIN = /\b(?:pain|relief|VAS)\b|(?<![\d/])\d{1,2}\/10\b(?!\/)/i;
/** The object of an improvement word, up to the next clause ("in sleep", "of her walking tolerance"). */
const IMPROVED_WHAT = /^\s+(?:in|of)\s+([^,.;]{1,50}?)(?=\s+(?:and|but|with|since|after)\b|[,.;]|$)/i;
const PURPOSE = /\bto (?:improve|help|increase|decrease|reduce|return|benefit)\b/i;
const MMI = /\bmaxim(?:al|um) medical improvement\b/i;
/**
 * A return to work, or the ability to work: 8 CCR 9792.20(f) counts "a reduction in work
 * restrictions" as one sign of functional improvement, so its absence ("has not returned to work",
 * "is not able to return to work") is the absence of that one sign, not a statement that function did
 * not improve (the worker may walk farther or need less medication). It is read as work status only.
 */
const RETURN_TO_WORK = /^(?:(?:is |was |now )?able to (?:work|return)|return(?:ed|ing)? to)\b/i;
/** The same sign unchanged ("work status remains unchanged", "Work restrictions: no change"): work status only. */
const WORK_UNCHANGED_SUBJECT = /\b(?:work|duty) (?:status|restrictions)\b[\s:,-]*(?:(?:is|are|was|were|has been|have been|remains?|remained)\s+)?$/i;
const UNCHANGED = /^(?:no change|unchanged|not changed)$/i;

/**
 * Statements of functional improvement and its absence, tied to the treatment the sentence names.
 * Follows 8 CCR 9792.20(f): "functional improvement" means either a clinically significant
 * improvement in activities of daily living or a reduction in work restrictions ... and a reduction
 * in the dependency on continued medical treatment. So measured gains, a return to (modified) work
 * and less medication are documented improvement, never its absence; a stated documentation gap
 * ("no documentation of functional improvement") is an absence with `documentationGap`.
 */
/** A reduction cue just before a treatment word: that treatment is what the worker depends on less. */
const REDUCED_BEFORE = /\b(?:stopped|discontinued|reduced|decreased|weaned(?: off)?|tapered|cut (?:down|back)(?: on)?|no longer (?:uses?|using|needs?|takes?|taking|requires?))\b(?:\s+(?:his|her|the|their|a|an|using|taking|all|nightly|daily|use of|of))*\s*$/i;

/** The same, said after the treatment word ("her Norco was reduced", "the brace has been discontinued"). */
const REDUCED_AFTER = /^\s*(?:(?:use|dose|dosage|intake)\s+)?(?:was|were|has been|have been|had been|is being)\s+(?:reduced|decreased|weaned|tapered|cut|discontinued|stopped)\b/i;

export const functionalImprovementRule: FactRule = {
  fact: 'functionalImprovement',
  follows: '8 CCR 9792.20(f) functional improvement',
  needs: ['improve', 'gain', 'worse'],
  start(facts) {
    const statements = facts.functionalImprovement.statements;
    const push = (x: ImprovementStatement) => {
      const dup = statements.some(
        (y) => y.evidence.start === x.evidence.start && y.evidence.source === x.evidence.source && y.polarity === x.polarity && y.aspect === x.aspect && y.category === x.category,
      );
      if (!dup) statements.push(x);
    };
    return {
      sentence(s) {
        const improve = s.hits('improve');
        const gain = s.hits('gain');
        const worse = s.hits('worse');
        if (improve.length === 0 && gain.length === 0 && worse.length === 0) return;
        const st = s.text;
        const treat = s.terms.filter((t) => TREATMENT_KINDS.has(t.category));
        // A treatment the worker stopped or cut down ("stopped his nightly cyclobenzaprine", "no longer
        // uses a cane") is the dependency reduced, not the treatment the improvement came from.
        const refTerms: TermMatch[] = [...treat, ...s.drugs.map((d) => ({ start: d.start, end: d.end, text: d.text, category: d.entry.cls, priority: 75 }) as TermMatch)].filter(
          (t) => !REDUCED_BEFORE.test(st.slice(Math.max(0, t.start - 40), t.start)) && !REDUCED_AFTER.test(st.slice(t.end, t.end + 40)),
        );
        const gaps = s.gaps.filter((g) => isImprovementGap(g.about));
        const spans: [number, number][] = [];
        const read = (start: number, end: number, measured: boolean) => {
          if (spans.some(([a, b]) => start < b && end > a)) return;
          spans.push([start, end]);
          const phrase = st.slice(start, end);
          if (s.guidelineText || AGGRAVATING.test(st.slice(end, end + 60))) return;
          if (MMI.test(st.slice(Math.max(0, start - 20), end + 10))) return;
          const inGap = gaps.some((g) => start < g.end && end > g.start);
          const negated = inGap || isNegated(st, start, end, measured ? {} : { extraPre: WEAK_NEG_IMPROVEMENT, window: 7 });
          if (negated && !inGap && RETURN_TO_WORK.test(phrase)) return;
          // "to improve function" is a purpose, unless negated ("has not seemed to improve")
          // ("able to return to work" is an ability, not a purpose)
          if (!negated && PURPOSE.test(st.slice(Math.max(0, start - 3), end)) && !/^(?:is |was |now )?able to\b/i.test(phrase) && !/\bable\s*$/i.test(st.slice(Math.max(0, start - 12), start).replace(/\bto\s*$/i, ''))) return;
          // in a sentence about the dispute or a plan, only the stated absence counts
          if ((s.planOnly || s.kind === 'plan') && !(negated && (inGap || DOC_GAP.test(st)))) return;
          const gap = negated && (inGap || DOC_GAP.test(st));
          const around = st.slice(Math.max(0, start - 40), Math.min(st.length, end + 40));
          // What improved, where the sentence names it ("improvement in sleep", "improved in walking
          // tolerance"): 8 CCR 9792.20(a) counts sleep among the activities of daily living.
          const object = IMPROVED_WHAT.exec(st.slice(end, end + 60))?.[1] ?? '';
          const aspect = measured || ASPECT_FUNCTION.test(phrase) || /^(?:functional|objective)/i.test(phrase) ? 'function' : ASPECT_PAIN.test(phrase) ? 'pain' : ASPECT_FUNCTION.test(object) ? 'function' : ASPECT_PAIN.test(object) ? 'pain' : ASPECT_FUNCTION.test(around) && !ASPECT_PAIN.test(around) ? 'function' : ASPECT_PAIN.test(around) ? 'pain' : 'unspecified';
          const ref = nearestTerm(refTerms, start, 200);
          push({ polarity: negated ? 'not_improved' : 'improved', aspect, category: ref?.category ?? null, documentationGap: gap, evidence: s.ev() });
        };
        for (const { m } of gain) read(m.index, m.index + m[0].length, true);
        for (const { m } of improve) read(m.index, m.index + m[0].length, false);
        for (const { m } of worse) {
          if (isNegated(st, m.index, m.index + m[0].length, { post: false })) continue;
          if (s.planOnly || s.guidelineText || AGGRAVATING.test(st.slice(m.index + m[0].length, m.index + m[0].length + 60))) continue;
          // read in the source, so that a "Work status:" heading before the sentence counts
          const at = s.start + m.index;
          if (UNCHANGED.test(m[0]) && WORK_UNCHANGED_SUBJECT.test(s.source.text.slice(Math.max(0, at - 40), at))) continue;
          const ref = nearestTerm(refTerms, m.index, 200);
          push({ polarity: 'not_improved', aspect: ASPECT_PAIN.test(m[0]) ? 'pain' : 'unspecified', category: ref?.category ?? null, documentationGap: false, evidence: s.ev() });
        }
      },
      finish() {
        facts.functionalImprovement.status = improvementStatus(statements);
        facts.conflicts.push(...improvementConflicts(statements));
      },
    };
  },
};
