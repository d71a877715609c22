/**
 * How the imaging topics recognise their indications in the record (synthetic summaries written for these
 * tests from the guideline text): a spinal fracture named by its vertebra, and a period of care that failed
 * told in two sentences (the course received, the symptoms that persist). Each block names its sentence.
 */
import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../knowledge-base/load-knowledge-base.js';
import { parseCaseFile } from '../../parse-case-file.js';
import { evaluate } from '../index.js';

const kb = loadKnowledgeBase();

function criterion(request: string, summary: string, id: string, injuryDate = '2016-02-10') {
  const d = evaluate(parseCaseFile({ worker: { age: 52, injuryDate }, urDecisionDate: '2016-06-02', clinicalSummary: summary, items: [{ request }] }), 0, kb);
  const c = d.criteria.find((x) => x.id === id);
  if (!c) throw new Error(`no criterion ${id} for ${request} (${d.topicId}): ${d.criteria.map((x) => x.id).join(', ')}`);
  return c;
}

// ACOEM 2004 Ch. 8 pp. 177-178: criteria for ordering imaging studies are "emergence of a red flag" ...; Ch. 12
// p. 303: imaging is indicated with red flags (cauda equina, tumour, infection, fracture).
describe('spinal imaging: a fracture of a vertebra is a red flag, named by its level or part', () => {
  it.each([
    'Cervical radiographs showed a nondisplaced fracture at the spinous process of C2.',
    'Diagnoses: C6 spinous process fracture.',
    'Diagnoses: cervical 2 vertebral fracture, nondisplaced.',
    'X-rays showed a fracture of the odontoid.',
  ])('is read in the neck: %s', (summary) => {
    const c = criterion('CT of the cervical spine', summary, 'criteria');
    expect(c.status).toBe('met');
    expect(c.finding).toMatch(/spinal red flag/);
  });
  it('is read in the low back: an L1 fracture on radiographs', () => {
    expect(criterion('CT of the lumbar spine', 'Radiographs after the fall showed an L1 fracture with 20% loss of height.', 'indication').status).toBe('met');
  });
  it.each([
    ['MRI of the thoracic spine', 'Chest x-rays showed fractures of the left seventh and eighth ribs.', 'criteria'],
    ['MRI of the lumbar spine', 'An MRI in 2014 showed an L4-5 protrusion, no fracture.', 'indication'],
    ['MRI of the lumbar spine', 'Lumbar radiographs showed L5 spondylosis without fracture.', 'indication'],
  ])('is not read from a rib or a fracture denied: %s / %s', (request, summary, id) => {
    expect(criterion(request, summary, id).status).toBe('unknown');
  });
});

// ACOEM 2004 Ch. 9 pp. 207-209 (and Ch. 8 p. 177): the primary criteria for ordering imaging include "failure
// to progress in a strengthening program intended to avoid surgery"; special studies wait until "a four- to
// six-week period of conservative care and observation fails to improve symptoms".
describe('shoulder imaging: failure to progress in a strengthening program, in two sentences', () => {
  const indication = (summary: string, injuryDate?: string) => criterion('MRI of the right shoulder', summary, 'indication', injuryDate);
  const persists = 'She continues to have right shoulder pain with overhead work.';
  it('is met by a program received and symptoms that persist past four weeks', () => {
    const c = indication(`Treatment to date has included physical therapy and a home exercise program. ${persists}`);
    expect(c.status).toBe('met');
    expect(c.evidence?.map((e) => e.quote)).toEqual(['Treatment to date has included physical therapy and a home exercise program.', persists]);
  });
  it.each([
    ['a program requested, not received', `Physical therapy was requested and has not started yet. ${persists}`],
    ['a program not begun', `She had not started physical therapy yet. ${persists}`],
    ['medication only, which is not a strengthening program', `Treatment to date has included naproxen and rest. ${persists}`],
    ['a program that is helping', `Treatment to date has included physical therapy. Physical therapy has been helping. ${persists}`],
  ])('is not met by %s', (_what, summary) => {
    expect(indication(summary).status).not.toBe('met');
  });
  it('is not met within the four weeks of observation', () => {
    const c = indication(`Treatment to date has included physical therapy. ${persists}`, '2016-05-16');
    expect(c.status).not.toBe('met');
    expect(c.finding).toMatch(/within the 28-day period/);
  });
});

// ACOEM 2004 Ch. 11 pp. 268-269: special studies are not needed until after a four- to six-week period of
// conservative care and observation [U]: care received and symptoms the record says persist past four weeks.
describe('hand and wrist imaging: a period of care that did not resolve the symptoms', () => {
  const conservative = (summary: string) => criterion('MRI of the left wrist', summary, 'conservative');
  it('is met by care received and symptoms that continue past four weeks', () => {
    expect(conservative('Treatment to date has included physical therapy and medications. He continues to have wrist pain with gripping.').status).toBe('met');
  });
  it('is met by care received and symptoms said to be no better', () => {
    expect(conservative('Treatment to date has included physical therapy and medications. The wrist pain is still present and he is no better.').status).toBe('met');
  });
  it('is not met by the care alone, without a statement that the symptoms continue', () => {
    expect(conservative('Treatment to date has included physical therapy and medications.').status).toBe('unknown');
  });
  it.each([
    'Treatment to date has included physical therapy. He has continued pain medications at night.',
    'Treatment to date has included physical therapy. No progress notes from the therapist were provided.',
    'Treatment to date has included physical therapy. The wrist pain is worse with gripping and better with rest.',
  ])('is not met by words that only look like persistence (a treatment named after the pain, what aggravates it, progress notes): %s', (summary) => {
    expect(conservative(summary).status).toBe('unknown');
  });
  it('is not met where the symptoms are said to have resolved', () => {
    expect(conservative('Treatment to date has included physical therapy. The wrist pain has resolved.').status).toBe('unknown');
  });
});

// ACOEM 2004 Ch. 12 p. 303: "unequivocal objective findings that identify specific nerve compromise on the
// neurologic examination": the nerve-root tension signs by their other names and a foot drop are such findings.
describe('lumbar imaging: nerve compromise in the examiner\'s other words', () => {
  const indication = (summary: string) => criterion('MRI of the lumbar spine', summary, 'indication');
  it.each([
    'Exam: positive Lasegue sign on the left.',
    'Exam: straight leg raising reproduces radicular pain into the left calf at 45 degrees.',
    'Exam: left foot drop with a steppage gait.',
  ])('is met: %s', (summary) => {
    expect(indication(summary).status).toBe('met');
  });
  it.each(['Exam: no foot drop; gait normal.', 'He reports that his left leg feels weak when climbing stairs.'])('is not met by a sign denied or a complaint: %s', (summary) => {
    expect(indication(summary).status).toBe('unknown');
  });
});

// ACOEM 2004 Ch. 8 p. 177: "physiologic evidence ... in the form of definitive neurologic findings on physical
// examination". Reflexes low but equal on both sides are not a finding of one nerve root, and the grade of the
// item before a semicolon ("range of motion decreased;") is not the reflexes' grade.
describe('cervical imaging: each item of an examination list read with its own grade', () => {
  const criteria = (summary: string) => criterion('MRI of the cervical spine', summary, 'criteria');
  it('does not read symmetric low reflexes as a deficit because the item before them is decreased', () => {
    const c = criteria('Objective findings: paraspinal tenderness; neck range of motion decreased; deep tendon reflexes 1+ and equal for biceps, triceps and brachioradialis; grip strong.');
    expect(c.status).toBe('unknown');
    expect(c.finding).toMatch(/does not document .*objective neurological deficit/);
  });
  it('still reads a decreased reflex in its own item', () => {
    expect(criteria('Objective findings: neck range of motion full; left biceps reflex decreased compared with the right; sensation intact.').status).toBe('met');
  });
});
