import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../knowledge-base/load-knowledge-base.js';
import { parseCaseFile } from '../parse-case-file.js';
import { decideCase, evaluate } from './index.js';

/**
 * The engine's three outcomes and the kinds of evidence it rests on, on synthetic records written
 * for these tests (progress notes and a UR decision as a treating office and a claims administrator
 * write them). The rules tested: 8 CCR 9792.20 (functional improvement is a clinically significant
 * improvement in activities of daily living or a reduction in work restrictions), the CPMTG's
 * "further therapy requires documented objective functional improvement", and the IMR rule that the
 * UR decision is the claims administrator's reasoning, not the medical record.
 */
const kb = loadKnowledgeBase();
const dates = { worker: { age: 46, injuryDate: '2015-02-11' }, urDecisionDate: '2016-11-15' };

const PROGRESS_NOTE = `PRIMARY TREATING PHYSICIAN'S PROGRESS REPORT (PR-2)
Date of service: 10/31/2016

Subjective: The patient returns for follow-up of low back pain with intermittent radiation to the right buttock. She has completed 12 sessions of physical therapy, which helped; she can now stand for 30 minutes instead of 10 and has returned to modified duty. She uses naproxen as needed.

Objective: Lumbar paraspinal tenderness. Flexion to 60 degrees. Sensation is intact to light touch in both lower extremities.

Diagnoses: Lumbar strain. Lumbar degenerative disc disease.

Plan: Request physical therapy 2 times a week for 3 weeks to transition to a home exercise program. Return in 6 weeks.

Electronically signed by: Treating Physician, MD
Phone: (555) 555-0100 Fax: (555) 555-0101`;

const UR_DECISION = `UTILIZATION REVIEW DETERMINATION
The request for physical therapy 2 x 3 is non-certified. There is no documentation of objective functional improvement from the prior physical therapy, and the patient should be independent in a home exercise program. Per the MTUS, further therapy requires documented functional improvement.`;

describe('three outcomes on realistic records', () => {
  it('reads measured gains and a return to modified duty as documented functional improvement, never as its absence', () => {
    const c = parseCaseFile({ ...dates, clinicalSummary: PROGRESS_NOTE, items: [{ request: 'Physical therapy 2 times a week for 3 weeks, lumbar spine' }] });
    const d = evaluate(c, 0, kb);
    const continuation = d.criteria.find((x) => x.type === 'continuationRequiresImprovement');
    expect(continuation?.status).toBe('met');
    expect(continuation?.finding).not.toMatch(/no objective functional improvement|states there was no/);
    expect(continuation?.evidence.some((e) => /stand for 30 minutes instead of 10/.test(e.quote))).toBe(true);
  });

  it('never quotes the signature block or the UR reviewer\'s reasoning as clinical evidence', () => {
    const c = parseCaseFile({
      ...dates,
      clinicalSummary: PROGRESS_NOTE,
      documents: [{ name: 'UR decision 11/15/2016', kind: 'ur_decision', text: UR_DECISION }],
      items: [{ request: 'Physical therapy 2 times a week for 3 weeks, lumbar spine' }],
    });
    const d = evaluate(c, 0, kb);
    const quotes = d.criteria.flatMap((x) => x.evidence);
    expect(quotes.some((e) => /Electronically signed|Fax:/.test(e.quote))).toBe(false);
    expect(quotes.some((e) => e.source.startsWith('UR decision'))).toBe(false);
    expect(quotes.some((e) => /non-certified|Per the MTUS/.test(e.quote))).toBe(false);
  });

  it('a UR decision given as a medical record is still not evidence of a clinical fact', () => {
    // Filed under the wrong kind: the sentences themselves read as the claims administrator's reasoning.
    const c = parseCaseFile({
      ...dates,
      clinicalSummary: 'Follow-up of chronic low back pain after a prior course of physical therapy.',
      documents: [{ name: 'attachment', text: UR_DECISION }],
      items: [{ request: 'Physical therapy 2 times a week for 3 weeks, lumbar spine' }],
    });
    const d = evaluate(c, 0, kb);
    expect(d.criteria.flatMap((x) => x.evidence).some((e) => /non-certified|no documentation of objective functional/.test(e.quote))).toBe(false);
  });

  it('a record that states both improvement and none needs the reviewer, with the reason', () => {
    const c = parseCaseFile({
      ...dates,
      clinicalSummary:
        'She has completed 4 sessions of physical therapy. She reports she is now able to walk 20 minutes and has returned to full duty. On examination today the therapist notes no functional improvement with therapy and unchanged range of motion.',
      items: [{ request: 'Physical therapy 2 times a week for 2 weeks, lumbar spine' }],
    });
    const d = evaluate(c, 0, kb);
    expect(d.needsReviewer).toBe(true);
    expect(d.reviewCodes).toContain('evidence_conflicting');
    expect(d.reviewReason).toMatch(/both/);
    expect(d.pOverturn).toBeGreaterThanOrEqual(0);
    expect(d.pOverturn).toBeLessThanOrEqual(1);
  });

  it('a request that omits the number of visits, with everything else met, is unclear rather than decided', () => {
    const c = parseCaseFile({
      ...dates,
      worker: { age: 39, injuryDate: '2016-06-01' },
      clinicalSummary: 'Subjective: Neck pain since a lifting injury. No prior physical therapy. Objective: Cervical paraspinal tenderness with spasm and reduced rotation.',
      items: [{ request: 'Physical therapy for the cervical spine' }],
    });
    const d = evaluate(c, 0, kb);
    expect(d.reviewCodes).toContain('request_unclear');
    expect(d.needsReviewer).toBe(true);
  });

  it('services that follow a procedure whose draft is flagged are flagged too', () => {
    const c = parseCaseFile({
      ...dates,
      clinicalSummary: 'Right shoulder pain. Plan for surgery.',
      items: [{ request: 'Right shoulder arthroscopic labral repair' }, { request: 'Post-op physical therapy 12 sessions' }],
    });
    // A model whose thresholds flag every draft, so the test does not depend on the shipped fit.
    const flagAll = { ...kb, calibration: { ...kb.calibration, thresholds: { flagUpheldAbove: 0, flagOverturnedBelow: 1 } } };
    const [surgery, pt] = decideCase(c, flagAll);
    expect(surgery.needsReviewer).toBe(true);
    expect(pt.needsReviewer).toBe(true);
    expect(pt.reviewReason).toContain('Right shoulder arthroscopic labral repair');
    // The code says where the doubt comes from: the procedure's rule-based reason, or only its probability.
    const ruleBased = surgery.reviewCodes.some((c) => c !== 'probability');
    expect(pt.reviewCodes).toContain(ruleBased ? 'depends_on_flagged' : 'probability');
    expect(pt.dependsOn).toBe('Right shoulder arthroscopic labral repair');
  });
});

describe('services that follow a procedure not in dispute', () => {
  // ODG, Preoperative testing, general: pre-operative testing is needed only for a surgery that is
  // itself medically necessary. Only disputed items come to IMR (Labor Code §4610.5), so a procedure
  // not in dispute was certified by UR or never requested; the record must say which.
  const preop = (summary: string) =>
    evaluate(parseCaseFile({ ...dates, clinicalSummary: summary, items: [{ request: 'Pre-operative labs: CBC and CMP' }] }), 0, kb);

  it('needs the reviewer when the record does not say whether the surgery was certified or performed', () => {
    const d = preop('Right knee pain with locking for eight months. Exam: medial joint line tenderness, positive McMurray test. MRI: medial meniscus tear. Age 58, treated hypertension.');
    expect(d.criteria.find((c) => c.type === 'primaryProcedureCertified')?.status).toBe('unknown');
    expect(d.needsReviewer).toBe(true);
    expect(d.reviewCodes).toContain('procedure_unconfirmed');
    expect(d.reviewReason).toMatch(/not in dispute/);
  });

  it('is not flagged for the procedure when the record shows the surgery was certified', () => {
    const d = preop('Right knee pain with locking for eight months. MRI: medial meniscus tear. The right knee arthroscopic partial medial meniscectomy was certified by utilization review on 10/02/2016 and is scheduled for 11/20/2016. Age 58, treated hypertension.');
    expect(d.criteria.find((c) => c.type === 'primaryProcedureCertified')?.status).toBe('met');
    expect(d.reviewCodes).not.toContain('procedure_unconfirmed');
  });

  it('follows the procedure in dispute instead when there is one', () => {
    const c = parseCaseFile({
      ...dates,
      clinicalSummary: 'Left shoulder pain with overhead reaching for six weeks. Exam: positive Neer and Hawkins signs. Two physical therapy visits completed so far.',
      items: [{ request: 'Left shoulder arthroscopic subacromial decompression' }, { request: 'Pre-operative labs: CBC and CMP' }],
    });
    const [, labs] = decideCase(c, kb);
    expect(labs.reviewCodes).not.toContain('procedure_unconfirmed');
    expect(labs.dependsOn).toBe('Left shoulder arthroscopic subacromial decompression');
  });

  // The same rule for every service the request ties to a surgery, whatever its category: a drug, a
  // device, home care, therapy. Written as requests are written ("Post-op", "Post operative",
  // "Associated surgical services:", "Pre-operative").
  const PERIOPERATIVE = [
    'Post-op Norco 5/325 mg #40, 1 tablet every 6 hours as needed for pain',
    'Post operative docusate 100 mg twice daily #30',
    'Pre-operative cefazolin 2 g IV',
    'Associated surgical services: cold therapy unit, 7 day rental',
    'Post-surgical home health nurse visits, 4 visits',
    'Post operative physical therapy 2 times a week for 4 weeks, right knee',
    'Postoperative front-wheeled walker',
    // the antiemetic topic's own indication (post-operative nausea) reads the same silent record
    'Post-op ondansetron 4 mg #10',
  ];
  const NO_SURGERY_SHOWN = 'Right knee pain with locking for eight months. Exam: medial joint line tenderness, positive McMurray test. MRI: medial meniscus tear. She takes ibuprofen as needed.';

  for (const request of PERIOPERATIVE)
    it(`flags "${request}" when no procedure is in dispute and none is shown certified or performed`, () => {
      const d = evaluate(parseCaseFile({ ...dates, clinicalSummary: NO_SURGERY_SHOWN, items: [{ request }] }), 0, kb);
      expect(d.reviewCodes).toContain('procedure_unconfirmed');
      expect(d.needsReviewer).toBe(true);
    });

  for (const request of PERIOPERATIVE)
    it(`"${request}" follows a procedure in dispute that is not medically necessary`, () => {
      // ACOEM Ch. 13 pp. 344-345: no mechanical symptoms and no tear on MRI; the meniscectomy is not supported
      const c = parseCaseFile({
        ...dates,
        clinicalSummary: 'Right knee ache with stairs for a year. Exam: mild crepitus, full extension. MRI: moderate medial compartment osteoarthritis.',
        items: [{ request: 'Right knee arthroscopic partial medial meniscectomy' }, { request }],
      });
      const [surgery, service] = decideCase(c, kb);
      expect(surgery.ruleDecision).toBe('Upheld');
      expect(service.dependsOn).toBe('Right knee arthroscopic partial medial meniscectomy');
      expect(service.ruleDecision).toBe('Upheld');
      expect(service.criteria[0]?.type).toBe('primaryProcedureCertified');
    });

  it('is not flagged for the procedure when the record shows it was performed', () => {
    const summary = 'She underwent right knee surgery on 10/20/2016, a partial medial meniscectomy. Exam two weeks later: incisions healing, knee flexion to 100 degrees.';
    for (const request of ['Post-op Norco 5/325 mg #40, 1 tablet every 6 hours as needed for pain', 'Post operative physical therapy 2 times a week for 4 weeks, right knee']) {
      const d = evaluate(parseCaseFile({ ...dates, clinicalSummary: summary, items: [{ request }] }), 0, kb);
      expect(d.reviewCodes, request).not.toContain('procedure_unconfirmed');
    }
  });

  it('before the 2016 opioid guideline too, a post-operative opioid drafted under the chronic-pain topic still waits on its surgery', () => {
    // The CPMTG (2009) opioid criteria are written for chronic use; they do not speak of the surgery.
    const d = evaluate(parseCaseFile({ ...dates, urDecisionDate: '2016-03-15', clinicalSummary: NO_SURGERY_SHOWN, items: [{ request: 'Post-op Percocet 5/325 mg #30' }] }), 0, kb);
    expect(d.reviewCodes).toContain('procedure_unconfirmed');
  });

  it('an opioid the request does not tie to a surgery is not waiting on one', () => {
    const d = evaluate(parseCaseFile({ ...dates, clinicalSummary: NO_SURGERY_SHOWN, items: [{ request: 'Norco 5/325 mg #40, 1 tablet every 6 hours as needed for pain' }] }), 0, kb);
    expect(d.reviewCodes).not.toContain('procedure_unconfirmed');
    expect(d.dependsOn).toBeNull();
  });
});

describe('findings of the right body region', () => {
  // ACOEM 2004 Ch. 8 pp. 177-178: neck imaging needs "physiologic evidence of tissue insult or
  // neurologic dysfunction"; Tinel's and Phalen's signs test a wrist entrapment (Ch. 11), not the neck.
  it('does not read wrist entrapment signs as the neurologic dysfunction a neck MRI needs', () => {
    const c = parseCaseFile({
      ...dates,
      clinicalSummary: 'Neck pain and right hand numbness at night for two months. Exam: positive Tinel sign and positive Phalen test at the right wrist. Strength 5/5 in both arms and reflexes symmetric.',
      items: [{ request: 'Cervical spine MRI to evaluate hand numbness' }],
    });
    const d = evaluate(c, 0, kb);
    const neuro = d.criteria.find((x) => /neurologic dysfunction/.test(x.statement));
    expect(neuro?.status).not.toBe('met');
    expect(neuro?.evidence.some((e) => /Tinel|Phalen/.test(e.quote)) ?? false).toBe(false);
    expect(d.ruleDecision).toBe('Upheld');
  });

  it('a finding stated absent after its mention ("radiculopathy ... were not seen") is not documented', () => {
    // The same NegEx scanner reads the findings vocabulary's patterns as reads the fact rules.
    const c = parseCaseFile({
      ...dates,
      clinicalSummary: 'Neck pain for four months. Electromyographic indicators of acute cervical radiculopathy were not seen on the study of 9/12/2016.',
      items: [{ request: 'Cervical spine MRI without contrast, to evaluate neck pain' }],
    });
    const d = evaluate(c, 0, kb);
    const neuro = d.criteria.find((x) => /neurologic dysfunction/.test(x.statement));
    expect(neuro?.status).not.toBe('met');
    expect(neuro?.evidence.some((e) => e.quote.includes('were not seen')) && neuro?.status === 'met').toBe(false);
  });

  it('still reads them as the signs of a suspected carpal tunnel syndrome for electrodiagnostic testing', () => {
    const c = parseCaseFile({
      ...dates,
      clinicalSummary: 'Right hand numbness at night for two months despite a wrist splint and ibuprofen. Exam: positive Tinel sign and positive Phalen test at the right wrist.',
      items: [{ request: 'Nerve conduction study of the right upper extremity' }],
    });
    const d = evaluate(c, 0, kb);
    expect(d.criteria.some((x) => x.status === 'met' && x.evidence.some((e) => /Tinel|Phalen/.test(e.quote)))).toBe(true);
  });
});

describe('stated gaps', () => {
  it('a record that says a required finding is not documented fails the criterion rather than leaving it open', () => {
    const c = parseCaseFile({
      ...dates,
      clinicalSummary: 'Chronic low back pain. Exam: lumbar tenderness. There is no documentation of muscle spasm or of an acute flare-up.',
      items: [{ request: 'Cyclobenzaprine 7.5 mg #30' }],
    });
    const d = evaluate(c, 0, kb);
    const spasm = d.criteria.find((x) => x.status !== 'met' && /spasm/i.test(x.finding));
    expect(spasm?.status).toBe('not_met');
    expect(spasm?.evidence.some((e) => /no documentation of muscle spasm/.test(e.quote))).toBe(true);
    expect(d.ruleDecision).toBe('Upheld');
  });
});

describe('services that follow a procedure or a drug', () => {
  it('pre-operative tests follow a procedure the record shows was certified, though it is not in dispute', () => {
    const c = parseCaseFile({
      ...dates,
      worker: { age: 58, injuryDate: '2015-09-01' },
      clinicalSummary:
        'Right shoulder pain with a full-thickness supraspinatus tear on MRI. Right shoulder arthroscopic rotator cuff repair was certified by utilization review on 10/20/2016. History of hypertension treated with lisinopril.',
      items: [{ request: 'Pre-op labs: CBC and basic metabolic panel' }],
    });
    const d = evaluate(c, 0, kb);
    const primary = d.criteria.find((x) => x.type === 'primaryProcedureCertified');
    expect(primary?.status).toBe('met');
    expect(primary?.evidence.some((e) => /was certified/.test(e.quote))).toBe(true);
  });

  it('a wrist fracture fixation is not judged by the carpal tunnel release criteria', () => {
    const c = parseCaseFile({
      ...dates,
      clinicalSummary: 'Fall on an outstretched hand with a displaced distal radius fracture on x-ray.',
      items: [{ request: 'Open reduction internal fixation of the left distal radius fracture' }],
    });
    expect(evaluate(c, 0, kb).topicId).not.toBe('carpal-tunnel-release');
    const ctr = parseCaseFile({ ...c, items: [{ request: 'Left carpal tunnel release' }] });
    expect(evaluate(ctr, 0, kb).topicId).toBe('carpal-tunnel-release');
  });

  it('computes the daily morphine equivalent from the quantity and the days supplied', () => {
    const c = parseCaseFile({
      ...dates,
      clinicalSummary: 'Chronic low back pain on long-acting oxycodone; urine drug screens consistent; CURES reviewed; opioid agreement on file.',
      items: [{ request: 'Oxycodone ER 20mg #60, 30 day supply' }],
    });
    const med = evaluate(c, 0, kb).criteria.find((x) => x.type === 'morphineEquivalentLimit');
    expect(med?.status).not.toBe('unknown');
    expect(med?.finding).toMatch(/60 mg morphine equivalents a day/);
  });
});

describe('drafting from the records alone', () => {
  it('reads the medical records when no summary was written, and flags a case with no clinical record', () => {
    const withRecords = parseCaseFile({
      ...dates,
      documents: [{ name: 'PR-2 10/31/2016', kind: 'medical_record', text: PROGRESS_NOTE }],
      items: [{ request: 'Physical therapy 2 times a week for 3 weeks, lumbar spine' }],
    });
    const d = evaluate(withRecords, 0, kb);
    expect(d.criteria.flatMap((x) => x.evidence).some((e) => e.source === 'PR-2 10/31/2016')).toBe(true);
    expect(d.reviewCodes).not.toContain('evidence_thin');
    const onlyUr = parseCaseFile({ ...dates, documents: [{ name: 'UR', kind: 'ur_decision', text: UR_DECISION }], items: [{ request: 'Physical therapy 2 times a week for 3 weeks, lumbar spine' }] });
    const thin = evaluate(onlyUr, 0, kb);
    expect(thin.needsReviewer).toBe(true);
    expect(thin.reviewCodes).toContain('evidence_thin');
  });
});

describe('no record', () => {
  it('flags even an item whose request alone fails a criterion when there is no clinical record', () => {
    const c = parseCaseFile({ ...dates, items: [{ request: 'Chiropractic manipulation 24 visits for the lumbar spine' }] });
    const d = evaluate(c, 0, kb);
    expect(d.ruleDecision).toBe('Upheld');
    expect(d.needsReviewer).toBe(true);
    expect(d.reviewCodes).toContain('evidence_thin');
  });
});
