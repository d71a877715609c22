import { describe, expect, it } from 'vitest';
import { documentsNotSeen, draftSourcesLine, readNothingClinical } from './draft-sources.js';

const ref = (name: string, kind: string) => ({ documentId: name, name, kind, uploadedOn: '2024-03-21' });

describe('the line saying what a draft read', () => {
  it('names the records read with their date and kind, and those not read with the reason', () => {
    const s = { draftedAt: '2024-03-21T18:00:00.000Z', clinicalSummary: false, read: [ref('PR-2.txt', 'medical_record')], notRead: [{ ...ref('UR.pdf', 'ur_decision'), reason: 'ur_decision' as const }, { ...ref('scan.pdf', 'medical_record'), reason: 'no_text' as const }] };
    expect(draftSourcesLine(s)).toBe("Read: PR-2.txt 03/21/2024 (medical record) · Not read: UR.pdf 03/21/2024 (UR decision: the claims administrator's reasoning, never clinical evidence), scan.pdf 03/21/2024 (no text: a scan waiting for OCR)");
    expect(readNothingClinical(s)).toBe(false);
  });

  it('says the clinical summary was read, and says so plainly when no medical record was', () => {
    expect(draftSourcesLine({ draftedAt: '', clinicalSummary: true, read: [], notRead: [] })).toBe('Read: the clinical summary');
    const none = { draftedAt: '', clinicalSummary: false, read: [], notRead: [{ ...ref('UR.pdf', 'ur_decision'), reason: 'ur_decision' as const }] };
    expect(draftSourcesLine(none)).toMatch(/^Read: no medical record · Not read: UR\.pdf/);
    expect(readNothingClinical(none)).toBe(true);
  });

  it('names the documents uploaded after the draft was made', () => {
    const s = { draftedAt: '', clinicalSummary: false, read: [ref('a.txt', 'medical_record')], notRead: [{ ...ref('ur.txt', 'ur_decision'), reason: 'ur_decision' as const }] };
    expect(documentsNotSeen(s, [{ id: 'a.txt', name: 'a.txt' }, { id: 'ur.txt', name: 'ur.txt' }, { id: 'new', name: 'PR-2 later.txt' }])).toEqual(['PR-2 later.txt']);
    expect(documentsNotSeen(s, [{ id: 'a.txt', name: 'a.txt' }])).toEqual([]);
  });
});
