/**
 * Rationales a reviewer would sign (issue 10, item 7): for synthetic cases written from the guideline,
 * the draft states what was requested, what the guideline supports with its numbers, what the record
 * documents or lacks, and hence the outcome, each fact once, in the register of the published letters.
 */
import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../knowledge-base/load-knowledge-base.js';
import { parseCaseFile } from '../parse-case-file.js';
import { evaluate } from './index.js';
import { caseSentences, writeRationale } from './rationale.js';

const kb = loadKnowledgeBase();

function draft(request: string, summary: string, injuryDate: string, date: string) {
  return evaluate(parseCaseFile({ worker: { age: 45, injuryDate }, urDecisionDate: date, clinicalSummary: summary, items: [{ request }] }), 0, kb);
}

/** Every sentence of a rationale, to check none is said twice. */
function sentences(text: string): string[] {
  return text.split(/(?<=\.)\s+(?=[A-Z])/);
}

describe('rationales in the register of the published letters', () => {
  it('a course above the guideline: the visits requested, the course supported, so the request exceeds it', () => {
    // CPMTG p. 99: 9-10 visits over 8 weeks for myalgia and myositis.
    const d = draft(
      'Physical therapy 3 times a week for 4 weeks for the lumbar spine',
      'A 41-year-old cook has had low back pain since lifting a stockpot. Lumbar flexion is limited with paraspinal tenderness; strength, sensation and reflexes are normal. She takes ibuprofen and walks daily.',
      '2015-01-10',
      '2015-09-01',
    );
    expect(d.ruleDecision).toBe('Upheld');
    expect(d.rationale).toContain('12 visits are requested; the guideline supports a course of 10 visits, so the request exceeds it.');
    expect(d.rationale).toMatch(/^CA MTUS Chronic Pain Medical Treatment Guidelines \(Physical Medicine, pages 98-99\) state that /);
    expect(d.rationale).toMatch(/Therefore, the request for Physical therapy 3 times a week for 4 weeks for the lumbar spine is not medically necessary\.$/);
    expect(d.rationale).not.toMatch(/more than the 10-visit course of 10|\(the 10-visit course\)/);
    const all = sentences(d.rationale);
    expect(new Set(all).size).toBe(all.length);
  });

  it('a muscle relaxant in use for months: since when (as the letters write dates), and the short course the guideline supports', () => {
    // CPMTG pp. 63-66: cyclobenzaprine for a short course of therapy, not longer than 2-3 weeks.
    const d = draft('Cyclobenzaprine 10 mg #90', 'A 52-year-old driver has chronic neck pain. Cyclobenzaprine 10 mg has been prescribed since 01/15/2015. Examination shows cervical tenderness without spasm.', '2014-11-03', '2015-06-01');
    expect(d.rationale).toContain('the record shows the medication in use since at least 01/15/2015 (about 5 months); the guideline supports a short course of no more than 21 days, so the request continues it beyond that course.');
    expect(d.rationale).not.toMatch(/2015-01-15|21-day limit/);
  });

  it('gaps that one red flag would close are said once, with what each criterion needs besides', () => {
    // ACOEM Ch. 12 pp. 303-304: imaging on unequivocal objective findings of nerve compromise, in
    // patients who do not respond to treatment and would consider surgery; red flags aside.
    const d = draft('MRI of the lumbar spine', 'A 45-year-old mechanic has low back pain. Examination shows paraspinal tenderness. Strength and reflexes are normal.', '2016-03-01', '2016-10-20');
    expect(d.rationale.match(/spinal red flag/g)).toHaveLength(1);
    expect(d.rationale).toContain('without it, the guideline also requires objective neurological deficit, failure of conservative care and a planned or contemplated surgery, none of which the record documents.');
    expect(d.rationale).toContain('Low Back Complaints, pages 303-304');
  });

  it('what the record documents comes first, then "However," what it lacks', () => {
    const d = draft(
      'MRI of the lumbar spine without contrast',
      'A 45-year-old mechanic has low back pain radiating to the right leg. He completed 12 sessions of physical therapy and 8 weeks of naproxen without improvement. On examination straight leg raise is positive on the right, sensation is decreased in the right L5 dermatome and the right extensor hallucis longus is 4/5.',
      '2016-03-01',
      '2016-10-20',
    );
    expect(d.rationale).toContain('In this case, the record documents objective neurological deficit and failure of conservative care. However, the record does not document');
  });

  it('more therapy without improvement: the prior sessions, the stated absence of improvement, and the total against the course', () => {
    // CPMTG pp. 98-99 with 8 CCR 9792.20(f): further visits require documented functional improvement.
    const d = draft(
      'Additional physical therapy 2 times a week for 3 weeks for the lumbar spine',
      'A 41-year-old cook has low back pain. She completed 12 sessions of physical therapy. Pain is unchanged at 6/10 and she remains on the same work restrictions.',
      '2015-01-10',
      '2015-12-01',
    );
    expect(d.rationale).toContain('12 prior sessions of this treatment are documented');
    expect(d.rationale).toContain('6 visits are requested after 12 visits already completed (18 in all); the guideline supports a course of 10 visits, so the request exceeds it.');
  });

  it('an initial course within the guideline: the criteria met, hence medically necessary', () => {
    const d = draft(
      'Physical therapy 2 times a week for 4 weeks for the neck',
      'A 36-year-old clerk has neck pain after a fall from a chair. Cervical rotation is limited with tender trapezius bands; strength and reflexes are normal. She has used ice and acetaminophen. A first therapy course with a home program is planned.',
      '2014-07-15',
      '2015-01-27',
    );
    expect(d.ruleDecision).toBe('Overturned');
    // The criteria's own rationale (the draft's lean also weighs the fitted probability).
    const topic = kb.topics.find((t) => t.topic.id === d.topicId)!.topic;
    const text = writeRationale({ request: d.request, topic, citation: d.citation, criteria: d.criteria, decision: d.ruleDecision });
    expect(text).toContain('8 visits are requested; the guideline supports a course of 10 visits, so the request is within it.');
    expect(text).toMatch(/As the record documents what the guideline requires, the request for Physical therapy 2 times a week for 4 weeks for the neck is medically necessary\.$/);
    // Where the lean differs, the draft says why in the same register.
    const lean = writeRationale({ request: d.request, topic, citation: d.citation, criteria: d.criteria, decision: d.ruleDecision, lean: 'Upheld', pOverturn: 0.2 });
    expect(lean).toMatch(/published reviewers found comparable requests medically necessary in only about 20% of cases; .* is not medically necessary\.$/);
  });
});

describe('caseSentences', () => {
  it('says each finding once and merges what the record documents', () => {
    expect(caseSentences(['The record documents a.', 'X is requested.', 'The record documents b.', 'X is requested.'])).toEqual(['The record documents a and b.', 'X is requested.']);
  });
  it('drops a gap already named in an earlier one', () => {
    expect(caseSentences(['The record does not document a, b or c.', 'The record does not document b.'])).toEqual(['The record does not document a, b or c.']);
  });
  it('leaves gaps that share no alternative as they are', () => {
    expect(caseSentences(['The record does not document a.', 'The record does not document b.'])).toEqual(['The record does not document a.', 'The record does not document b.']);
  });
});

describe('an indication of several alternatives (anyOf) that the record does not document', () => {
  // ACOEM 2004 Ch. 9 pp. 207-209: imaging on a red flag, physiologic evidence of tissue insult or
  // neurovascular dysfunction, failure to progress in a strengthening program, or before an invasive procedure.
  const d = draft(
    'MRI of the right shoulder',
    'A 50-year-old painter has right shoulder pain after lifting a can overhead. He has used ibuprofen. Examination shows tenderness over the acromion with full range of motion. Strength is 5/5.',
    '2016-01-01',
    '2016-03-01',
  );
  it('states what the record lacks (the topic’s gap) once, without the options that hold', () => {
    expect(d.ruleDecision).toBe('Upheld');
    expect(d.rationale).toContain('the record does not document a red flag, a finding of tissue insult or neurovascular dysfunction');
    expect(d.rationale).not.toMatch(/\((?:met|unknown|not met|not applicable)\)/);
    expect(d.rationale).not.toContain('The worker is 45 years old');
    const all = sentences(d.rationale);
    expect(new Set(all).size).toBe(all.length);
  });
  it('keeps at most the one most relevant option’s finding in the criterion', () => {
    const c = d.criteria.find((x) => x.id === 'indication')!;
    expect(c.status).toBe('unknown');
    expect(c.finding).not.toMatch(/\(met\)/);
    expect(sentences(c.finding)).toHaveLength(1);
  });
  it('adds to the gap the part still missing of an option the record partly documents', () => {
    // ACOEM Ch. 9 p. 207: a period of conservative care and observation that fails to improve symptoms.
    expect(d.rationale).toContain('the record does not document failure of 4-6 weeks of conservative care. The record does not document symptoms that persist despite care');
    expect(d.rationale).not.toContain('a course of conservative care (therapy, medication, activity modification) before the study');
  });
});
