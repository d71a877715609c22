import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { ImrError } from '../../errors/imr-error.js';
import { decodeLetterBytes, looksLikePdf } from '../../letters/read/index.js';
import { isNoTextLayer } from '../../letters/read/ocr/scanned-reading.js';
import type { DocumentReader } from '../../letters/read/reading-pool.js';
import { isFinalStatus, type CaseStatus } from '../domain/index.js';
import type { User } from '../store/users.store.js';
import { documentEvidenceSource, toDocumentSummary } from './case-view.js';
import type { Services } from './services.js';
import { scheduleRedraft } from './redraft.use-case.js';
import { scheduleOcr, type DocumentOcr } from './document-ocr.use-case.js';

export const DOCUMENT_KINDS = ['medical_record', 'ur_decision', 'application', 'other'] as const;
export const documentKindSchema = z.enum(DOCUMENT_KINDS);
export type DocumentKind = z.infer<typeof documentKindSchema>;

/** Largest document accepted (the web workbench says the same). */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export interface DocumentSummary {
  id: string;
  kind: string;
  name: string;
  /** The source name the engine's evidence quotes for this document ("medical record: pr2.txt"). */
  evidenceSource: string;
  mediaType: string;
  bytes: number;
  sha256: string;
  uploadedAt: string;
  /** The record's date of service and author or facility, when the uploader gave them. */
  serviceDate?: string | null;
  author?: string | null;
  /** When the document was withdrawn (filed by mistake), and why: kept, no longer evidence. */
  withdrawnAt?: string | null;
  withdrawalReason?: string | null;
  /** Pages of the file (a PDF's, a scan's too; null for a text file or a document stored before pages were counted). */
  pageCount?: number | null;
  /** For a scan (a PDF with no text layer), how OCR read it: progress, each page's confidence, low-confidence pages; null otherwise. */
  ocr?: DocumentOcr | null;
}

/** An uploaded file as read at upload: its text, type and pages; a scan has no text yet (OCR reads it in the background). */
interface UploadReading {
  text: string;
  mediaType: string;
  /** A PDF's pages (null for a text file). */
  pageCount: number | null;
  /** A PDF with no text layer, to be read by OCR. */
  scan: boolean;
}

/**
 * The text of an uploaded file: a PDF's text layer (read by `reader`, in its worker pool, within
 * the reading limits), or the file as text. A PDF without a text layer is a scan: checked for OCR
 * (installed, within the OCR page limit) and accepted without text, or refused with
 * IMR_ERR_OCR_UNAVAILABLE / IMR_ERR_DOCUMENT_LIMIT.
 */
async function documentText(bytes: Uint8Array, name: string, reader: DocumentReader): Promise<UploadReading> {
  if (bytes.length === 0) throw new ImrError('IMR_ERR_VALIDATION', 'The file is empty; upload the document itself.', { details: [{ path: 'file', message: 'empty' }] });
  if (looksLikePdf(bytes)) {
    try {
      const text = await reader.readPdfText(bytes, name);
      return { text, mediaType: 'application/pdf', pageCount: text.split('\f').length, scan: false };
    } catch (e) {
      if (!isNoTextLayer(e)) throw e;
      return { text: '', mediaType: 'application/pdf', pageCount: await reader.checkScan(bytes, name, e), scan: true };
    }
  }
  if (bytes.subarray(0, 8192).includes(0)) throw new ImrError('IMR_ERR_UNSUPPORTED_MEDIA', 'The file is neither a PDF nor plain text; upload a PDF or a .txt file.');
  return { text: decodeLetterBytes(bytes), mediaType: 'text/plain', pageCount: null, scan: false };
}

/** What the uploader may say about a record besides its kind: when it was made and by whom. */
export interface DocumentDetails {
  serviceDate?: string | null;
  author?: string | null;
}

/** The same file already filed in the case: refused, naming the earlier document (and whether it was withdrawn). */
function duplicateError(earlier: { id: string; name: string; uploaded_at: string; withdrawn_at: string | null }, caseId: string): ImrError {
  const when = earlier.uploaded_at.slice(0, 10);
  const state = earlier.withdrawn_at ? ', since withdrawn' : '';
  return new ImrError('IMR_ERR_DUPLICATE', `This file is already in the case as "${earlier.name}" (document ${earlier.id}, uploaded ${when}${state}); the same content is not filed twice.`, {
    subject: caseId,
    details: [{ path: 'file', message: `same SHA-256 as document ${earlier.id}` }],
  });
}

/**
 * Adds a document (medical record, UR decision…) to a case: the file is kept as uploaded and its text
 * extracted for the engine; one transaction. The same content (SHA-256) filed twice in a case is
 * refused, naming the earlier document. Once it is stored, the undecided items of an assigned case
 * are redrafted in the background (the upload does not wait for it, and never fails because of it);
 * a scan is first read by OCR in the background (its summary says `ocr.status: 'queued'` until then).
 */
export async function addDocument(services: Services, actor: User, caseId: string, input: { kind: DocumentKind; name: string; bytes: Uint8Array } & DocumentDetails): Promise<DocumentSummary> {
  const row0 = await services.cases.getOrThrow(caseId);
  if (isFinalStatus(row0.status as CaseStatus)) throw new ImrError('IMR_ERR_INVALID_TRANSITION', `Documents can be added only to an open case; this case is "${row0.status}".`, { subject: caseId });
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  // Checked before the file is read (reading costs a worker), and again in the transaction below.
  const earlier0 = await services.cases.documentBySha256(caseId, sha256);
  if (earlier0) throw duplicateError(earlier0, caseId);
  const name = path.basename(input.name).slice(0, 300) || 'document';
  const { text, mediaType, pageCount, scan } = await documentText(input.bytes, name, services.reader);
  const now = services.now();
  const doc = {
    id: randomUUID(),
    case_id: caseId,
    kind: input.kind,
    name,
    media_type: mediaType,
    bytes: input.bytes.length,
    sha256,
    text,
    content_base64: Buffer.from(input.bytes).toString('base64'),
    uploaded_at: now.toISOString(),
    uploaded_by: actor.id,
    service_date: input.serviceDate ?? null,
    author: input.author?.trim() || null,
    page_count: pageCount,
    ocr_status: scan ? 'queued' : null,
    ocr_pages_done: scan ? 0 : null,
  };
  await services.tx(async (stores) => {
    const row = await stores.cases.getOrThrow(caseId);
    const earlier = await stores.cases.documentBySha256(caseId, sha256);
    if (earlier) throw duplicateError(earlier, caseId);
    await stores.cases.insertDocument(doc);
    // The case's version moves (a signature prepared before the record arrived is refused); the
    // document is listed from its own row, never added to the names listed at intake.
    await stores.cases.update(row.id, row.version, {}, now);
    await stores.audit.record(actor, 'case.document_added', caseId, { documentId: doc.id, kind: doc.kind, bytes: doc.bytes, sha256: doc.sha256, pages: pageCount, ...(scan ? { ocr: 'queued' } : {}) }, now);
  });
  // A scan is read by OCR first, on the case's queue: the redraft after it reads its text.
  if (scan) void scheduleOcr(services, actor, caseId, doc.id);
  void scheduleRedraft(services, actor, caseId, 'document_added');
  return toDocumentSummary(doc);
}

export const withdrawalInputSchema = z.object({
  /** Why the document is withdrawn (e.g. "filed to the wrong case"): kept with the document, never in the audit rows. */
  reason: z.string().trim().min(1).max(2000),
});

/**
 * Withdraws a document filed by mistake: it is kept (bytes, text, upload record) and marked
 * withdrawn with who, when and why; it is no longer evidence, so the engine stops reading it and the
 * undecided items are redrafted in the background. Only while the case is open: an issued letter is
 * changed by a correction. The audit row points at the reason instead of holding it.
 */
export async function withdrawDocument(services: Services, actor: User, caseId: string, documentId: string, input: { reason: string }): Promise<DocumentSummary> {
  const row0 = await services.cases.getOrThrow(caseId);
  if (isFinalStatus(row0.status as CaseStatus)) {
    throw new ImrError('IMR_ERR_INVALID_TRANSITION', `Documents can be withdrawn only while the case is open; this case is "${row0.status}"${row0.status === 'letter_issued' ? ': issue a correction instead' : ''}.`, { subject: caseId });
  }
  const now = services.now();
  const doc = await services.tx(async (stores) => {
    const row = await stores.cases.getOrThrow(caseId);
    const before = await stores.cases.document(caseId, documentId);
    if (before.withdrawn_at) {
      throw new ImrError('IMR_ERR_INVALID_TRANSITION', `The document was already withdrawn on ${before.withdrawn_at.slice(0, 10)}; it is no longer evidence.`, { subject: documentId });
    }
    if (!(await stores.cases.withdrawDocument(caseId, documentId, actor.id, input.reason, now))) {
      throw new ImrError('IMR_ERR_CONFLICT', 'The document was withdrawn by someone else meanwhile; reload the case.', { subject: documentId });
    }
    await stores.cases.update(row.id, row.version, {}, now);
    await stores.audit.record(actor, 'case.document_withdrawn', caseId, { documentId, kind: before.kind, sha256: before.sha256, reason: { documentId, field: 'withdrawal_reason' } }, now);
    return { ...before, withdrawn_at: now.toISOString(), withdrawn_by: actor.id, withdrawal_reason: input.reason };
  });
  void scheduleRedraft(services, actor, caseId, 'document_withdrawn');
  return toDocumentSummary(doc);
}

/** A document's extracted text, for reading it beside the record (the reader's access is checked by the caller). */
export interface DocumentText {
  id: string;
  kind: string;
  name: string;
  evidenceSource: string;
  text: string;
}

/** The extracted text of one of the case's documents; records the read in the audit log. */
export async function readDocumentText(services: Services, actor: User, caseId: string, documentId: string): Promise<DocumentText> {
  const doc = await services.cases.document(caseId, documentId);
  await services.audit.record(actor, 'case.document_read', caseId, { documentId: doc.id, as: 'text' }, services.now());
  return { id: doc.id, kind: doc.kind, name: doc.name, evidenceSource: documentEvidenceSource(doc.kind, doc.name), text: doc.text };
}
