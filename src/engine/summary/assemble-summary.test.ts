import { describe, expect, it } from 'vitest';
import { assembleSummary, type SummaryDocument } from './assemble-summary.js';

// Synthetic records, written for this test (not taken from any published letter).
const PROGRESS_NOTE = `PRIMARY TREATING PHYSICIAN'S PROGRESS REPORT (PR-2)
Patient: Jane Roe    DOB: 01/02/1975    Claim #: 123-456
Date of service: 03/04/2024

Subjective: The patient sustained an industrial injury to her lower back on 06/15/2023 while lifting a box of files. She complains of low back pain radiating to the left leg, rated 7/10.
History: Treatment to date has included 12 sessions of physical therapy and naproxen without lasting improvement. She has been working modified duty since August 2023.
Objective: On examination there is tenderness over the L4-5 paraspinals. Straight leg raise is positive on the left at 45 degrees. Sensation is decreased in the left L5 dermatome.
Diagnoses: Lumbar radiculopathy, left L5. Lumbar disc protrusion at L4-5.
Plan: Request authorization for an MRI of the lumbar spine. Follow up in 4 weeks.
Electronically signed by: A. Provider, MD
`;

const UR_DECISION = `NOTICE OF UTILIZATION REVIEW DETERMINATION
The request for an MRI of the lumbar spine is non-certified because the records do not document a trial of conservative care of at least 4 weeks.
Per ACOEM, imaging is not recommended in the first month of symptoms absent red flags.
Reviewer: B. Reviewer, MD
`;

const docs: SummaryDocument[] = [
  { source: 'medical record: pr2.txt', kind: 'medical_record', text: PROGRESS_NOTE },
  { source: 'UR decision: ur.txt', kind: 'ur_decision', text: UR_DECISION },
];

describe('assembleSummary: a clinical case summary to start from, quoted from the records', () => {
  const s = assembleSummary(docs, ['MRI of the lumbar spine without contrast']);
  const section = (id: string) => s.sections.find((x) => x.id === id)?.sentences.map((x) => x.text) ?? [];

  it('sorts the record into the order of a determination: injury, diagnoses, treatment, complaints, findings, request, UR', () => {
    expect(s.sections.map((x) => x.id)).toEqual(['injury', 'diagnoses', 'treatment', 'complaints', 'findings', 'request', 'utilizationReview']);
    expect(section('injury')[0]).toMatch(/sustained an industrial injury to her lower back on 06\/15\/2023/);
    expect(section('treatment').join(' ')).toMatch(/12 sessions of physical therapy and naproxen/);
    expect(section('complaints').join(' ')).toMatch(/complains of low back pain radiating/);
    expect(section('findings').join(' ')).toMatch(/Straight leg raise is positive/);
    expect(section('findings').join(' ')).toMatch(/Sensation is decreased in the left L5 dermatome/);
    expect(section('request')).toEqual(['The request is for MRI of the lumbar spine without contrast.']);
  });

  it('quotes each sentence as written, linked to the document and the offsets it came from', () => {
    for (const sec of s.sections) {
      for (const x of sec.sentences) {
        if (x.source === 'application') continue;
        const doc = docs.find((d) => d.source === x.source)!;
        expect(doc.text.slice(x.start!, x.end!).replace(/\s+/g, ' ').trim()).toContain(x.text.slice(0, 30));
      }
    }
  });

  it('takes only the reasons from a UR decision, labelled as such, and never as a clinical finding', () => {
    expect(section('utilizationReview').join(' ')).toMatch(/non-certified because the records do not document a trial of conservative care/);
    const clinical = s.sections.filter((x) => x.id !== 'utilizationReview').flatMap((x) => x.sentences);
    expect(clinical.some((x) => x.source.startsWith('UR decision'))).toBe(false);
    expect(s.text).toMatch(/\n\nUtilization review: The request for an MRI/);
  });

  it('leaves out headers, signatures, the plan and quoted guideline text', () => {
    expect(s.text).not.toMatch(/Electronically signed|DOB|Claim #|Follow up in 4 weeks|Per ACOEM/);
  });

  it('says which documents gave nothing, and composes a summary from no records at all', () => {
    const none = assembleSummary([{ source: 'medical record: cover.txt', kind: 'medical_record', text: 'Fax cover\nPages: 3\n' }], ['Physical therapy 2x4']);
    expect(none.unused).toEqual(['medical record: cover.txt']);
    expect(none.text).toBe('The request is for Physical therapy 2x4.');
    expect(assembleSummary([], []).text).toBe('');
  });

  it('keeps a sentence once when two records repeat it', () => {
    const twice = assembleSummary([docs[0], { ...docs[0], source: 'medical record: copy.txt' }], []);
    const all = twice.sections.flatMap((x) => x.sentences.map((y) => y.text));
    expect(new Set(all).size).toBe(all.length);
    expect(twice.unused).toEqual(['medical record: copy.txt']);
  });
});
