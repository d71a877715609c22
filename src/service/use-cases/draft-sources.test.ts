import { describe, expect, it } from 'vitest';
import { draftSources, givenToEngine, MAX_DRAFT_DOCUMENT_CHARS, notReadReason, readsNothingClinical } from './draft-sources.js';

const doc = (id: string, kind: string, text: string, uploaded_at = '2024-03-21T18:00:00.000Z') => ({ id, kind, name: `${id}.txt`, text, uploaded_at });

describe('what a draft read', () => {
  it('reads medical records, the application and other documents with text; never a UR decision, a document without text or one too large', () => {
    expect(notReadReason({ kind: 'medical_record', text: 'Low back pain 6/10.' })).toBeNull();
    expect(notReadReason({ kind: 'application', text: 'IMR application.' })).toBeNull();
    expect(notReadReason({ kind: 'other', text: 'A letter.' })).toBeNull();
    expect(notReadReason({ kind: 'ur_decision', text: 'Not certified.' })).toBe('ur_decision');
    expect(notReadReason({ kind: 'medical_record', text: ' \n ' })).toBe('no_text');
    expect(notReadReason({ kind: 'medical_record', text: 'x'.repeat(MAX_DRAFT_DOCUMENT_CHARS + 1) })).toBe('too_large');
    expect(notReadReason({ kind: 'medical_record', text: 'x'.repeat(MAX_DRAFT_DOCUMENT_CHARS) })).toBeNull();
  });

  it('gives the engine the UR decision (to read as the reviewer\'s statement, not as clinical fact) but not what it cannot read', () => {
    expect(givenToEngine({ kind: 'ur_decision', text: 'Not certified.' })).toBe(true);
    expect(givenToEngine({ kind: 'medical_record', text: '' })).toBe(false);
    expect(givenToEngine({ kind: 'medical_record', text: 'x'.repeat(MAX_DRAFT_DOCUMENT_CHARS + 1) })).toBe(false);
  });

  it('lists read and unread documents in upload order, with their California upload date and the summary', () => {
    // 02:00 UTC on 22 March is still 21 March in California.
    const s = draftSources([doc('pr2', 'medical_record', 'Pain 6/10.', '2024-03-22T02:00:00.000Z'), doc('ur', 'ur_decision', 'Denied.'), doc('scan', 'medical_record', '')], '', new Date('2024-03-22T03:00:00Z'));
    expect(s).toEqual({
      draftedAt: '2024-03-22T03:00:00.000Z',
      clinicalSummary: false,
      read: [{ documentId: 'pr2', name: 'pr2.txt', kind: 'medical_record', uploadedOn: '2024-03-21' }],
      notRead: [
        { documentId: 'ur', name: 'ur.txt', kind: 'ur_decision', uploadedOn: '2024-03-21', reason: 'ur_decision' },
        { documentId: 'scan', name: 'scan.txt', kind: 'medical_record', uploadedOn: '2024-03-21', reason: 'no_text' },
      ],
    });
    expect(readsNothingClinical(s)).toBe(false);
  });

  it('reads nothing clinical with only a UR decision and no summary; a typed summary is a source of its own', () => {
    const onlyUr = [doc('ur', 'ur_decision', 'Denied.')];
    expect(readsNothingClinical(draftSources(onlyUr, '  ', new Date()))).toBe(true);
    expect(readsNothingClinical(draftSources([], '', new Date()))).toBe(true);
    expect(readsNothingClinical(draftSources(onlyUr, 'The worker reports low back pain.', new Date()))).toBe(false);
  });
});
