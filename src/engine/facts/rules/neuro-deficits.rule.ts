import type { NeuroDeficitKind } from '../case-facts.js';
import { isNegated, negatedNormal } from '../negation.js';
import type { FactRule } from '../fact-rule.js';

/** A complaint, as opposed to an examination finding. */
const SUBJECTIVE_CUE = /\b(?:complain\w*|c\/o|reports?|reported|reporting|concerned|states?|stated|endorses?|endorsed|describes?|described|symptoms?|feels?|felt|notes? (?:that )?(?:she|he)|history of)\b/i;
const OBJECTIVE_CUE = /\b(?:exam\w*|objective\w*|physical|palpation|test(?:ing)?|positive|negative|sign|reflex\w*|dermatom\w*|[0-5][+-]?\/5|\d of 5|EMG|NCV|NCS|electrodiagnostic|MRI|revealed|demonstrat\w*|showed|sensation|motor strength|atrophy)\b/i;
// A grade ends with "+" ("2+"), after which a word boundary never falls before a space: the grades are matched apart.
const NEURO_NORMAL = /\b(?:intact|normal|symmetric(?:al)?|equal|5\/5|5 (?:out )?of 5|within normal limits|WNL|unremarkable|grossly intact|negative)\b|\b2\+(?!\w)/i;
const NEURO_POSITIVE = /\b(?:positive|decreased|diminished|reduced|absent|abnormal|weak|[0-4][+-]?\/5|0\/4|trace|hypo|hyper|asymmetric|altered|impaired)\b|\b[01]\+(?!\w)|(?<![\w+])\+(?![\w+])/i;
/** An exam word that is a finding only with a qualifier ("reflexes are 1+", "sensation intact"). */
const BARE_EXAM = /^(?:sensation|(?:deep tendon\s+)?reflexes|(?:patellar|achilles|biceps|triceps|brachioradialis|knee|ankle)\s+(?:jerks?|reflex(?:es)?)|DTRs?|motor strength|strength|straight[- ]leg[- ]rais\w*(?:\s+test)?|SLR|Spurling\S*(?:\s+\w+)?|Tinel\S*(?:\s+\w+)?|Phalen\S*(?:\s+\w+)?)$/i;

/**
 * The words of the 'radiculopathy' kind ("radiculopathy", "radicular", "sciatica", "radiating") name a
 * diagnosis or a symptom, not a sign: ACOEM 2004 Ch. 12 p. 303 asks for "unequivocal objective findings
 * that identify specific nerve compromise on the neurologic examination", and Ch. 8 p. 177 for
 * "physiologic evidence ... in the form of definitive neurologic findings on physical examination,
 * electrodiagnostic studies, laboratory tests, or bone scans". The word is objective evidence only as a
 * study's result ("EMG showed an active L5 radiculopathy") or where the examiner states radicular signs
 * ("positive radicular signs", "radicular findings on examination").
 */
const STUDY_RESULT = /\b(?:EMG|NCV|NCS|electrodiagnostic|electromyograph\w*|nerve conduction|MRI|CT|myelogra\w+)\b[^.;]{0,80}\b(?:showed|shows|revealed|reveals|demonstrat\w+|consistent with|confirm\w*|evidence of|positive for|suggestive of|findings? of|noted)\b/i;
const RADICULAR_SIGNS = /^\s*(?:signs?|findings?)\b/i;
const RADICULAR_SIGNS_BEFORE = /\b(?:positive|objective|clinical)\s+(?:(?:signs?|findings?|evidence)\s+of\s+)?$/i;
/** Radicular pain reproduced by a provocative test ("radicular pain to the calf upon straight leg raise"): a positive test. */
const ON_PROVOCATION = /\b(?:upon|with|on|during|by)\s+(?:a\s+|the\s+)?(?:(?:right|left|seated|supine)\s+)?(?:straight[- ]leg[- ]rais\w*|SLR|Spurling\S*)/i;
/** Reflexes graded low but the same on both sides ("1+ and equal", "trace and symmetric"): no sign of one nerve root. */
const LOW_BUT_EQUAL = /(?:\b1\+(?!\w)|\btrace\b|\bhypoactive\b)[^.;]{0,25}\b(?:equal|symmetric(?:al)?(?:ly)?|bilaterally)\b|\b(?:equal|symmetric(?:al)?(?:ly)?)\b[^.;]{0,10}(?:\b1\+(?!\w)|\btrace\b)/i;
/** A radiating symptom ("pain radiating into the leg"), as opposed to a named condition. */
const RADIATING = /^radiat/i;

/**
 * Weakness that is not a neurological deficit: of a tendon ("rotator cuff weakness", a torn cuff is
 * tissue insult, not nerve compromise), or strength held back by pain ("4/5 limited by pain", "give-way
 * weakness"), which is not the "unequivocal" finding of nerve compromise ACOEM 2004 Ch. 12 p. 303 asks for.
 */
const TENDON_WEAKNESS_BEFORE = /\b(?:rotator )?cuff\s+(?:tendon\s+)?$/i;
const TENDON_WEAKNESS_AFTER = /^\s*(?:of|in)\s+(?:the\s+)?(?:(?:right|left|bilateral)\s+)?(?:rotator )?cuff\b/i;
const PAIN_LIMITED = /\b(?:(?:limited|inhibited|restricted) by pain|pain[- ](?:limited|inhibited|related)|(?:due|secondary) to pain|because of pain|give[- ]?way|breakaway|poor effort|submaximal effort|self[- ]limited)\b/i;

/**
 * Neurological deficits, each of its own kind: "denies numbness" negates numbness only, never the
 * other deficits. A normal word that is itself negated ("sensation is not intact") is an abnormal
 * finding: the deficit is present. Complaints are marked `subjective` (kind 'complaint'); so is the
 * name of a radicular condition that is not a study's result or an examiner's sign (kind 'diagnosis'
 * unless a complaint).
 */
export const neuroDeficitsRule: FactRule = {
  fact: 'neuroDeficits',
  needs: ['neuro'],
  start(facts) {
    return {
      sentence(s) {
        const hits = s.hits('neuro');
        if (hits.length === 0) return;
        const st = s.text;
        const subjective = SUBJECTIVE_CUE.test(st) && !OBJECTIVE_CUE.test(st);
        for (const { m, kind } of hits) {
          const start = m.index;
          const end = start + m[0].length;
          // the words around the sign within its own clause: a semicolon ends a list item of the examination
          // ("range of motion decreased; deep tendon reflexes 1+ and equal"), whose grade is not this sign's
          const semiBefore = st.lastIndexOf(';', start);
          const semiAfter = st.indexOf(';', end);
          const local = st.slice(Math.max(0, start - 25, semiBefore + 1), Math.min(st.length, end + 30, semiAfter < 0 ? st.length : semiAfter));
          let negated: boolean;
          if (negatedNormal(st.slice(end, Math.min(st.length, end + 40)))) negated = false;
          else {
            negated = isNegated(st, start, end);
            if (BARE_EXAM.test(m[0])) {
              // "reflexes 1+ on the left and absent on the right": an absent reflex is the deficit, not its negation
              if (negated && kind === 'reflex_change' && /\b(?:absent|diminished|decreased|reduced|asymmetric)\b/i.test(local) && !/\b(?:no|not|without)\b/i.test(local)) negated = false;
              if (kind === 'reflex_change' && !negated && LOW_BUT_EQUAL.test(local) && !/\b(?:decreased|diminished|reduced|absent|asymmetric|hyper\w*)\b/i.test(local)) negated = true;
              else if (NEURO_POSITIVE.test(local.replace(/\bnegative\b/gi, '')) && !negated && !/\bnegative\b/i.test(local)) negated = false;
              else if (NEURO_NORMAL.test(local) || negated) negated = true;
              else continue;
            }
          }
          if (kind === 'weakness' && !negated) {
            // the clause the grade sits in ("4/5, limited by pain; reflexes 1+")
            const from = Math.max(st.lastIndexOf(';', start), st.lastIndexOf('.', start - 1), start - 60, 0);
            const stop = [st.indexOf(';', end), st.indexOf('.', end), end + 60, st.length].filter((i) => i >= end);
            const around = st.slice(from, Math.min(...stop));
            if (TENDON_WEAKNESS_BEFORE.test(st.slice(Math.max(0, start - 40), start)) || TENDON_WEAKNESS_AFTER.test(st.slice(end, end + 50))) continue;
            if (PAIN_LIMITED.test(around)) continue;
          }
          if (kind === 'radiculopathy') {
            const kindOfSentence = s.kindFor(subjective || RADIATING.test(m[0]) ? 'complaint' : 'diagnosis');
            const asResult = kindOfSentence === 'test' || STUDY_RESULT.test(st);
            const asSign =
              (kindOfSentence === 'exam' || kindOfSentence === 'test') &&
              (RADICULAR_SIGNS.test(st.slice(end, end + 12)) || RADICULAR_SIGNS_BEFORE.test(st.slice(Math.max(0, start - 40), start)) || ON_PROVOCATION.test(st.slice(end, end + 60)));
            const objective = !subjective && (asResult || asSign);
            facts.neuroDeficits.push({ kind, negated, evidence: s.ev(objective ? s.kindFor('exam') : kindOfSentence), subjective: !objective });
            continue;
          }
          facts.neuroDeficits.push({ kind: kind as NeuroDeficitKind, negated, evidence: s.ev(s.kindFor(subjective ? 'complaint' : 'exam')), subjective });
        }
      },
    };
  },
};
