import { describe, expect, it } from 'vitest';
import { draftChange } from './draft-changes.js';
import type { StoredItemDraft } from './draft-engine.js';

function draft(over: Partial<StoredItemDraft>): StoredItemDraft {
  return {
    decision: 'Upheld',
    citation: { source: 'MTUS-CPMTG', name: null, edition: 2016, topic: 'Manual therapy', sections: [], pages: [], raw: 'MTUS', alsoCites: [] },
    rationale: '',
    criteria: [
      { id: 'trial', statement: 'A trial of 6 visits.', status: 'met', finding: '', evidence: [] },
      { id: 'improvement', statement: 'Objective functional improvement.', status: 'unknown', finding: '', evidence: [] },
    ],
    topicId: 'manual-therapy',
    guidelineVersion: 'cpmtg-2016',
    pOverturn: 0.1,
    needsReviewer: false,
    reviewReason: null,
    reviewCodes: [],
    documentationGaps: ['objective functional improvement is not documented'],
    sources: { draftedAt: '2024-03-01T00:00:00.000Z', clinicalSummary: false, read: [{ documentId: 'd1', name: 'a.txt', kind: 'medical_record', uploadedOn: '2024-03-01' }], notRead: [] },
    ...over,
  };
}

describe('draftChange: what a redraft changed, as the reviewer who saw the earlier draft reads it', () => {
  it('names the outcome, each criterion whose status moved, the gaps closed and the record that arrived', () => {
    const before = draft({});
    const after = draft({
      needsReviewer: true,
      criteria: [before.criteria[0]!, { ...before.criteria[1]!, status: 'met' }],
      documentationGaps: [],
      sources: { ...before.sources!, draftedAt: '2024-03-15T00:00:00.000Z', read: [...before.sources!.read, { documentId: 'd2', name: 'b.txt', kind: 'medical_record', uploadedOn: '2024-03-15' }] },
    });
    expect(draftChange(before, after)).toEqual({
      previousDraftedAt: '2024-03-01T00:00:00.000Z',
      outcome: { from: 'Upheld', to: 'NeedsReviewer' },
      criteria: [{ id: 'improvement', statement: 'Objective functional improvement.', from: 'unknown', to: 'met' }],
      gapsAdded: [],
      gapsRemoved: ['objective functional improvement is not documented'],
      documentsAdded: ['d2'],
    });
  });
  it('is null when nothing the reviewer reads changed, or there is no earlier draft', () => {
    expect(draftChange(draft({}), draft({ sources: { ...draft({}).sources!, draftedAt: '2024-04-01T00:00:00.000Z' } }))).toBeNull();
    expect(draftChange(null, draft({}))).toBeNull();
  });
  it('lists a criterion the new draft no longer checks', () => {
    const before = draft({});
    expect(draftChange(before, draft({ criteria: [before.criteria[0]!] }))?.criteria).toEqual([{ id: 'improvement', statement: 'Objective functional improvement.', from: 'unknown', to: null }]);
  });
});
