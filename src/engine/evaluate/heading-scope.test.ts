/**
 * A summary that opens with an "Assessment:" line: the examination that follows is an examination, not a
 * diagnosis (SOAP: the Assessment holds the diagnoses; synthetic records written for these tests).
 * ACOEM 2004 Ch. 12 p. 303: "unequivocal objective findings that identify specific nerve compromise on the
 * neurologic examination are sufficient evidence to warrant imaging".
 */
import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../knowledge-base/load-knowledge-base.js';
import { parseCaseFile } from '../parse-case-file.js';
import { evaluate } from './index.js';

const kb = loadKnowledgeBase();
const indication = (summary: string) =>
  evaluate(parseCaseFile({ worker: { age: 48, injuryDate: '2015-02-11' }, urDecisionDate: '2016-06-02', clinicalSummary: summary, items: [{ request: 'MRI of the lumbar spine without contrast' }] }), 0, kb).criteria.find(
    (c) => c.id === 'indication',
  );

describe('an Assessment line at the start of a summary', () => {
  it('does not make the examination after it a diagnosis', () => {
    const c = indication('Assessment: Lumbar radiculopathy. On examination, there is decreased sensation over the left L5 dermatome and an absent left ankle reflex.');
    expect(c?.status).toBe('met');
    expect(c?.evidence.some((e) => e.kind === 'exam')).toBe(true);
  });
  it('still reads the diagnosis itself as a diagnosis, not a sign', () => {
    expect(indication('Assessment: Lumbar radiculopathy.')?.status).toBe('unknown');
  });
});
