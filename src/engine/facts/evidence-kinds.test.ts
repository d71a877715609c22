import { describe, expect, it } from 'vitest';
import { classifySentence, CUE_REGEXES, headingsOf, sectionAt, sectionOf, SentenceCues } from './evidence-kinds.js';

describe('sectionOf: SOAP and report headings', () => {
  const table: [string, string | null][] = [
    ['Subjective: She reports low back pain.', 'complaint'],
    ['CHIEF COMPLAINT:', 'complaint'],
    ['HPI: 45-year-old injured at work.', 'complaint'],
    ['History of present illness:', 'complaint'],
    ['Objective:', 'exam'],
    ['PHYSICAL EXAMINATION', 'exam'],
    ['Exam: tender lumbar paraspinals', 'exam'],
    ['Diagnoses:', 'diagnosis'],
    ['Assessment: lumbar strain', 'diagnosis'],
    ['IMPRESSION:', 'diagnosis'],
    ['Plan: continue home exercise.', 'plan'],
    ['Treatment plan:', 'plan'],
    ['Recommendations:', 'plan'],
    ['Request for authorization:', 'plan'],
    ['RFA:', 'plan'],
    ['Current medications: naproxen', 'history'],
    ['Treatment to date:', 'history'],
    ['Imaging:', 'test'],
    ['Diagnostic studies:', 'test'],
    ['Electronically signed by: A. Provider, MD', 'administrative'],
    ['DOB: 01/02/1970', 'administrative'],
    ['Fax: (555) 555-0100', 'administrative'],
    ['Utilization review determination:', 'review'],
    ['S: pain 6/10', 'complaint'],
    ['P: PT 2x4', 'plan'],
    ['She had physical therapy.', null],
    ['History of GI bleed in 2010.', null],
    ['a', null],
  ];
  it.each(table)('%s → %s', (line, kind) => expect(sectionOf(line)).toBe(kind));
  it('finds headings at line starts only, and the section in force at an offset', () => {
    const text = 'SUBJECTIVE: neck pain.\nOBJECTIVE:\nTender at C5.\nPLAN: PT.';
    const h = headingsOf(text);
    expect(h.map((x) => x.kind)).toEqual(['complaint', 'exam', 'plan']);
    expect(sectionAt(h, text.indexOf('Tender'))).toBe('exam');
    expect(sectionAt(h, 0)).toBe('complaint');
    expect(headingsOf('The plan: continue.')).toEqual([]);
  });
});

describe('classifySentence: cues in prose, and precedence over sections', () => {
  const table: [string, string][] = [
    ['On examination there was decreased sensation in the L5 dermatome.', 'exam'],
    ['The MRI of the lumbar spine dated 03/02/2016 showed a 4 mm disc protrusion at L4-5.', 'test'],
    ['She complains of numbness in the right hand.', 'complaint'],
    ['Diagnoses include lumbar radiculopathy and lumbar strain.', 'diagnosis'],
    ['She has completed 12 sessions of physical therapy.', 'history'],
    ['Treatment to date has included a TENS unit, a lumbar brace and medications.', 'history'],
    ['The provider will request 8 sessions of acupuncture.', 'plan'],
    ['Utilization review non-certified the request on 04/01/2016.', 'review'],
    ['The UR physician noted that the records did not show improvement.', 'review'],
    ['The claims administrator modified the request to 6 sessions.', 'review'],
    ['The MTUS states that acupuncture may be used as an adjunct to physical rehabilitation.', 'administrative'],
    ['Guidelines recommend a home exercise program.', 'administrative'],
    ['Electronically signed by Dana Reyes, MD on 05/02/2016.', 'administrative'],
    ['Phone (555) 555-0142, fax (555) 555-0143.', 'administrative'],
  ];
  it.each(table)('%s → %s', (text, kind) => expect(classifySentence(text)).toBe(kind));
  it('the section decides, except review and administrative cues', () => {
    expect(classifySentence('Tender at L4-5 with spasm.', 'exam')).toBe('exam');
    expect(classifySentence('Continue naproxen.', 'plan')).toBe('plan');
    expect(classifySentence('Utilization review denied the request for PT.', 'history')).toBe('review');
    expect(classifySentence('She has completed 6 sessions of chiropractic care.', 'complaint')).toBe('history');
    expect(classifySentence('X-rays showed no fracture.', 'exam')).toBe('test');
  });
});

// ACOEM separates the history (symptoms the worker reports) from the physical examination (signs the
// examiner observes), and MTUS 9792.20(e) asks for functional improvement documented by the clinician
// at a visit: a worker's report is a complaint even when it uses the examination's words.
describe('a worker\'s report is a complaint; an examiner\'s observation is an examination finding', () => {
  it.each([
    ['The injured worker reported limited range of motion of the shoulder.', 'complaint'],
    ['She was concerned about numbness and weakness in the right arm.', 'complaint'],
    ['He complains of tenderness over the lateral elbow.', 'complaint'],
    ['The patient states that her gait is unsteady.', 'complaint'],
    ['Range of motion of the shoulder was limited to 90 degrees of abduction.', 'exam'],
    ['She reported neck pain; on examination there was decreased sensation in the C6 dermatome.', 'exam'],
    ['The physician noted tenderness at the lateral epicondyle.', 'exam'],
    ['Strength was 4/5 in the right deltoid.', 'exam'],
  ])('"%s" → %s', (text, kind) => expect(classifySentence(text)).toBe(kind));
  it('a list of conditions under treatment is a diagnosis, not a finding', () => {
    expect(classifySentence('The injured worker is undergoing treatment for cervical disc displacement and lumbar radiculopathy.')).toBe('diagnosis');
    expect(classifySentence('He is being treated for a right knee meniscal tear.')).toBe('diagnosis');
  });
});

describe('SentenceCues: every cue in one pass tells what its own regex tells', () => {
  const sentences = [
    'Utilization review non-certified the request for 12 sessions of physical therapy.',
    'Per MTUS, functional improvement is defined as a clinically significant improvement in activities of daily living.',
    'Treatment to date has included physical therapy and NSAIDs.',
    'The patient reports that, after an injury at work many months ago, treatment to date included acupuncture.',
    'Pain continues. Prior treatments: chiropractic care.',
    'Plan: request authorization for an MRI of the lumbar spine.',
    'She has completed 6 sessions of chiropractic care and will continue home exercise.',
    'Diagnoses: lumbar radiculopathy.',
    '   Assessment: cervical strain',
    'He was diagnosed with carpal tunnel syndrome in 2014.',
    'EMG/NCV showed mild median neuropathy.',
    'On exam there is tenderness to palpation and 4/5 strength.',
    'She complains of neck pain radiating to the right arm.',
    'The IMR reviewer upheld the denial of the request.',
    'Phone: (555) 555-0100, 123 Main Street, Springfield, CA 90000',
    'Guidelines recommend a home exercise program.',
    'The injured worker reported limited range of motion of the shoulder.',
    'She is undergoing treatment for lumbar strain.',
    '',
  ];
  const cueOf: [keyof typeof CUE_REGEXES, keyof SentenceCues][] = [
    ['REVIEW_CUE', 'review'],
    ['ADMIN_CUE', 'admin'],
    ['HISTORY_LIST', 'historyList'],
    ['PLAN_CUE', 'plan'],
    ['PLAN_OR_REVIEW_CUE', 'planOrReview'],
    ['COMPLETION_CUE', 'completion'],
    ['DIAGNOSIS_CUE', 'diagnosis'],
    ['TEST_CUE', 'test'],
    ['EXAM_CUE', 'examStatement'],
    ['EXAM_WORD', 'examWord'],
    ['WORKER_REPORT', 'workerReport'],
    ['COMPLAINT_CUE', 'complaint'],
    ['GUIDELINE_TEXT', 'guidelineText'],
    ['ADMINISTRATIVE_TEXT', 'administrativeText'],
  ];
  it.each(sentences)('"%s"', (text) => {
    const cues = new SentenceCues(text);
    for (const [re, key] of cueOf) expect(cues[key], re).toBe(CUE_REGEXES[re].test(text));
  });
  it('reads a history list only within the first 40 characters and before any full stop or semicolon', () => {
    expect(new SentenceCues('Treatment to date: PT.').historyList).toBe(true);
    expect(new SentenceCues('Pain continues. Prior treatments: chiropractic care.').historyList).toBe(false);
    expect(new SentenceCues('The patient reports that, after an injury at work many months ago, treatment to date included acupuncture.').historyList).toBe(false);
  });
});

// SOAP conventions: the Assessment holds the diagnoses and the Plan the orders; a section is a paragraph.
// A heading's scope ends at the next heading, at a blank line after its content, or, for a list section
// (diagnoses, plan), where the text plainly returns to narrative ("On examination", "She reports", "He has
// completed"): those sentences are read by their own cues, not as diagnoses.
describe('a heading’s scope ends where its section does', () => {
  const kindsOf = (text: string, sentences: string[]) => {
    const headings = headingsOf(text);
    return sentences.map((s) => {
      const at = text.indexOf(s);
      return classifySentence(s, sectionAt(headings, at));
    });
  };
  it('ends an Assessment at a sentence that returns to the examination or the worker’s report', () => {
    const text = 'Assessment: Lumbar strain. Lumbar radiculopathy. On examination, there is decreased sensation over the left L5 dermatome. She reports numbness of the left foot. He has completed 12 sessions of physical therapy.';
    expect(kindsOf(text, ['Lumbar radiculopathy.', 'On examination, there is decreased sensation over the left L5 dermatome.', 'She reports numbness of the left foot.', 'He has completed 12 sessions of physical therapy.'])).toEqual([
      'diagnosis',
      'exam',
      'complaint',
      'history',
    ]);
  });
  it('ends a Diagnoses list at a blank line', () => {
    const text = 'Diagnoses:\n1. Cervical strain\n2. Lumbar strain\n\nThe injured worker underwent an MRI of the lumbar spine that showed a disc protrusion at L4-5.';
    const headings = headingsOf(text);
    expect(sectionAt(headings, text.indexOf('2. Lumbar'))).toBe('diagnosis');
    expect(sectionAt(headings, text.indexOf('The injured worker'))).toBeNull();
    expect(classifySentence('The injured worker underwent an MRI of the lumbar spine that showed a disc protrusion at L4-5.', sectionAt(headings, text.indexOf('The injured')))).toBe('test');
  });
  it('keeps a heading alone on its line over the blank line before its content', () => {
    const text = 'DIAGNOSES:\n\nLumbar radiculopathy.\nLumbar strain.';
    expect(sectionAt(headingsOf(text), text.indexOf('Lumbar strain'))).toBe('diagnosis');
  });
  it('keeps a diagnosis list whose items name history ("status post") as diagnoses', () => {
    const text = 'Assessment: 1. Lumbar radiculopathy. 2. Status post L4-5 fusion. 3. Chronic pain syndrome.';
    const headings = headingsOf(text);
    expect(sectionAt(headings, text.indexOf('Status post'))).toBe('diagnosis');
    expect(sectionAt(headings, text.indexOf('Chronic pain'))).toBe('diagnosis');
  });
  it('does not end an examination section at a worker’s report (only list sections end at narrative)', () => {
    const text = 'Objective: Tenderness over the lumbar paraspinals. The patient reports pain with flexion. Straight leg raise is positive on the left.';
    expect(sectionAt(headingsOf(text), text.indexOf('Straight leg'))).toBe('exam');
  });
  it('ends at the next heading as before', () => {
    const text = 'Assessment: lumbar strain.\nPlan: physical therapy 2 times a week for 4 weeks.';
    expect(sectionAt(headingsOf(text), text.indexOf('physical therapy'))).toBe('plan');
  });
});
