import { lowConfidencePages, meanConfidence } from '../../letters/read/ocr/ocr-port.js';
import { californiaDate } from './services.js';

/**
 * What a draft rests on: which of the case's documents the engine read, and which it could not
 * (no text, a UR decision, too large). Pure: no I/O.
 */

/** Longest document text handed to the engine (characters); a longer one is listed as not read. */
export const MAX_DRAFT_DOCUMENT_CHARS = 1_000_000;

export type NotReadReason = 'no_text' | 'ur_decision' | 'too_large';

interface DraftDocumentRef {
  documentId: string;
  name: string;
  kind: string;
  /** The upload date (YYYY-MM-DD, California). */
  uploadedOn: string;
  /** Present when the text was read by OCR from a scan: how sure OCR was (the draft's quotes from it may carry OCR errors). */
  ocr?: { meanConfidence: number; lowConfidencePages: number[] };
}

interface DraftDocumentNotRead extends DraftDocumentRef {
  reason: NotReadReason;
}

/** The record a draft was made from. */
export interface DraftSources {
  /** When the engine drafted (ISO-8601). */
  draftedAt: string;
  /** Whether a typed clinical summary was one of the sources. */
  clinicalSummary: boolean;
  read: DraftDocumentRef[];
  notRead: DraftDocumentNotRead[];
}

/** A stored document as the classification needs it. */
export interface SourceDocument {
  id: string;
  kind: string;
  name: string;
  text: string;
  uploaded_at: string;
  /** JSON: each page's OCR confidence, for a scan read by OCR. */
  ocr_confidences?: string | null;
}

/** Why the engine does not read this document as clinical evidence, or null when it reads it. */
export function notReadReason(doc: Pick<SourceDocument, 'kind' | 'text'>): NotReadReason | null {
  if (doc.kind === 'ur_decision') return 'ur_decision';
  if (doc.text.trim() === '') return 'no_text';
  if (doc.text.length > MAX_DRAFT_DOCUMENT_CHARS) return 'too_large';
  return null;
}

/**
 * Whether the engine is given the document at all: a UR decision is given (the engine may quote it as
 * the reviewer's own statement, never as a clinical fact), a document without text or too large is not.
 */
export function givenToEngine(doc: Pick<SourceDocument, 'kind' | 'text'>): boolean {
  const why = notReadReason(doc);
  return why === null || why === 'ur_decision';
}

/** The OCR marking of a document read by OCR (nothing for one that was not). */
function ocrOf(d: SourceDocument): Pick<DraftDocumentRef, 'ocr'> {
  if (!d.ocr_confidences) return {};
  const confidences = JSON.parse(d.ocr_confidences) as number[];
  return { ocr: { meanConfidence: meanConfidence(confidences.map((confidence) => ({ confidence }))), lowConfidencePages: lowConfidencePages(confidences) } };
}

/** The documents a draft read and those it could not, in upload order. */
export function draftSources(documents: SourceDocument[], clinicalSummary: string, draftedAt: Date): DraftSources {
  const read: DraftDocumentRef[] = [];
  const notRead: DraftDocumentNotRead[] = [];
  for (const d of documents) {
    const ref: DraftDocumentRef = { documentId: d.id, name: d.name, kind: d.kind, uploadedOn: californiaDate(new Date(d.uploaded_at)), ...ocrOf(d) };
    const why = notReadReason(d);
    if (why) notRead.push({ ...ref, reason: why });
    else read.push(ref);
  }
  return { draftedAt: draftedAt.toISOString(), clinicalSummary: clinicalSummary.trim() !== '', read, notRead };
}

/** True when the draft had no clinical statement to read: no summary and no readable clinical document. */
export function readsNothingClinical(sources: DraftSources): boolean {
  return !sources.clinicalSummary && sources.read.length === 0;
}
