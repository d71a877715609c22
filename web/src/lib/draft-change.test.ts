import { describe, expect, it } from 'vitest';
import { draftChangeLines } from './draft-change.js';

const change = {
  previousDraftedAt: '2024-03-01T00:00:00.000Z',
  outcome: { from: 'Upheld', to: 'NeedsReviewer' },
  criteria: [{ id: 'improvement', statement: 'Objective functional improvement.', from: 'unknown', to: 'met' }],
  gapsAdded: [],
  gapsRemoved: ['objective functional improvement is not documented'],
  documentsAdded: ['d2'],
};

describe('draftChangeLines: "redrafted since you last looked"', () => {
  it('tells a reader who saw the earlier draft what changed, in words', () => {
    expect(draftChangeLines(change, '2024-03-15T10:00:00.000Z', '2024-03-10T09:00:00.000Z', [{ id: 'd2', name: 'PR-2 2024-03-15.txt' }])).toEqual([
      'Outcome: Upheld → Needs your judgement',
      'Objective functional improvement: unknown → met',
      'Gap closed: objective functional improvement is not documented',
      'Now also read: PR-2 2024-03-15.txt',
    ]);
  });
  it('says nothing to a reader who has already seen the new draft, or who never saw the old one', () => {
    expect(draftChangeLines(change, '2024-03-15T10:00:00.000Z', '2024-03-16T09:00:00.000Z', [])).toBeNull();
    expect(draftChangeLines(change, '2024-03-15T10:00:00.000Z', null, [])).toBeNull();
    expect(draftChangeLines(null, '2024-03-15T10:00:00.000Z', '2024-03-10T09:00:00.000Z', [])).toBeNull();
  });
});
