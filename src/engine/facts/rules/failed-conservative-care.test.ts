/**
 * Failed conservative care as the surgical chapters ask for it: care received, and symptoms that
 * persist after it (ACOEM 2004 Ch. 12 pp. 305-306 "failure of conservative treatment to resolve
 * disabling radicular symptoms"; Ch. 8 p. 180 "unresolved radicular symptoms after receiving
 * conservative treatment"). Synthetic sentences, written as progress notes write them.
 */
import { describe, expect, it } from 'vitest';
import { extractFacts } from '../index.js';

function failedCare(text: string): { negated: boolean; quote: string }[] {
  const f = extractFacts([{ name: 'note', text }], { asOf: '2016-09-01' });
  return f.failedConservativeCare.map((x) => ({ negated: x.negated, quote: x.evidence.quote }));
}

describe('failed conservative care', () => {
  it('reads treatment to date followed by symptoms that persist as failed care, quoting both sentences', () => {
    const found = failedCare('Treatment to date has included physical therapy, NSAIDs and a cortisone injection. She continues to have knee pain and locking.');
    expect(found.filter((x) => !x.negated).map((x) => x.quote)).toEqual([
      'Treatment to date has included physical therapy, NSAIDs and a cortisone injection.',
      'She continues to have knee pain and locking.',
    ]);
  });

  it('reads a stated failure of a course of care with its length ("failed 3 months of PT and injections")', () => {
    expect(failedCare('He failed 3 months of PT and injections.').some((x) => !x.negated)).toBe(true);
  });

  it('does not read care that is planned, then persisting pain, as failed care', () => {
    expect(failedCare('Physical therapy is planned. Pain persists.')).toEqual([]);
  });

  it('does not read pain persisting after the injury (no care named) as failed care', () => {
    expect(failedCare('Pain persists after the injury.')).toEqual([]);
  });

  it('does not read care followed by a report of improvement as failed care', () => {
    expect(failedCare('He completed physical therapy. He continues to report improvement in his knee pain.')).toEqual([]);
  });

  it('does not join care and persistence that are two sentences apart', () => {
    expect(failedCare('She has had physical therapy. She works full duty. She continues to have knee pain.')).toEqual([]);
  });
});
