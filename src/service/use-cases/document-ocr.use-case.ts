import { toImrError } from '../../errors/imr-error.js';
import { lowConfidencePages, meanConfidence, ocrText, type OcrResult } from '../../letters/read/ocr/ocr-port.js';
import { isFinalStatus, type CaseStatus } from '../domain/index.js';
import type { CaseDocumentRow } from '../store/tables.js';
import { parseJson } from '../store/tables.js';
import type { User } from '../store/users.store.js';
import type { Services } from './services.js';

/**
 * OCR of scanned case documents. A PDF with no text layer is stored as uploaded, with no text and
 * `queued`; a background job (after the upload has answered) reads it by OCR (the reader's OCR
 * port: child processes, within the OCR limits), stores the text with each page's confidence and
 * audits the read (counts and codes only, never text). The redraft scheduled after it on the same
 * case then reads the OCR text like any other text.
 */

type OcrStatus = 'queued' | 'reading' | 'done' | 'failed';

/** How a scanned document's text was read, as the case view and the upload answer show it. */
export interface DocumentOcr {
  /** queued (waiting for its turn), reading (pagesDone of the document's pages read), done, or failed (see error). */
  status: OcrStatus;
  pagesDone: number;
  /** Mean word confidence of each page, 0–100 (when done). */
  pageConfidences: number[];
  /** Mean of the pages' confidences (when done). */
  meanConfidence: number | null;
  /** Pages read with low confidence: the reviewer checks them against the scan. */
  lowConfidencePages: number[];
  /** The OCR engine and version ("tesseract 5.3.0"), when done. */
  engine: string | null;
  /** The error code when OCR failed: the document stays, without text (upload a clearer scan or the text). */
  error: string | null;
}

type OcrColumns = Pick<CaseDocumentRow, 'ocr_status' | 'ocr_pages_done' | 'ocr_confidences' | 'ocr_engine' | 'ocr_error'>;

/** The OCR state of a stored document, or null when its text was not made by OCR. */
export function documentOcrView(d: Partial<OcrColumns>): DocumentOcr | null {
  if (!d.ocr_status) return null;
  const confidences = parseJson<number[]>(d.ocr_confidences ?? null, []);
  return {
    status: d.ocr_status as OcrStatus,
    pagesDone: d.ocr_pages_done ?? 0,
    pageConfidences: confidences,
    meanConfidence: confidences.length ? meanConfidence(confidences.map((confidence) => ({ confidence }))) : null,
    lowConfidencePages: lowConfidencePages(confidences),
    engine: d.ocr_engine ?? null,
    error: d.ocr_error ?? null,
  };
}

/** Reads one queued scan by OCR and stores the result (or the failure); never throws for the document's own faults. */
async function readScannedDocument(services: Services, actor: User | null, caseId: string, documentId: string): Promise<void> {
  const doc = await services.cases.document(caseId, documentId);
  if (doc.ocr_status !== 'queued' && doc.ocr_status !== 'reading') return;
  await services.cases.updateDocumentOcr(caseId, documentId, { ocr_status: 'reading', ocr_pages_done: 0 });
  // Progress notes are written one after another, and never over the final state.
  let notes = Promise.resolve();
  const progress = (done: number): void => {
    notes = notes.then(() => services.cases.updateDocumentOcr(caseId, documentId, { ocr_pages_done: done }, ['reading'])).then(
      () => undefined,
      () => undefined,
    );
  };
  let result: OcrResult;
  try {
    result = await services.reader.ocrPdf(Buffer.from(doc.content_base64, 'base64'), doc.name, progress);
  } catch (e) {
    await notes;
    const code = toImrError(e).code;
    await services.tx(async (stores) => {
      await stores.cases.updateDocumentOcr(caseId, documentId, { ocr_status: 'failed', ocr_error: code });
      await stores.audit.record(actor, 'case.document_ocr', caseId, { documentId, failed: code }, services.now());
    });
    services.background.warn({ job: 'ocr', key: caseId, code });
    return;
  }
  await notes;
  // Retried when the case changed between the read and the write of its version (a concurrent edit).
  for (let attempt = 1; ; attempt++) {
    try {
      await storeResult(services, actor, caseId, documentId, result);
      return;
    } catch (e) {
      if (attempt >= 3 || toImrError(e).code !== 'IMR_ERR_CONFLICT') throw e;
    }
  }
}

/** Stores a finished OCR read, in one transaction with its audit row. */
async function storeResult(services: Services, actor: User | null, caseId: string, documentId: string, result: OcrResult): Promise<void> {
  const confidences = result.pages.map((p) => p.confidence);
  await services.tx(async (stores) => {
    // The record's text arrived: like an upload, the case's version moves (a signature prepared
    // before it is refused), unless the case is closed meanwhile (its letter stands as issued).
    const row = await stores.cases.getOrThrow(caseId);
    if (!isFinalStatus(row.status as CaseStatus)) await stores.cases.update(row.id, row.version, {}, services.now());
    await stores.cases.updateDocumentOcr(caseId, documentId, {
      text: ocrText(result),
      page_count: result.pages.length,
      ocr_status: 'done',
      ocr_pages_done: result.pages.length,
      ocr_confidences: JSON.stringify(confidences),
      ocr_engine: result.engine.slice(0, 60),
      ocr_error: null,
    });
    await stores.audit.record(actor, 'case.document_ocr', caseId, {
      documentId,
      pages: result.pages.length,
      meanConfidence: meanConfidence(result.pages),
      lowConfidencePages: lowConfidencePages(confidences),
      engine: result.engine,
    }, services.now());
  });
}

/**
 * Schedules the OCR of a scan in the background, on the case's queue (so a redraft scheduled after
 * it reads its text); the caller does not wait. A failure is stored on the document and logged as a code.
 */
export function scheduleOcr(services: Services, actor: User | null, caseId: string, documentId: string): Promise<void> {
  return services.background.run(caseId, `ocr ${documentId}`, () => readScannedDocument(services, actor, caseId, documentId));
}

/**
 * Scans whose OCR had not finished when the service last stopped (background work is lost with the
 * process) are read again, each followed by a redraft of its case. Returns how many were queued.
 */
export async function resumeScannedDocuments(services: Services, redraft: (caseId: string) => void): Promise<number> {
  const pending = await services.cases.documentsAwaitingOcr();
  const cases = new Set<string>();
  for (const d of pending) {
    void scheduleOcr(services, null, d.case_id, d.id);
    cases.add(d.case_id);
  }
  for (const caseId of cases) redraft(caseId);
  return pending.length;
}
