/**
 * How the record's statements about maximum medical improvement (MMI) read for the functional
 * capacity evaluation (ACOEM 2004 Ch. 7 pp. 137-138 with ODG Fitness for Duty, FCE: the worker is
 * "close to or at MMI" [U]). "Not yet at MMI", "MMI has not been reached", "far from / not close to
 * MMI" state the timing absent; "close to", "near", "approaching" MMI are the guideline's "close to",
 * even where the same sentence says MMI is not yet reached. Summaries are synthetic.
 */
import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from './load-knowledge-base.js';
import { parseCaseFile } from '../parse-case-file.js';
import { evaluate } from '../evaluate/index.js';

const kb = loadKnowledgeBase();

function purpose(summary: string) {
  const d = evaluate(
    parseCaseFile({ worker: { age: 51, injuryDate: '2014-01-20' }, urDecisionDate: '2015-09-14', clinicalSummary: `Right shoulder strain from overhead lifting. ${summary}`, items: [{ request: 'Functional capacity evaluation' }] }),
    0,
    kb,
  );
  const c = d.criteria.find((x) => x.id === 'purpose');
  if (!c) throw new Error(`no purpose criterion: ${d.criteria.map((x) => x.id).join(', ')}`);
  return c.status;
}

describe('FCE timing: MMI stated not reached', () => {
  it.each([
    'She is not yet at maximum medical improvement and continues therapy.',
    'MMI has not been reached.',
    'Maximum medical improvement has not yet been reached.',
    'He has not yet achieved maximal medical improvement.',
    'He is far from MMI.',
    'She is not close to maximum medical improvement.',
    'He is not near MMI.',
    'He is not expected to reach MMI for several months.',
  ])('is not met: %s', (summary) => {
    expect(purpose(summary)).toBe('not_met');
  });
});

describe('FCE timing: close to or at MMI', () => {
  it.each([
    'He is close to MMI.',
    'She is nearing maximum medical improvement.',
    'He is approaching MMI.',
    'She is close to, but not yet at, maximum medical improvement.',
    'He is close to but not yet at MMI.',
    'He is not yet at MMI but is close to it.',
    'She was declared permanent and stationary last month.',
  ])('is met: %s', (summary) => {
    expect(purpose(summary)).toBe('met');
  });

  it('stays unknown where MMI is not mentioned', () => {
    expect(purpose('He attends physical therapy twice a week.')).toBe('unknown');
  });
});
