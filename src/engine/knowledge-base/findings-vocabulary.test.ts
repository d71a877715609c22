/**
 * Findings as notes word them (synthetic sentences written for these tests from the guideline's sense).
 * Each block names the guideline sentence that makes the wording count.
 */
import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from './load-knowledge-base.js';
import { extractFacts } from '../facts/index.js';
import { makeFindingLookup } from '../evaluate/fact-lookup.js';
import { splitSentences } from '../evaluate/record-search.js';
import { normaliseRequest } from '../request/index.js';

const kb = loadKnowledgeBase();

/** The finding's status in a record, for a request naming the region under review. */
function status(key: string, record: string, request: string): string {
  const facts = extractFacts([{ name: 'clinicalSummary', text: record }]);
  const sentences = splitSentences([{ source: 'clinicalSummary', text: record }]);
  return makeFindingLookup(facts, sentences, kb.findings)(key, null, [], normaliseRequest(request).bodyRegions).status;
}

// ACOEM 2004 Ch. 9 pp. 207-209: impingement signs on examination are physiologic evidence of tissue insult.
describe('shoulder impingement signs stated after the test', () => {
  const shoulder = (record: string, key: string) => status(key, record, 'MRI of the right shoulder');
  it.each([
    'On examination of the right shoulder the Hawkins test was positive.',
    'On examination of the right shoulder, impingement testing was positive with pain at 90 degrees of abduction.',
    "On examination, Neer's sign is also positive on the right.",
  ])('reads "%s" as a positive sign and a suspected impingement', (record) => {
    expect(shoulder(record, 'shoulder_exam_signs')).toBe('present');
    expect(shoulder(record, 'suspected_rotator_cuff_tear_or_impingement')).toBe('present');
  });
  it('does not read a negative test as positive', () => {
    expect(shoulder('Right shoulder: the Hawkins test was negative and range of motion is full.', 'shoulder_exam_signs')).toBe('unknown');
  });
});

// ACOEM 2004 Ch. 12 p. 303: imaging for a worker who would consider surgery.
describe('a surgery contemplated: a referral for a surgical opinion, an interest in surgical options', () => {
  const planned = (record: string) => status('surgery_planned', record, 'MRI of the lumbar spine');
  it.each([
    'He was seen by a spine surgeon for a surgical opinion regarding his lumbar disc.',
    'She is interested in surgical options for her low back.',
    'Plan: he was referred to a spine surgeon for a surgical opinion.',
    'Plan: she is scheduled for an L4-5 microdiscectomy next month.',
  ])('is present: %s', (record) => {
    expect(planned(record)).toBe('present');
  });
  it.each([
    'He declines surgery for his low back at this time.',
    'She is not interested in surgical options for her lumbar spine.',
    'He is not a surgical candidate per the spine consultant.',
    'Plan: she is scheduled for a lumbar epidural steroid injection next week.',
    'Plan: he is scheduled for physical therapy twice a week.',
  ])('is not: %s', (record) => {
    expect(planned(record)).not.toBe('present');
  });
});

// ACOEM 2004 Ch. 11 pp. 263-265 and Ch. 12 p. 303: conservative care is activity modification, medication,
// therapy and bracing or splinting.
describe('conservative care named by its drug or device', () => {
  const care = (record: string) => status('conservative_care_documented', record, 'MRI of the right wrist');
  it.each([
    'She has taken naproxen 500 mg twice a day for six weeks for the right wrist.',
    'He took meloxicam for his wrist pain.',
    'A cock-up wrist splint was worn at night.',
    'She attended occupational therapy for the right hand.',
    'A TENS unit was tried at home for the wrist.',
    'He wore a wrist brace at work for a month.',
  ])('is documented: %s', (record) => {
    expect(care(record)).toBe('present');
  });
  it('is not documented by the injury alone', () => {
    expect(care('She injured her right wrist lifting a box last month.')).toBe('unknown');
  });
});

// ACOEM 2004 Ch. 12 p. 303: nerve root symptoms (sciatica), pain radiating down the leg.
describe('radiating leg pain described by its course', () => {
  const radicular = (record: string) => status('presumed_radicular_symptoms', record, 'EMG of the lower extremities');
  it.each([
    'Low back pain shoots down the left leg to the foot.',
    'The pain travels into the right calf when he sits.',
    'She has back pain that runs down the back of her thigh.',
    'His pain goes down into the toes of the right foot.',
    'Pain extends into the left buttock and thigh.',
  ])('is present: %s', (record) => {
    expect(radicular(record)).toBe('present');
  });
  it('is not read from back pain that stays in the back', () => {
    expect(radicular('Low back pain is worse with bending; it goes away with rest.')).toBe('unknown');
    expect(radicular('Low back pain since March; she went to the foot clinic for an unrelated bunion.')).toBe('unknown');
  });
});
