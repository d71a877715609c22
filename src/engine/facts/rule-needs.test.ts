/**
 * A fact rule's needs (FactRule.needs): the extractor calls the rule only on sentences that meet one
 * of them. Declaring them must never change the facts, so each gated rule is run with and without
 * its needs over synthetic records written for this test.
 */
import { describe, expect, it } from 'vitest';
import type { FactRule } from './fact-rule.js';
import type { FactSource } from './case-facts.js';
import { needMask, prepareSource, type PreparedSentence } from './prepared-sentence.js';
import { RuleBasedFactExtractor } from './rule-based-extractor.js';
import { FACT_RULES } from './rules/index.js';

const NOTE = `PROGRESS REPORT
Date of injury: 03/14/2013. The patient is a 58-year-old female injured at work when she slipped on a wet floor.
SUBJECTIVE: She complains of low back pain radiating down the left leg with numbness in the foot, 7/10 without medications and 4/10 with medications.
She completed 12 sessions of physical therapy and 6 chiropractic visits without lasting relief; she has failed conservative care.
Despite this care, her pain persists. She had a right knee arthroscopy in 2011.
She takes Norco 10/325 and naproxen 550 mg, and omeprazole for heartburn. She denies bowel or bladder changes, fever or weight loss.
Her function has improved: she can now walk 4 blocks, up from 1. She reports a flare-up last month after lifting a box.
She does a home exercise program daily. A urine drug screen on 05/02/2016 was consistent with prescribed medications.
OBJECTIVE: Lumbar paraspinal spasm and tenderness. Decreased range of motion of the lumbar spine. Straight leg raise is positive on the left.
Reflexes are 1+ at the left ankle. Neurologically intact in the upper extremities.
An MRI of the lumbar spine on 02/11/2016 revealed an L4-L5 disc protrusion.
ASSESSMENT: Lumbar radiculopathy, lumbar strain.
DIAGNOSES:
1. Right shoulder impingement syndrome.
2. Cervical strain.
PLAN: Request an L4-L5 lumbar epidural steroid injection. Will start acupuncture. Lumbar fusion surgery was previously authorized.
Work status: modified duty, no lifting over 20 pounds. She is not working as modified duty is not available.
No documentation of functional improvement with prior acupuncture was provided.`;

const UR = `UTILIZATION REVIEW DETERMINATION
The request for TENS unit is non-certified. MTUS states that TENS is not recommended as a primary treatment modality.
Prior authorization of 6 sessions of physical therapy was noted. The records do not reveal objective functional gains.
The patient is temporarily totally disabled. There is no history of GI bleed or peptic ulcer; she takes warfarin.`;

const SOURCES: FactSource[] = [
  { name: 'pr2', text: NOTE, kind: 'medical_record' },
  { name: 'ur', text: UR, kind: 'ur_decision' },
];

describe('fact rules called only on the sentences they can use', () => {
  const gated = FACT_RULES.filter((r) => r.needs);

  it('declares needs for the rules that act only on some feature, term, region or date', () => {
    expect(gated.map((r) => r.fact)).toEqual(expect.arrayContaining(['spasm', 'neuroDeficits', 'priorTreatments', 'surgeries', 'bodyRegions', 'injuryDate, monthsSinceInjury, chronicity', 'diagnoses', 'neuroExamOverall', 'failedConservativeCare', 'statedGaps']));
  });

  it('gives the same facts with the needs as without them, rule by rule and all together', () => {
    const ungated = FACT_RULES.map((r) => ({ ...r, needs: undefined }));
    const expected = new RuleBasedFactExtractor(ungated).extract(SOURCES, { asOf: '2016-09-01' });
    // the records exercise the rules' less common paths: a diagnosis listed under a heading, without a cue
    expect(expected.diagnoses.map((d) => d.value)).toEqual(expect.arrayContaining(['Right shoulder impingement syndrome', 'Cervical strain']));
    expect(expected.neuroExamOverall).toHaveLength(1);
    // failure stated, and care with persisting pain; gaps stated in the record and in the review
    expect(expected.failedConservativeCare.length).toBeGreaterThanOrEqual(2);
    expect(expected.statedGaps.length).toBeGreaterThanOrEqual(2);
    expect(new RuleBasedFactExtractor(FACT_RULES).extract(SOURCES, { asOf: '2016-09-01' })).toEqual(expected);
    for (const rule of gated) {
      const one = ungated.map((r) => (r.fact === rule.fact ? rule : r));
      expect(new RuleBasedFactExtractor(one).extract(SOURCES, { asOf: '2016-09-01' }), rule.fact).toEqual(expected);
    }
  });

  it('calls a rule with needs only on sentences meeting one of them, and a rule without needs on every sentence', () => {
    const seen: { spasm: string[]; all: string[] } = { spasm: [], all: [] };
    const watch = (needs: FactRule['needs'], into: string[]): FactRule => ({ fact: 'watch', needs, start: () => ({ sentence: (s: PreparedSentence) => void into.push(s.text) }) });
    const text = 'Paraspinal spasm is noted. Gait is normal. No spasm of the trapezius.';
    new RuleBasedFactExtractor([watch(['spasm'], seen.spasm), watch(undefined, seen.all)]).extract([{ name: 'n', text }]);
    expect(seen.spasm).toEqual(['Paraspinal spasm is noted.', 'No spasm of the trapezius.']);
    expect(seen.all).toHaveLength(3);
  });

  it('marks a sentence with the needs it meets: feature groups, treatment or surgery terms, regions, dates', () => {
    const [mri, pt, surgery, none] = prepareSource({ name: 'n', text: 'An MRI of the lumbar spine on 02/11/2016 was reviewed. She completed physical therapy. She underwent a laminectomy. Gait is normal.' });
    const meets = (s: PreparedSentence, ...needs: Parameters<typeof needMask>[0] & object) => (s.meets & needMask(needs)) !== 0;
    expect([meets(mri, 'imaging'), meets(mri, 'region'), meets(mri, 'date'), meets(mri, 'spasm')]).toEqual([true, true, true, false]);
    expect([meets(pt, 'treatment'), meets(pt, 'surgery')]).toEqual([true, false]);
    expect([meets(surgery, 'surgery'), meets(surgery, 'treatment')]).toEqual([true, false]);
    expect(meets(none, 'imaging', 'treatment', 'surgery', 'region', 'date', 'improve', 'gain', 'worse')).toBe(false);
    expect(none.meets & needMask(undefined)).not.toBe(0);
  });
});
