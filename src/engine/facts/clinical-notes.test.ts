/**
 * Extraction from whole synthetic documents written for these tests (a SOAP progress note, a
 * narrative note, a utilization review decision, a records packet with signature blocks): evidence
 * kinds, functional improvement, failed conservative care, treatment-to-date lists, GI risk, stated
 * gaps and prior authorizations. Every evidence quotes its source exactly.
 */
import { describe, expect, it } from 'vitest';
import { extractFacts, improvementFor, type CaseFacts, type Evidence, type FactSource } from './index.js';
import { allEvidence } from './test-support/all-evidence.js';

function extract(sources: FactSource[], asOf = '2016-09-01'): CaseFacts {
  const f = extractFacts(sources, { asOf });
  const byName = new Map(sources.map((s) => [s.name, s.text]));
  for (const e of allEvidence(f)) {
    expect(byName.get(e.source)!.slice(e.start, e.end)).toBe(e.quote);
    expect(e.kind, JSON.stringify(e)).toBeDefined();
  }
  return f;
}
const kindOf = (evs: Evidence[], needle: string) => evs.find((e) => e.quote.includes(needle))?.kind;

const SOAP = `PROGRESS REPORT (PR-2)
Patient: Jordan Example
DOB: 03/14/1971
Date of injury: 02/10/2015
Date of service: 08/15/2016

SUBJECTIVE:
The patient is a 45-year-old female with low back pain radiating into the left leg. She rates her pain 6/10 with medications and 8/10 without medications. She denies numbness.

Treatment to date: physical therapy, chiropractic care, a TENS unit and a lumbar brace.

Current medications: naproxen 550 mg twice daily and omeprazole 20 mg daily.

OBJECTIVE:
Tenderness and spasm of the lumbar paraspinals. Straight leg raise is positive on the left. Sensation is not intact in the left L5 dermatome. Reflexes are 2+ and symmetric.

DIAGNOSES:
Lumbar radiculopathy; lumbar strain.

PLAN:
Request 8 sessions of acupuncture. Continue the home exercise program. Follow up in 4 weeks.

Electronically signed by Dana Reyes, MD on 08/15/2016
Southern California Spine and Knee Institute, 300 Elm Street, Springfield, CA 90000
Phone (555) 555-0142  Fax (555) 555-0143
`;

describe('a SOAP progress note', () => {
  const f = extract([{ name: 'pr2', text: SOAP }]);
  const all = allEvidence(f);

  it('gives every fact the kind of its section', () => {
    expect(f.painScores.map((p) => [p.score, p.qualifier, p.evidence.kind])).toEqual([
      [6, 'with_medication', 'complaint'],
      [8, 'without_medication', 'complaint'],
    ]);
    expect(f.spasm).toMatchObject([{ negated: false, evidence: { kind: 'exam' } }]);
    expect(f.neuroDeficits.find((d) => d.kind === 'straight_leg_raise')).toMatchObject({ negated: false, evidence: { kind: 'exam' } });
    expect(f.neuroDeficits.find((d) => d.kind === 'numbness')).toMatchObject({ negated: true, evidence: { kind: 'complaint' } });
    expect(f.diagnoses.map((d) => [d.value, d.evidence.kind])).toEqual([
      ['Lumbar radiculopathy', 'diagnosis'],
      ['lumbar strain', 'diagnosis'],
    ]);
    expect(f.homeExercise).toMatchObject([{ evidence: { kind: 'plan' } }]);
    expect(f.injuryDate?.value).toBe('2015-02-10');
  });
  it('reads "sensation is not intact" as a sensory deficit, and "denies numbness" as numbness only', () => {
    expect(f.neuroDeficits.find((d) => d.kind === 'sensory_deficit')).toMatchObject({ negated: false, evidence: { kind: 'exam' } });
    expect(f.neuroDeficits.filter((d) => d.negated).map((d) => d.kind)).toEqual(expect.arrayContaining(['numbness']));
    expect(f.neuroDeficits.filter((d) => d.negated).map((d) => d.kind)).not.toContain('sensory_deficit');
    expect(f.neuroDeficits.filter((d) => d.negated).map((d) => d.kind)).not.toContain('straight_leg_raise');
  });
  it('reads a device in the treatment-to-date list as history, not a present need', () => {
    const tens = f.priorTreatments.find((p) => p.category === 'tens');
    expect(tens).toMatchObject({ negated: false, evidence: { kind: 'history' } });
    expect(f.priorTreatments.filter((p) => p.evidence.quote.startsWith('Treatment to date')).every((p) => p.evidence.kind === 'history')).toBe(true);
  });
  it('does not take the requested acupuncture for care received', () => {
    expect(f.priorTreatments.some((p) => p.category === 'acupuncture')).toBe(false);
  });
  it('lists medications as history and never reads an NSAID with a PPI as a GI risk factor', () => {
    expect(f.medications.map((m) => [m.generic, m.evidence.kind])).toEqual([
      ['naproxen', 'history'],
      ['omeprazole', 'history'],
    ]);
    expect(f.giRisks.map((g) => g.kind)).not.toContain('nsaid_with_ppi');
    expect(f.giRisks).toEqual([]);
  });
  it('takes nothing clinical from the header or the signature block', () => {
    // the clinic's name in the signature block names body parts: found, but administrative
    const signature = all.filter((e) => e.start >= SOAP.indexOf('Electronically signed'));
    expect(signature.map((e) => e.quote)).toEqual(expect.arrayContaining(['Knee']));
    expect(signature.every((e) => e.kind === 'administrative')).toBe(true);
    expect(all.filter((e) => e.start < SOAP.indexOf('SUBJECTIVE')).every((e) => e.kind === 'administrative' || e.quote.startsWith('Date of injury'))).toBe(true);
  });
});

describe('functional improvement: positive functional change is documented improvement', () => {
  it('reads the progress note as documented, improved function with physical therapy, and never absent', () => {
    const text = 'She has completed 12 sessions of physical therapy, which helped; she can now stand for 30 minutes instead of 10 and has returned to modified duty.';
    const f = extract([{ name: 'note', text }]);
    expect(f.functionalImprovement.status).toBe('documented');
    expect(f.functionalImprovement.statements.some((s) => s.polarity === 'not_improved')).toBe(false);
    expect(f.functionalImprovement.statements).toContainEqual(expect.objectContaining({ polarity: 'improved', aspect: 'function', category: 'physical_therapy' }));
    expect(improvementFor(f.functionalImprovement, 'physical_therapy').status).toBe('documented');
    expect(f.failedConservativeCare).toEqual([]);
  });
  const gains: string[] = [
    'After acupuncture he can now walk four blocks and sits through a full work shift.',
    'With chiropractic care her work restrictions were reduced and she has returned to full duty.',
    'Since the injections he has reduced his use of Norco and is now able to do household chores.',
    'Following physical therapy she has returned to light duty.',
  ];
  it.each(gains)('%s → documented', (text) => {
    const f = extract([{ name: 'note', text }]);
    expect(f.functionalImprovement.status).toBe('documented');
    expect(f.functionalImprovement.statements.every((s) => s.polarity === 'improved')).toBe(true);
  });
  // Not back at work is not an improvement, nor (8 CCR 9792.20(f): a reduction in work restrictions is
  // one sign among others) a statement that function did not improve: it is work status.
  it('a stated inability is still not an improvement, and not a statement of none', () => {
    const f = extract([{ name: 'note', text: 'She has not returned to work after physical therapy.' }]);
    expect(f.functionalImprovement.status).toBe('not_stated');
    expect(f.functionalImprovement.statements).toEqual([]);
    expect(f.workStatus.map((w) => w.value)).toEqual(['not_working']);
  });
});

describe('failed conservative care', () => {
  const failed = [
    'She completed 12 sessions of physical therapy and 6 weeks of NSAIDs without improvement.',
    'Despite physical therapy and medications, pain persists.',
    'He has had chiropractic care and acupuncture; his symptoms continue.',
    'The patient has failed conservative treatment.',
  ];
  it.each(failed)('%s → failed conservative care (history)', (text) => {
    const f = extract([{ name: 'note', text }]);
    expect(f.failedConservativeCare).toMatchObject([{ negated: false, evidence: { kind: 'history' } }]);
  });
  const not = [
    'The injury occurred 3 years ago and she has chronic low back pain.',
    'Straight leg raise is positive on the left.',
    'Plan: physical therapy 2 times a week for 4 weeks for persistent pain.',
    'The provider will request physical therapy because pain persists.',
  ];
  it.each(not)('%s → not failed conservative care', (text) => {
    expect(extract([{ name: 'note', text }]).failedConservativeCare).toEqual([]);
  });
});

const UR = `UTILIZATION REVIEW DETERMINATION
Claims administrator: Example Insurance Services
Date: 04/01/2016

Rationale:
The request for 12 additional sessions of physical therapy is non-certified. The records submitted for review do not reveal objective functional improvement with the prior physical therapy. There is insufficient documentation of a current home exercise program. A treatment plan with measurable goals was not provided. Eight sessions of physical therapy were previously certified on 01/15/2016, and this is a duplicate request. The MTUS states that physical medicine allows for fading of treatment frequency.
`;

describe('a utilization review decision', () => {
  const f = extract([{ name: 'ur', text: UR, kind: 'ur_decision' }]);
  it('gives every evidence the review kind when the source is a UR decision', () => {
    expect(allEvidence(f).every((e) => e.kind === 'review')).toBe(true);
  });
  it('reads stated gaps, whatever they are about', () => {
    const about = f.statedGaps.map((g) => g.about);
    expect(about).toEqual(expect.arrayContaining(['objective functional improvement', 'a current home exercise program', 'treatment plan with measurable goals']));
    expect(f.functionalImprovement.statements).toContainEqual(expect.objectContaining({ polarity: 'not_improved', documentationGap: true, category: 'physical_therapy' }));
  });
  it('reads the prior authorization and the duplicate request', () => {
    expect(f.priorAuthorizations).toMatchObject([{ category: 'physical_therapy', negated: false, evidence: { kind: 'review' } }]);
  });
  it('classifies the same text by its cues where the source kind is not given', () => {
    const g = extract([{ name: 'ur', text: UR }]);
    const all = allEvidence(g);
    expect(kindOf(all, 'do not reveal')).toBe('review');
    expect(kindOf(all, 'previously certified')).toBe('review');
    expect(g.priorAuthorizations.length).toBe(1);
  });
});

describe('stated documentation gaps in clinical prose', () => {
  const table: [string, string, boolean][] = [
    ['There is no documentation of functional improvement with the prior acupuncture.', 'functional improvement', true],
    ['There is insufficient documentation of functional improvement from the medications.', 'functional improvement', true],
    ['The medical records do not reveal any improvement in activities of daily living.', 'any improvement in activities of daily living', true],
    ['Objective functional improvement was not documented.', 'Objective functional improvement', true],
    ['The results of the prior MRI were not provided.', 'results of the prior MRI', false],
    ['There is no documentation of a urine drug screen.', 'a urine drug screen', false],
  ];
  it.each(table)('%s → gap about "%s"', (text, about, improvement) => {
    const f = extract([{ name: 'note', text }]);
    expect(f.statedGaps.map((g) => g.about)).toContain(about);
    if (improvement) expect(f.functionalImprovement.statements).toContainEqual(expect.objectContaining({ polarity: 'not_improved', documentationGap: true }));
  });
  it('a finding is not a gap', () => {
    expect(extract([{ name: 'note', text: 'The MRI showed no disc herniation. She has no numbness.' }]).statedGaps).toEqual([]);
  });
});

describe('prior authorizations in clinical prose', () => {
  it('reads "previously authorized" and "already approved" as history, and their negation', () => {
    expect(extract([{ name: 'n', text: 'Six sessions of acupuncture were previously authorized and completed.' }]).priorAuthorizations).toMatchObject([
      { category: 'acupuncture', negated: false, evidence: { kind: 'history' } },
    ]);
    expect(extract([{ name: 'n', text: 'The lumbar brace has already been approved.' }]).priorAuthorizations).toMatchObject([{ negated: false }]);
    expect(extract([{ name: 'n', text: 'Physical therapy has not been previously authorized.' }]).priorAuthorizations).toMatchObject([{ negated: true }]);
    expect(extract([{ name: 'n', text: 'She completed physical therapy.' }]).priorAuthorizations).toEqual([]);
  });
});

const NARRATIVE = `The injured worker is a 52-year-old male who injured his neck and right shoulder on 06/03/2014 while lifting a pallet. He has been treated with physical therapy, acupuncture and medications including Norco and cyclobenzaprine. He reports that the neck pain radiates into the right arm with tingling in the thumb. On examination there is tenderness of the cervical paraspinals and decreased range of motion of the right shoulder. An MRI of the cervical spine on 09/12/2014 showed a 3 mm disc protrusion at C5-C6. He is working modified duty. The treating physician recommends a cervical epidural steroid injection. Utilization review non-certified the request on 10/02/2016, noting that a prior injection was previously approved by the claims administrator.`;

describe('a narrative note without headings', () => {
  const f = extract([{ name: 'narrative', text: NARRATIVE }], '2016-10-20');
  it('classifies each sentence by its cues', () => {
    expect(f.age?.value).toBe(52);
    expect(f.priorTreatments.find((p) => p.category === 'physical_therapy')?.evidence.kind).toBe('history');
    expect(f.neuroDeficits.find((d) => d.kind === 'paresthesia')).toMatchObject({ negated: false, subjective: true, evidence: { kind: 'complaint' } });
    expect(f.examFindings.map((e) => [e.kind, e.negated, e.evidence.kind])).toEqual([
      ['tenderness', false, 'exam'],
      ['restricted_range_of_motion', false, 'exam'],
    ]);
    expect(f.imaging).toMatchObject([{ modality: 'mri', date: '2014-09-12', evidence: { kind: 'test' } }]);
    expect(f.workStatus).toMatchObject([{ value: 'modified_duty' }]);
    expect(f.priorAuthorizations).toMatchObject([{ evidence: { kind: 'review' } }]);
    expect(f.chronicity).toBe('chronic');
  });
  it('does not take the recommended injection for care received', () => {
    expect(f.priorTreatments.some((p) => p.category === 'epidural_injection')).toBe(false);
  });
});

const PACKET: FactSource[] = [
  {
    name: 'packet-cover',
    text: `RE: Jordan Example
Claim number: 0000-EXAMPLE
Employer: Example Warehouse Co.
Address: 100 Main Street, Springfield, CA 90000
Phone: (555) 555-0100
Fax: (555) 555-0101

Enclosed are the medical records for review.`,
  },
  {
    name: 'packet-note-2016-07-01',
    text: `Date of service: 07/01/2016
Chief complaint: right knee pain.
History: She has completed 8 sessions of physical therapy and has been taking ibuprofen without relief. Pain is 7/10.
Physical examination: effusion of the right knee; McMurray test positive.
Impression: right knee medial meniscus tear.
Recommendations: MRI of the right knee.

Signature:
Avery Lee, DO
Orthopaedic Surgery
200 Oak Avenue, Springfield, CA 90000
Tel: (555) 555-0200`,
  },
];

describe('a records packet with signature blocks', () => {
  const f = extract(PACKET, '2016-08-01');
  const all = allEvidence(f);
  it('marks header labels, addresses and signature blocks administrative', () => {
    expect(f.bodyRegions.every((r) => r.evidence.kind !== undefined)).toBe(true);
    expect(all.filter((e) => e.source === 'packet-cover').every((e) => e.kind === 'administrative' || e.quote.startsWith('Enclosed'))).toBe(true);
    expect(all.filter((e) => /Avery Lee|Oak Avenue|555-0200/.test(e.quote)).every((e) => e.kind === 'administrative')).toBe(true);
  });
  it('reads the clinical sections with their kinds', () => {
    expect(f.failedConservativeCare).toMatchObject([{ negated: false, evidence: { kind: 'history' } }]);
    expect(f.priorTreatments.find((p) => p.category === 'physical_therapy')).toMatchObject({ sessions: 8, evidence: { kind: 'history' } });
    expect(f.painScores).toMatchObject([{ score: 7 }]);
    expect(f.examFindings).toMatchObject([{ kind: 'swelling', negated: false, evidence: { kind: 'exam' } }]);
    expect(f.diagnoses.map((d) => [d.value, d.evidence.kind])).toEqual([['right knee medial meniscus tear', 'diagnosis']]);
    expect(f.imaging).toEqual([]);
  });
});
