import { describe, expect, it } from 'vitest';
import { normaliseRequest } from '../request/index.js';
import { loadKnowledgeBase } from './load-knowledge-base.js';
import { selectTopic } from './select-topic.js';

/**
 * A surgery topic is selected by the procedure the request names, never by the body part it shares
 * with another procedure: each topic's criteria are the guideline's criteria for its own procedures
 * (the topic's scope), and a request for any other procedure falls to no topic, which the engine
 * flags `no_topic` for the reviewer. Requests are synthetic, written as requests are written.
 */
const kb = loadKnowledgeBase();
const topicOf = (request: string): string | null => selectTopic(kb, normaliseRequest(request), '2016-06-01', { chronicity: null })?.topic.topic.id ?? null;

describe('surgery topics are chosen by the procedure', () => {
  it('no topic covers "surgery" as a category: a category would select every operation on the region', () => {
    expect(kb.topics.filter((t) => t.topic.covers.categories.includes('surgery')).map((t) => t.topic.id)).toEqual([]);
  });

  // ACOEM 2004 Ch. 13 Knee, pp. 344-345 (topic scope: arthroscopy, meniscectomy, ligament reconstruction)
  it.each([
    ['Left knee arthroscopic partial lateral meniscectomy', 'surgery-knee'],
    ['Right knee anterior cruciate ligament reconstruction with hamstring autograft', 'surgery-knee'],
    ['Right knee arthroscopy with debridement', 'surgery-knee'],
    ['Left total knee arthroplasty', null],
    ['Right knee open reduction internal fixation of a tibial plateau fracture', null],
    ['Left knee surgery', null],
  ])('knee: "%s" -> %s', (request, topic) => expect(topicOf(request)).toBe(topic));

  // ACOEM 2004 Ch. 9 Shoulder, pp. 209-211 (topic scope: arthroscopy, decompression, rotator cuff and labral repair)
  it.each([
    ['Right shoulder arthroscopic rotator cuff repair, mini-open', 'surgery-shoulder'],
    ['Left shoulder labral repair with capsulorrhaphy', 'surgery-shoulder'],
    ['Right shoulder subacromial decompression and acromioplasty', 'surgery-shoulder'],
    ['Left shoulder SLAP repair', 'surgery-shoulder'],
    ['Left reverse total shoulder arthroplasty', null],
    ['ORIF of the right clavicle fracture', null],
    // a labrum is also the hip's
    ['Right hip arthroscopy with labral repair', null],
  ])('shoulder: "%s" -> %s', (request, topic) => expect(topicOf(request)).toBe(topic));

  // ACOEM 2004 Ch. 12 Low Back, pp. 305-307 (topic scope: discectomy, laminectomy, fusion)
  it.each([
    ['L4-L5 microdiscectomy, left', 'surgery-spine'],
    ['Lumbar laminectomy and foraminotomy at L3-4', 'surgery-spine'],
    ['L5-S1 transforaminal lumbar interbody fusion', 'surgery-spine'],
    ['Posterior lumbar arthrodesis L4 to S1', 'surgery-spine'],
    ['T12 kyphoplasty', null],
    ['Removal of lumbar hardware', null],
    ['Lumbar spine surgery', null],
  ])('spine: "%s" -> %s', (request, topic) => expect(topicOf(request)).toBe(topic));

  // The surgery-spine criteria are ACOEM 2004 Ch. 12 Low Back's; neck and upper-back surgery is
  // ACOEM 2004 Ch. 8's, whose surgical criteria the knowledge base does not hold: such a request
  // falls to no topic (for the reviewer), never to the lumbar criteria.
  it.each([
    ['Anterior cervical discectomy and fusion at C5-6', null],
    ['ACDF C4-C5, C5-C6', null],
    ['C6-7 anterior cervical decompression', null],
    ['Cervical laminectomy C3 to C6', null],
    ['Posterior cervical foraminotomy, right C6/7', null],
    ['Neck fusion surgery', null],
    ['T7-8 thoracic discectomy', null],
    ['Thoracic laminectomy for disc herniation', null],
    // a lumbar operation still is the lumbar topic's, with or without the word "lumbar"
    ['L2-3 laminectomy', 'surgery-spine'],
    ['Right L5-S1 hemilaminectomy and discectomy', 'surgery-spine'],
  ])('cervical and thoracic spine: "%s" -> %s', (request, topic) => expect(topicOf(request)).toBe(topic));

  it('a spinal cord stimulator is its own topic, not spine surgery', () => {
    expect(topicOf('Spinal cord stimulator trial, lumbar')).toBe('spinal-cord-stimulator');
  });

  // ACOEM 2004 Ch. 11 Forearm, Wrist and Hand, p. 270 (topic scope: carpal tunnel release)
  it.each([
    ['Right open carpal tunnel release', 'carpal-tunnel-release'],
    ['Left median nerve decompression at the wrist', 'carpal-tunnel-release'],
    ['Right ring trigger finger release', null],
    ['Left cubital tunnel release', null],
    ['Right de Quervain release', null],
    ['Open reduction internal fixation of the left distal radius', null],
    ['Right wrist arthroscopy', null],
    ['Left elbow lateral epicondyle release', null],
  ])('hand and wrist: "%s" -> %s', (request, topic) => expect(topicOf(request)).toBe(topic));

  it('a fracture fixation that also releases the carpal tunnel names that procedure', () => {
    expect(topicOf('ORIF of the right distal radius with carpal tunnel release')).toBe('carpal-tunnel-release');
  });
});

describe('non-surgical requests that share a surgical word', () => {
  it.each([
    // ACOEM Ch. 7: a referral or consultation is decided as a consultation, whatever surgery it is about
    ['Consultation with a spine surgeon regarding lumbar fusion', 'referral-consultation'],
    ['Hand surgery consultation for trigger finger release', 'referral-consultation'],
    ['Orthopedic surgeon second opinion for the right knee', 'referral-consultation'],
    // a device's repair is the device
    ['TENS unit repair', 'tens'],
    ['Repair of the wheelchair', 'durable-medical-equipment'],
    // therapy and equipment after an operation are post-surgical care (PSTG; ODG DME), not the operation
    ['Post-op physical therapy after rotator cuff repair, 12 visits', 'postsurgical-therapy'],
    ['Post operative cold therapy unit for the knee', 'durable-medical-equipment'],
    // ODG Preoperative testing: its tests and the medical clearance, not every pre-operative item
    ['Preoperative medical clearance', 'preoperative-testing'],
    ['Pre operative EKG', 'preoperative-testing'],
    ['Office visit for return to work clearance', 'office-visits'],
    ['Pre-operative cefazolin 2 g', null],
    // the CPMTG's manual therapy is an office treatment, not a manipulation under anesthesia
    ['Right shoulder manipulation under anesthesia', null],
  ])('"%s" -> %s', (request, topic) => expect(topicOf(request)).toBe(topic));
});
