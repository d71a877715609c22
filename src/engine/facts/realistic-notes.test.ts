/**
 * Extraction from realistic synthetic records written for these tests (issue 10, item 8): a SOAP
 * progress note with a numbered assessment, a narrative pain-management note, and a utilization review
 * decision with the reviewer's credentials. Each test names the class of misreading it guards against.
 */
import { describe, expect, it } from 'vitest';
import { extractFacts, type CaseFacts, type FactSource } from './index.js';
import { allEvidence } from './test-support/all-evidence.js';

function extract(sources: FactSource[], asOf = '2016-09-01'): CaseFacts {
  const f = extractFacts(sources, { asOf });
  const byName = new Map(sources.map((s) => [s.name, s.text]));
  for (const e of allEvidence(f)) expect(byName.get(e.source)!.slice(e.start, e.end)).toBe(e.quote);
  return f;
}

const SHOULDER_NOTE = `PRIMARY TREATING PHYSICIAN'S PROGRESS REPORT (PR-2)
Date of service: 07/12/2016

SUBJECTIVE:
The patient returns for her right shoulder. Not only did she improve with the first six sessions of physical therapy, she is now able to lift her grandchild and reach the top shelf at work. She reports no increase in pain and she reported improvement in sleep. She still has aching with overhead work, 4/10.

OBJECTIVE:
Right shoulder forward flexion 160 degrees, improved from 120 degrees on 05/10/2016. Strength is 4+/5 in the supraspinatus. Sensation is not intact over the lateral deltoid. No atrophy.

ASSESSMENT:
1. Right shoulder impingement syndrome.
2. Right shoulder strain.

PLAN:
Request 6 additional sessions of physical therapy 2 times a week for 3 weeks. Return to clinic in 4 weeks.

Electronically signed by Dana Reyes, MD
`;

describe('a SOAP progress note with a numbered assessment', () => {
  const f = extract([{ name: 'pr2', text: SHOULDER_NOTE }]);

  it('reads "Not only did she improve…" and "no increase in pain and she reported improvement" as improvement, never its absence', () => {
    expect(f.functionalImprovement.status).toBe('documented');
    expect(f.functionalImprovement.statements.filter((s) => s.polarity === 'not_improved')).toEqual([]);
    expect(f.functionalImprovement.statements).toContainEqual(expect.objectContaining({ polarity: 'improved', aspect: 'function', category: 'physical_therapy' }));
  });
  it('takes sleep for the activity that improved (8 CCR 9792.20(a) lists sleep among the ADLs), not pain', () => {
    const sleep = f.functionalImprovement.statements.find((s) => s.evidence.quote.includes('improvement in sleep'));
    expect(sleep).toMatchObject({ polarity: 'improved', aspect: 'function' });
  });
  it('never reads a date (05/10/2016) as a pain score', () => {
    const rom = f.functionalImprovement.statements.find((s) => s.evidence.quote.includes('05/10/2016'));
    expect(rom?.aspect).not.toBe('pain');
    expect(f.painScores.map((p) => p.score)).toEqual([4]);
  });
  it('reads "sensation is not intact" as a sensory deficit found on examination', () => {
    expect(f.neuroDeficits.find((d) => d.kind === 'sensory_deficit')).toMatchObject({ negated: false, evidence: { kind: 'exam' } });
    expect(f.neuroDeficits.find((d) => d.kind === 'atrophy')).toMatchObject({ negated: true });
  });
  it('reads each numbered line under ASSESSMENT as a diagnosis as listed', () => {
    expect(f.diagnoses.map((d) => [d.value, d.evidence.kind])).toEqual([
      ['Right shoulder impingement syndrome', 'diagnosis'],
      ['Right shoulder strain', 'diagnosis'],
    ]);
  });
  it('never quotes a section heading as part of the evidence', () => {
    const headings = /^(?:SUBJECTIVE|OBJECTIVE|ASSESSMENT|PLAN)\b/;
    expect(allEvidence(f).filter((e) => headings.test(e.quote))).toEqual([]);
    expect(f.neuroDeficits.find((d) => d.kind === 'weakness')?.evidence.quote).toBe('Strength is 4+/5 in the supraspinatus.');
  });
  it('does not take the requested physical therapy for more sessions received', () => {
    expect(f.priorTreatments.filter((p) => p.category === 'physical_therapy').map((p) => p.sessions)).toEqual([6]);
  });
});

const PAIN_NOTE = `Chief complaint: low back pain radiating into the left leg.

History of present illness: The injured worker is a 47-year-old warehouse selector injured on 03/02/2015 lifting a case of water. Treatment to date has included 18 sessions of physical therapy, 6 chiropractic visits, a TENS unit and naproxen. Despite this care his leg pain persists and he cannot sit for more than 20 minutes. He takes Norco 10/325 mg one tablet every 6 hours, which reduces pain from 8/10 to 5/10 and allows him to walk his dog; he denies side effects.

Physical examination: Straight leg raise is positive on the left at 40 degrees. There is decreased sensation in the left L5 dermatome and the left extensor hallucis longus is 4/5. The right lower extremity is neurologically intact.

Diagnoses: Lumbar radiculopathy; L4-5 disc protrusion.

Plan: Request a left L4-5 transforaminal epidural steroid injection.`;

describe('a narrative pain-management note', () => {
  const f = extract([{ name: 'note', text: PAIN_NOTE }]);

  it('reads persisting symptoms "despite this care" after a treatment-to-date list as failed conservative care', () => {
    expect(f.failedConservativeCare).toMatchObject([{ negated: false }]);
    expect(f.failedConservativeCare[0].evidence.quote).toMatch(/^Despite this care/);
  });
  it('does not read "this care" as failed when no care was listed before it', () => {
    const g = extract([{ name: 'n', text: 'Despite this care his leg pain persists.' }]);
    expect(g.failedConservativeCare).toEqual([]);
  });
  it('reads "allows him to walk his dog" as a functional gain from the opioid', () => {
    expect(f.functionalImprovement.statements).toContainEqual(expect.objectContaining({ polarity: 'improved', aspect: 'function', category: 'opioid' }));
  });
  it('does not take one side found neurologically intact for the absence of every deficit', () => {
    expect(f.neuroExamOverall).toEqual([]);
    expect(f.neuroDeficits.filter((d) => !d.negated && !d.subjective).map((d) => d.kind)).toEqual(expect.arrayContaining(['straight_leg_raise', 'sensory_deficit', 'weakness']));
  });
  it('still reads a whole examination stated normal as the absence of a deficit', () => {
    const g = extract([{ name: 'n', text: 'Physical examination: He is neurologically intact in both lower extremities.' }]);
    expect(g.neuroExamOverall).toMatchObject([{ negated: true, evidence: { kind: 'exam' } }]);
  });
  it('quotes the diagnoses without their heading', () => {
    expect(f.diagnoses.map((d) => d.value)).toEqual(['Lumbar radiculopathy', 'L4-5 disc protrusion']);
  });
});

const UR_DECISION = `NOTICE OF UTILIZATION REVIEW DETERMINATION
Claim number: 0000-TEST
Date of request: 08/20/2016

Requested treatment: Lumbar MRI without contrast.
Determination: NON-CERTIFIED.

Clinical summary: The patient is a 39-year-old male with low back pain since 01/05/2016. He has completed 8 sessions of physical therapy, which helped. Examination shows no focal neurological deficit.

Rationale: The guidelines state that unequivocal objective findings of nerve compromise warrant imaging. In this case there is no documentation of red flags. The records do not reveal failure of conservative care.

Reviewer: J. Smith, MD, Board Certified Orthopaedic Surgery
Phone (555) 555-0199
`;

describe('a utilization review decision with the reviewer’s credentials', () => {
  const f = extract([{ name: 'ur', text: UR_DECISION, kind: 'ur_decision' }]);
  it('gives every quote the review kind', () => {
    expect(allEvidence(f).every((e) => e.kind === 'review')).toBe(true);
  });
  it('does not read a specialty in a signature block as a surgery', () => {
    expect(f.surgeries).toEqual([]);
    const clinic = extract([{ name: 'n', text: 'Seen at the Spine Surgery Institute by a Board Certified Orthopaedic Surgery specialist for low back pain.' }]);
    expect(clinic.surgeries).toEqual([]);
  });
  it('still reads a surgery the worker had', () => {
    const g = extract([{ name: 'n', text: 'He underwent a right knee arthroscopy on 02/03/2016.' }]);
    expect(g.surgeries).toMatchObject([{ planned: false, date: '2016-02-03' }]);
  });
  it('reads the stated gaps', () => {
    expect(f.statedGaps.map((g) => g.about)).toEqual(expect.arrayContaining(['red flags', 'failure of conservative care']));
  });
});

describe('statements that the record lacks something', () => {
  it('reach over the words that describe what is missing', () => {
    const f = extract([{ name: 'n', text: "The subjective complaints section of the note made no mention of the applicant's having issues with upper extremity paresthesias." }]);
    expect(f.neuroDeficits.filter((d) => !d.negated)).toEqual([]);
  });
  it('end at a new clause', () => {
    const f = extract([{ name: 'n', text: 'The note made no mention of neck pain, but on examination there is decreased sensation in the left C6 dermatome.' }]);
    expect(f.neuroDeficits.find((d) => d.kind === 'sensory_deficit')).toMatchObject({ negated: false });
  });
});

describe('outcomes of care already given', () => {
  it('"denies any improvement with physical therapy": the therapy was given, its benefit is denied', () => {
    const f = extract([{ name: 'n', text: 'She denies any improvement with physical therapy.' }]);
    expect(f.priorTreatments).toMatchObject([{ category: 'physical_therapy', negated: false }]);
    expect(f.functionalImprovement.statements).toMatchObject([{ polarity: 'not_improved', category: 'physical_therapy' }]);
    expect(extract([{ name: 'n', text: 'He has had no acupuncture.' }]).priorTreatments).toMatchObject([{ category: 'acupuncture', negated: true }]);
  });
  it('a tolerance measured before and after is a functional gain (8 CCR 9792.20(f))', () => {
    const f = extract([{ name: 'n', text: 'Prior chiropractic care provided 50% relief for 6 weeks and improved her sitting tolerance from 15 to 45 minutes.' }]);
    expect(f.functionalImprovement.statements).toContainEqual(expect.objectContaining({ polarity: 'improved', aspect: 'function', category: 'chiropractic' }));
  });
  it('a drug reduced is less dependence on treatment, not improvement from that drug', () => {
    const f = extract([{ name: 'n', text: 'Her Norco was reduced from four to two tablets a day.' }]);
    expect(f.functionalImprovement.statements).toMatchObject([{ polarity: 'improved', aspect: 'function', category: null }]);
  });
  it('a study stated not done is no study', () => {
    expect(extract([{ name: 'n', text: 'MRI of the lumbar spine has not been done.' }]).imaging).toEqual([]);
    expect(extract([{ name: 'n', text: 'She has not had an MRI of the knee.' }]).imaging).toEqual([]);
    expect(extract([{ name: 'n', text: 'An EMG of the lower extremities on 03/04/2016 was normal.' }]).imaging).toMatchObject([{ modality: 'emg_ncv', date: '2016-03-04' }]);
  });
});
