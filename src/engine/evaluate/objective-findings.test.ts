/**
 * A finding that is by definition an examination sign or a test result is never documented by a
 * history or a complaint, even where the criterion accepts a history for its other findings (issue 10,
 * item 1). ACOEM Ch. 9 pp. 207-209: "physiologic evidence of tissue insult or neurovascular dysfunction".
 */
import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../knowledge-base/load-knowledge-base.js';
import { parseCaseFile } from '../parse-case-file.js';
import { evaluate } from './index.js';
import { narrowAccepts } from './evaluate.js';

const kb = loadKnowledgeBase();

describe('narrowAccepts', () => {
  it('keeps an examination finding to the examination and tests', () => {
    expect(narrowAccepts(['exam', 'test', 'history'], ['exam'])).toEqual(['exam']);
    expect(narrowAccepts(['exam', 'test', 'history'], ['exam', 'test'])).toEqual(['exam', 'test']);
  });
  it('leaves a finding a history may document as the criterion says', () => {
    expect(narrowAccepts(['exam', 'test', 'history'], ['exam', 'test', 'complaint', 'history', 'diagnosis'])).toEqual(['exam', 'test', 'history']);
    expect(narrowAccepts(['history'], undefined)).toEqual(['history']);
  });
});

describe('shoulder imaging', () => {
  const indication = (summary: string) => {
    const d = evaluate(parseCaseFile({ worker: { age: 50, injuryDate: '2016-01-04' }, urDecisionDate: '2016-06-01', clinicalSummary: summary, items: [{ request: 'MRI of the right shoulder' }] }), 0, kb);
    return d.criteria.find((c) => c.id === 'indication')!;
  };
  it('does not take "weakness" in a list of symptoms the worker had for an examination sign', () => {
    const c = indication('The injured worker had shoulder pain, stiffness, muscle aches and weakness after lifting boxes. She has taken ibuprofen.');
    expect(c.status).not.toBe('met');
  });
  it('takes weakness the examiner measured', () => {
    const c = indication('Right shoulder pain after lifting boxes. On examination, external rotation strength is 4-/5 with a positive drop arm test.');
    expect(c.status).toBe('met');
    expect(c.evidence.every((e) => e.kind === 'exam')).toBe(true);
  });
});
