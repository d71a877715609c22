/**
 * Findings the record can state absent, and aberrant drug behaviour as notes word it (synthetic
 * summaries written for these tests). Each block names the guideline sentence that makes the
 * statement count.
 */
import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from './load-knowledge-base.js';
import { parseCaseFile } from '../parse-case-file.js';
import { evaluate } from '../evaluate/index.js';

const kb = loadKnowledgeBase();

function criterion(request: string, summary: string, id: string, date = '2015-06-02') {
  const d = evaluate(parseCaseFile({ worker: { age: 48, injuryDate: '2013-02-11' }, urDecisionDate: date, clinicalSummary: summary, items: [{ request }] }), 0, kb);
  const c = d.criteria.find((x) => x.id === id);
  if (!c) throw new Error(`no criterion ${id} for ${request}: ${d.criteria.map((x) => x.id).join(', ')}`);
  return c;
}

// CPMTG pp. 25-26: botulinum toxin is "recommended for cervical dystonia", not for other chronic pain.
describe('botulinum toxin: a stated absence of cervical dystonia', () => {
  const botox = (summary: string) => criterion('Botox 100 units to the neck muscles', summary, 'dystonia');
  it.each([
    'Chronic neck pain since a lifting injury. On examination there is no evidence of dystonia; the trapezius is tender.',
    'Chronic neck pain with tender trapezius muscles. There are no involuntary head movements and no abnormal posturing.',
    'The neurologist found no cervical dystonia. She has tender points in both trapezii.',
  ])('is not met: %s', (summary) => {
    expect(botox(summary).status).toBe('not_met');
  });
  it('is met where the dystonia is documented', () => {
    expect(botox('The neurologist diagnosed cervical dystonia with sustained head turning to the right.').status).toBe('met');
  });
  it('stays unknown where the record says nothing of it', () => {
    expect(botox('Chronic neck pain with tender trapezius muscles after a fall.').status).toBe('unknown');
  });
});

// ACOEM 2004 Ch. 7 pp. 137-138 with ODG Fitness for Duty: an FCE when the worker is close to or at MMI.
describe('functional capacity evaluation: not yet at maximum medical improvement', () => {
  const fce = (summary: string) => criterion('Functional capacity evaluation', summary, 'purpose');
  it.each([
    'Low back pain after a fall; she continues physical therapy and is not at maximum medical improvement.',
    'Neck pain after a rear-end collision. He has not yet reached MMI.',
    'The treating physician writes that the worker is not yet permanent and stationary.',
  ])('is not met: %s', (summary) => {
    expect(fce(summary).status).toBe('not_met');
  });
  it('does not read "not yet at MMI but close to it" as the absence', () => {
    expect(fce('He is not yet at MMI but is close to it, and his employer holds his job open.').status).not.toBe('not_met');
  });
  it('is met at MMI with a job to return to', () => {
    expect(fce('She was declared permanent and stationary in May and has a job offer for modified duty.').status).toBe('met');
  });
});

// ODG / NIH obesity guidance: a supervised program after a documented failure of self-directed diet and exercise.
describe('weight loss program: no attempt at diet or exercise', () => {
  const program = (summary: string) => criterion('Physician-supervised weight loss program', summary, 'indication');
  it.each([
    'BMI 33 with knee osteoarthritis. There are no documented weight-loss attempts.',
    'BMI 34 with low back pain; he has not tried a diet or an exercise program.',
  ])('is not met: %s', (summary) => {
    expect(program(summary).status).toBe('not_met');
  });
  it('is met after a failed self-directed diet with obesity', () => {
    expect(program('BMI 37 after an unsuccessful year of self-directed dieting and walking; the weight aggravates her knee arthritis.').status).toBe('met');
  });
});

// CPMTG, Opioids, On-Going Management: document "the occurrence of any potentially aberrant (or
// nonadherent) drug-related behaviors"; Opioids, indicators for addiction: requests for early refills,
// lost or stolen prescriptions, more than one prescriber.
describe('aberrant drug-related behaviour as notes word it', () => {
  const CHRONIC = 'Norco 10/325 mg one tablet every 6 hours #120';
  const opioids = (summary: string) => criterion(CHRONIC, summary, 'aberrant', '2017-02-14');
  const base = 'Chronic low back pain since 2013; on hydrocodone for three years.';
  it.each([
    'He made two early refill requests this quarter.',
    'She requested early refills twice in the past month.',
    'He reported a lost prescription for Norco in January.',
    'CURES shows she obtained opioids from multiple prescribers.',
    'His hydrocodone prescription was stolen from his car.',
  ])('is documented (criterion not met): %s', (sentence) => {
    expect(opioids(`${base} ${sentence}`).status).toBe('not_met');
  });
  it('is not read where the record denies it', () => {
    expect(opioids(`${base} There have been no early refill requests and no lost prescriptions.`).status).toBe('met');
  });
  it('justifies a repeat urine drug test where the opioid guideline asks for more frequent testing', () => {
    const c = criterion('Urine drug screen', `${base} A urine drug screen in October was consistent. He has lost his prescription twice since then.`, 'frequency', '2017-02-14');
    expect(c.status).toBe('met');
  });
});

// 8 CCR 9792.24.3(a): postsurgical physical medicine follows a surgery; the record must show it was done.
describe('postsurgical therapy: a surgery done, as operative histories word it', () => {
  const surgery = (summary: string) => criterion('Post-operative physical therapy, 12 visits for the right knee', summary, 'surgery', '2016-03-01');
  it.each([
    'On 01/12/2016 she underwent a right knee arthroscopic partial medial meniscectomy and chondroplasty.',
    'He had a left total knee arthroplasty on 12/02/2015 and walks with a cane.',
    'She underwent an anterior cruciate ligament reconstruction of the right knee in January.',
  ])('is met: %s', (summary) => {
    expect(surgery(summary).status).toBe('met');
  });
  it('is not met where the record names no surgery', () => {
    expect(surgery('Right knee pain since a fall at work; she does a home exercise program and takes naproxen.').status).not.toBe('met');
  });
});
