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

  // ACOEM 2004 Ch. 9 Shoulder, pp. 209-211 (topic scope: arthroscopy, rotator cuff and labral repair);
  // p. 211 sets decompression for impingement apart (3-6 months of conservative care with cortisone
  // injections first), so a decompression without a repair is its own topic, and with a repair the repair's
  it.each([
    ['Right shoulder arthroscopic rotator cuff repair, mini-open', 'surgery-shoulder'],
    ['Left shoulder labral repair with capsulorrhaphy', 'surgery-shoulder'],
    ['Right shoulder subacromial decompression and acromioplasty', 'surgery-shoulder-decompression'],
    ['Left shoulder arthroscopy with subacromial decompression', 'surgery-shoulder-decompression'],
    ['Right shoulder arthroscopic rotator cuff repair and subacromial decompression', 'surgery-shoulder'],
    ['Left shoulder arthroscopy with Bankart repair and capsulorrhaphy', 'surgery-shoulder'],
    ['Right shoulder arthroscopy with debridement', 'surgery-shoulder'],
    // a decompression of another region is not the shoulder's
    ['L4-5 decompression', 'surgery-spine'],
    ['Left shoulder SLAP repair', 'surgery-shoulder'],
    ['Left reverse total shoulder arthroplasty', null],
    ['ORIF of the right clavicle fracture', null],
    // a labrum is also the hip's
    ['Right hip arthroscopy with labral repair', null],
  ])('shoulder: "%s" -> %s', (request, topic) => expect(topicOf(request)).toBe(topic));

  // ACOEM 2004 Ch. 12 Low Back, pp. 305-306 (topic scope: discectomy, laminectomy); p. 307 sets fusion
  // apart (instability; not in the first three months), so a request naming a fusion is the fusion topic's
  it.each([
    ['L4-L5 microdiscectomy, left', 'surgery-spine'],
    ['Lumbar laminectomy and foraminotomy at L3-4', 'surgery-spine'],
    ['L5-S1 transforaminal lumbar interbody fusion', 'surgery-spine-fusion'],
    ['Posterior lumbar arthrodesis L4 to S1', 'surgery-spine-fusion'],
    ['L4-5 TLIF', 'surgery-spine-fusion'],
    ['L4-5 laminectomy and posterior fusion', 'surgery-spine-fusion'],
    ['T12 kyphoplasty', null],
    ['Removal of lumbar hardware', null],
    ['Lumbar spine surgery', null],
  ])('spine: "%s" -> %s', (request, topic) => expect(topicOf(request)).toBe(topic));

  // The surgery-spine criteria are ACOEM 2004 Ch. 12 Low Back's; neck surgery is ACOEM 2004 Ch. 8's
  // (p. 180, surgery-cervical), never the lumbar criteria; a thoracic operation falls to no topic (for
  // the reviewer), and so does a request naming both a cervical and a lumbar level.
  it.each([
    ['Anterior cervical discectomy and fusion at C5-6', 'surgery-cervical'],
    ['ACDF C4-C5, C5-C6', 'surgery-cervical'],
    ['C6-7 anterior cervical decompression', 'surgery-cervical'],
    ['Cervical laminectomy C3 to C6', 'surgery-cervical'],
    ['Posterior cervical foraminotomy, right C6/7', 'surgery-cervical'],
    ['Neck fusion surgery', 'surgery-cervical'],
    ['C5-6 cervical disc arthroplasty', 'surgery-cervical'],
    ['C3-C6 laminoplasty', 'surgery-cervical'],
    ['C5 corpectomy and fusion', 'surgery-cervical'],
    ['C7-T1 posterior cervical fusion', 'surgery-cervical'],
    ['C5-6 and L4-5 fusion', null],
    ['Removal of cervical hardware C5-6', null],
    ['Cervical spine surgery', null],
    ['Cervical epidural steroid injection C6-7', 'epidural-steroid-injections'],
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

  // ACOEM Ch. 11 p. 270 governs an elective release: CTS "proved by positive findings on clinical
  // examination and ... supported by nerve-conduction tests before surgery is undertaken". A release
  // done with the fixation of an acute wrist fracture is done before any such work-up can be: another
  // indication, which no topic here holds (no_topic, for the reviewer). A release for carpal tunnel
  // syndrome after the fracture has healed names no fixation, and stays the topic's.
  it.each([
    ['ORIF of the right distal radius with carpal tunnel release', null],
    ['Open reduction and internal fixation, left distal radius fracture, with open carpal tunnel release', null],
    ['Left carpal tunnel release with closed reduction and percutaneous pinning of the distal radius', null],
    ['Right carpal tunnel release, distal radius fracture healed', 'carpal-tunnel-release'],
  ])('a release with a fracture fixation: "%s" -> %s', (request, topic) => expect(topicOf(request)).toBe(topic));

  it('a remaining portion written as a part of a fracture fixation is that release, not an elective one', () => {
    const framed = (orig: string, authorized: string, portion: string) =>
      `${orig} was the original request. ${authorized} was authorized by the Claims Administrator. The remaining IMR eligible portion of the original request, ${portion}`;
    expect(topicOf(framed('ORIF of the right distal radius fracture with carpal tunnel release', 'ORIF of the right distal radius fracture', 'with carpal tunnel release'))).toBeNull();
    // a release requested on its own, beside another procedure, is the elective release
    expect(topicOf(framed('Right carpal tunnel release and right trigger thumb release', 'Right trigger thumb release', 'Right carpal tunnel release'))).toBe('carpal-tunnel-release');
  });
});

/**
 * Another procedure on the same joint, named in the same request, is outside a topic written for its
 * own procedures even where the request also names one of them or the arthroscope: a fracture
 * fixation, an arthroplasty, a hardware removal, an irrigation and debridement (no_topic, for the
 * reviewer). One request of the topic's own procedure beside each.
 */
describe('other procedures of the same body part fall to no topic', () => {
  // ACOEM 2004 Ch. 13 pp. 344-345: meniscectomy, ligament reconstruction, arthroscopic debridement
  it.each([
    ['Left knee arthroscopic partial medial meniscectomy and chondroplasty', 'surgery-knee'],
    ['Right knee arthroscopic-assisted ORIF of a tibial plateau fracture', null],
    ['Right knee arthroscopy with removal of hardware', null],
    ['Left knee arthroscopy, possible unicompartmental knee arthroplasty', null],
    ['Irrigation and debridement of the right knee', null],
    ['Right total knee replacement', null],
    ['Excision of the left prepatellar bursa', null],
  ])('knee: "%s" -> %s', (request, topic) => expect(topicOf(request)).toBe(topic));

  // ACOEM 2004 Ch. 9 pp. 209-211: repair of a cuff tear, decompression for impingement, repair for instability
  it.each([
    ['Right shoulder arthroscopy, subacromial decompression and distal clavicle excision', 'surgery-shoulder-decompression'],
    ['Right shoulder arthroscopy with ORIF of a greater tuberosity fracture', null],
    ['Left shoulder arthroscopic debridement and removal of hardware', null],
    ['Right shoulder hemiarthroplasty', null],
    ['Left reverse total shoulder replacement', null],
    ['Irrigation and debridement of the left shoulder', null],
  ])('shoulder: "%s" -> %s', (request, topic) => expect(topicOf(request)).toBe(topic));

  // ACOEM 2004 Ch. 12 pp. 305-307: discectomy, laminectomy, fusion; p. 307 sets a trauma-related
  // fracture or dislocation apart from the conditions these criteria decide
  it.each([
    ['L4-5 laminectomy and posterior fusion with pedicle screw fixation', 'surgery-spine-fusion'],
    ['Removal of hardware and exploration of fusion, L4-S1', null],
    ['Lumbar decompression at L4-5 with removal of hardware', null],
    ['Posterior spinal fusion for an L1 burst fracture', null],
    ['L5-S1 artificial disc replacement with decompression', null],
    ['L1 kyphoplasty', null],
  ])('spine: "%s" -> %s', (request, topic) => expect(topicOf(request)).toBe(topic));

  // ACOEM 2004 Ch. 13: intra-articular corticosteroid injection of the knee
  it.each([
    ['Right knee corticosteroid injection under ultrasound guidance', 'knee-injection'],
    ['Retrospective left knee cortisone injection, DOS 1/5/2017', 'knee-injection'],
    ['Right knee Synvisc injection series', null],
    ['Right shoulder corticosteroid injection', null],
  ])('knee injection: "%s" -> %s', (request, topic) => expect(topicOf(request)).toBe(topic));
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
    // ACOEM Ch. 12 pp. 300-301: radiofrequency neurotomy of the facet joints' nerves; a knee's genicular nerves are not those
    ['Radiofrequency ablation of the right L4-5 and L5-S1 medial branches', 'radiofrequency-ablation'],
    ['Right knee genicular nerve radiofrequency ablation', null],
  ])('"%s" -> %s', (request, topic) => expect(topicOf(request)).toBe(topic));
});
