/**
 * How the surgery topics read the record's evidence for their criteria: synthetic records written from
 * the guideline text, each test naming the sentence it follows. The topic cases (the topics' own data)
 * hold one met, one not met and one conflicting record per topic; these add the wordings a record uses.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../evaluate/index.js';
import { parseCaseFile } from '../parse-case-file.js';
import { loadKnowledgeBase } from './load-knowledge-base.js';

const kb = loadKnowledgeBase();

function decide(request: string, summary: string, injuryDate = '2014-06-01') {
  const d = evaluate(parseCaseFile({ worker: { age: 40, injuryDate }, urDecisionDate: '2015-06-01', clinicalSummary: summary, items: [{ request }] }), 0, kb);
  const status = (id: string) => d.criteria.find((c) => c.id === id)?.status;
  return { d, status };
}

// ACOEM 2004 Ch. 9 pp. 209-211: clear clinical and imaging evidence of a lesion shown to benefit from
// surgical repair; for recurrent dislocation or instability, surgical stabilisation [U].
describe('shoulder stabilisation: the clinical evidence of instability', () => {
  const MRI = 'MR arthrogram of the left shoulder revealed an anterior labral tear with a Bankart lesion.';
  it.each([
    ['He has had recurrent dislocations of the left shoulder.'],
    ['He has dislocated the shoulder three times since the injury.'],
    ['He reports the shoulder feels unstable and slips out of the socket with overhead work.'],
    ['On examination the apprehension test is positive.'],
  ])('"%s" is clinical evidence, and with the lesion on imaging the stabilisation is supported', (clinical) => {
    const { d, status } = decide('Left shoulder arthroscopic Bankart repair', `${MRI} ${clinical}`);
    expect(status('clinical')).toBe('met');
    expect(d.ruleDecision).toBe('Overturned');
  });

  it('a stable shoulder with negative instability tests is not clinical evidence of instability', () => {
    const { d, status } = decide('Left shoulder arthroscopic Bankart repair', `${MRI} The shoulder is stable, with negative apprehension and relocation tests.`);
    expect(status('clinical')).not.toBe('met');
    expect(d.ruleDecision).toBe('Upheld');
  });

  it('no course of conservative care is asked before the stabilisation of recurrent dislocations', () => {
    const { d } = decide('Left shoulder arthroscopic Bankart repair', `${MRI} He has had recurrent dislocations of the left shoulder.`, '2015-04-20');
    expect(d.criteria.map((c) => c.id)).not.toContain('conservative');
    expect(d.ruleDecision).toBe('Overturned');
  });
});

// ACOEM 2004 Ch. 9 p. 211 (as IMR rationales quote it) [U]: for partial-thickness tears and small
// full-thickness tears presenting primarily as impingement, surgery is reserved for cases failing
// conservative therapy for three months.
describe('rotator cuff repair: the size of the tear', () => {
  const EXAM = 'Exam: positive Hawkins sign and supraspinatus strength 4/5.';
  it('a partial-thickness tear needs failed conservative care', () => {
    const { d, status } = decide('Right shoulder arthroscopic rotator cuff repair', `${EXAM} MRI of the right shoulder shows a partial-thickness bursal-sided supraspinatus tear.`);
    expect(status('partial-tear-conservative')).toBe('unknown');
    expect(d.ruleDecision).toBe('Upheld');
  });

  it('a partial-thickness tear after failed therapy and an injection is supported', () => {
    const { d } = decide('Right shoulder arthroscopic rotator cuff repair', `${EXAM} MRI of the right shoulder shows a partial-thickness bursal-sided supraspinatus tear. Pain persists despite four months of physical therapy and a cortisone injection.`);
    expect(d.ruleDecision).toBe('Overturned');
  });

  it('a large full-thickness tear does not wait for conservative care', () => {
    const { status } = decide('Right shoulder arthroscopic rotator cuff repair', `${EXAM} MRI of the right shoulder shows a full-thickness supraspinatus tear retracted 3 cm.`);
    expect(status('partial-tear-conservative')).toBe('not_applicable');
  });
});

// ACOEM 2004 Ch. 9 p. 211 [U]: conservative care, including cortisone injections, can be carried out
// for at least three to six months before considering surgery (for impingement).
describe('decompression for impingement', () => {
  const BASE = 'Exam: positive Neer and Hawkins signs. MRI of the right shoulder shows subacromial impingement with bursitis. Pain persists despite five months of physical therapy.';
  it('is decided by its own topic, which asks for an injection without lasting benefit', () => {
    const { d, status } = decide('Right shoulder arthroscopic subacromial decompression', BASE);
    expect(d.topicId).toBe('surgery-shoulder-decompression');
    expect(status('injection')).toBe('unknown');
    expect(d.ruleDecision).toBe('Upheld');
  });

  it('is supported once a cortisone injection gave only temporary relief', () => {
    const { d } = decide('Right shoulder arthroscopic subacromial decompression', `${BASE} A subacromial cortisone injection gave only temporary relief.`);
    expect(d.ruleDecision).toBe('Overturned');
  });
});

// ACOEM 2004 Ch. 8 p. 180 (as IMR rationales quote it) [U]: persistent, severe, and disabling shoulder
// or arm symptoms; clear clinical, imaging and electrophysiologic evidence of the same lesion;
// unresolved radicular symptoms after conservative treatment.
describe('cervical surgery', () => {
  const IMAGING = 'MRI of the cervical spine shows a left C6-7 disc herniation compressing the left C7 nerve root.';
  it('is decided with the neck chapter, and supported with radicular signs, a matching lesion and failed care', () => {
    const { d } = decide('Anterior cervical discectomy and fusion C6-7', `Left arm pain into the middle finger. Exam: diminished left triceps reflex and decreased sensation in the left C7 dermatome. ${IMAGING} Treatment to date has included physical therapy and an epidural steroid injection. He continues to have left arm pain.`);
    expect(d.topicId).toBe('surgery-cervical');
    expect(d.citation.topic).toBe('Neck and Upper Back Complaints');
    expect(d.ruleDecision).toBe('Overturned');
  });

  it('is not supported for neck pain with a normal neurological examination', () => {
    const { d, status } = decide('Anterior cervical discectomy and fusion C6-7', `Neck pain without radiation. Neurologically intact in both upper extremities; no radiculopathy. ${IMAGING} Pain persists despite physical therapy.`);
    expect(status('radiculopathy')).not.toBe('met');
    expect(d.ruleDecision).toBe('Upheld');
  });
});

// ACOEM 2004 Ch. 12 p. 307 [U]: fusion for increased spinal instability; no good evidence for fusion
// for low back pain without instability; not usually in the first three months of symptoms.
describe('lumbar fusion', () => {
  const CARE = 'Pain persists despite physical therapy and two epidural injections.';
  it.each([
    ['Flexion-extension radiographs show 5 mm of translation at L4-5.', 'met'],
    ['MRI shows an unstable grade I spondylolisthesis at L4-5.', 'met'],
    ['Flexion-extension films show no abnormal motion.', 'not_met'],
    ['MRI shows degenerative disc disease at L4-5.', 'unknown'],
  ])('"%s" -> instability %s', (finding, expected) => {
    expect(decide('L4-5 posterior lumbar interbody fusion', `Low back pain. ${finding} ${CARE}`).status('instability')).toBe(expected);
  });
});
