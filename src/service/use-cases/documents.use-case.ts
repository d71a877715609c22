import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { ImrError } from '../../errors/imr-error.js';
import { decodeLetterBytes, looksLikePdf } from '../../letters/read/index.js';
import type { DocumentReader } from '../../letters/read/reading-pool.js';
import { isFinalStatus, type CaseStatus } from '../domain/index.js';
import { parseJson } from '../store/tables.js';
import type { User } from '../store/users.store.js';
import { documentEvidenceSource } from './case-view.js';
import type { Services } from './services.js';
import { scheduleRedraft } from './redraft.use-case.js';

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
}

/**
 * The text of an uploaded file: a PDF's text layer (read by `reader`, in its worker pool, within
 * the reading limits), or the file as text.
 */
export async function documentText(bytes: Uint8Array, name: string, reader: DocumentReader): Promise<{ text: string; mediaType: string }> {
  if (bytes.length === 0) throw new ImrError('IMR_ERR_VALIDATION', 'The file is empty; upload the document itself.', { details: [{ path: 'file', message: 'empty' }] });
  if (looksLikePdf(bytes)) return { text: await reader.readPdfText(bytes, name), mediaType: 'application/pdf' };
  if (bytes.subarray(0, 8192).includes(0)) throw new ImrError('IMR_ERR_UNSUPPORTED_MEDIA', 'The file is neither a PDF nor plain text; upload a PDF or a .txt file.');
  return { text: decodeLetterBytes(bytes), mediaType: 'text/plain' };
}

/**
 * Adds a document (medical record, UR decision…) to a case: the file is kept as uploaded, its text
 * is extracted for the engine, and its name joins the documents reviewed; one transaction. Once it is
 * stored, the undecided items of an assigned case are redrafted in the background (the upload does not
 * wait for it, and never fails because of it).
 */
export async function addDocument(services: Services, actor: User, caseId: string, input: { kind: DocumentKind; name: string; bytes: Uint8Array }): Promise<DocumentSummary> {
  const row0 = await services.cases.getOrThrow(caseId);
  if (isFinalStatus(row0.status as CaseStatus)) throw new ImrError('IMR_ERR_INVALID_TRANSITION', `Documents can be added only to an open case; this case is "${row0.status}".`, { subject: caseId });
  const name = path.basename(input.name).slice(0, 300) || 'document';
  const { text, mediaType } = await documentText(input.bytes, name, services.reader);
  const now = services.now();
  const doc = {
    id: randomUUID(),
    case_id: caseId,
    kind: input.kind,
    name,
    media_type: mediaType,
    bytes: input.bytes.length,
    sha256: createHash('sha256').update(input.bytes).digest('hex'),
    text,
    content_base64: Buffer.from(input.bytes).toString('base64'),
    uploaded_at: now.toISOString(),
    uploaded_by: actor.id,
  };
  await services.tx(async (stores) => {
    const row = await stores.cases.getOrThrow(caseId);
    await stores.cases.insertDocument(doc);
    const reviewed = parseJson<string[]>(row.documents_reviewed, []);
    await stores.cases.update(row.id, row.version, { documents_reviewed: JSON.stringify([...reviewed, name]) }, now);
    await stores.audit.record(actor, 'case.document_added', caseId, { documentId: doc.id, kind: doc.kind, bytes: doc.bytes, sha256: doc.sha256 }, now);
  });
  void scheduleRedraft(services, actor, caseId, 'document_added');
  return { id: doc.id, kind: doc.kind, name, evidenceSource: documentEvidenceSource(doc.kind, name), mediaType, bytes: doc.bytes, sha256: doc.sha256, uploadedAt: doc.uploaded_at };
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
