import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../db/test-support/dialects.js';
import type { Ocr, OcrProgress, OcrResult } from '../letters/read/ocr/ocr-port.js';
import { documentLimitError } from '../letters/read/reading-limits.js';
import { WorkerDocumentReader } from '../letters/read/reading-pool.js';
import { pdfWithoutText } from '../letters/read/test-support/temp-files.js';
import { resumeScannedDocuments } from '../service/use-cases/document-ocr.use-case.js';
import { engineDraftEngine } from '../service/use-cases/engine-adapter.js';
import { multipart } from './test-support/multipart.js';
import type { TestApp } from './test-support/test-app.js';
import { openWorld, type World } from './test-support/world.js';

/**
 * An OCR that the test drives: it reports the first page read, then waits to be let go, and answers
 * with the pages it is given (or fails). It stands for Tesseract so that progress, low-confidence
 * flags and failures are checked on any machine.
 */
class SteppedOcr implements Ocr {
  private let!: () => void;
  private reached!: () => void;
  /** Resolves once OCR has reported its first page and waits to be let go. */
  readonly started = new Promise<void>((r) => (this.reached = r));
  private readonly gate = new Promise<void>((r) => (this.let = r));
  constructor(private readonly outcome: () => OcrResult) {}
  release(): void {
    this.let();
  }
  async available(): Promise<boolean> {
    return true;
  }
  async pageCount(): Promise<number> {
    return this.outcome().pages.length;
  }
  async recognize(_pdf: Uint8Array, _limits: unknown, progress?: OcrProgress): Promise<OcrResult> {
    const result = this.outcome();
    progress?.(1, result.pages.length);
    this.reached();
    await this.gate;
    return result;
  }
}

/** An OCR that fails as a file over the OCR time limit does. */
const failingOcr: Ocr = {
  available: async () => true,
  pageCount: async () => 2,
  recognize: async () => {
    throw documentLimitError('ocrTimeMs', 1000);
  },
};

const PAGES = [
  { page: 1, text: 'PR-2 progress report dated 02/10/2024.\nHe has completed 6 sessions of chiropractic manipulation.', confidence: 93.5, words: 12 },
  { page: 2, text: 'Lovv back pa1n is rat ed 6/10', confidence: 41.2, words: 7 },
  { page: 3, text: 'Tramadol 50 mg twice daily is continued.', confidence: 90, words: 7 },
];

interface DocJson { id: string; pageCount: number | null; ocr: { status: string; pagesDone: number; pageConfidences: number[]; meanConfidence: number | null; lowConfidencePages: number[]; error: string | null } | null }

describe.each(testDialects())('OCR progress, low-confidence pages and failures on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  let blank: Uint8Array;
  beforeAll(async () => {
    ({ t, w } = await openWorld(dialect, { now: () => new Date('2024-03-21T18:00:00Z'), engine: engineDraftEngine() }));
    blank = await pdfWithoutText();
  });
  afterAll(async () => {
    await t?.close();
  });

  async function useOcr(ocr: Ocr): Promise<void> {
    await t.services.reader.close();
    t.services.reader = new WorkerDocumentReader({ workers: 1, ocr });
  }
  const upload = (caseId: string) => {
    const up = multipart({ kind: 'medical_record' }, { name: 'fax.pdf', type: 'application/pdf', bytes: blank });
    return t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/documents`, headers: { ...up.headers, cookie: w.cookies.intake }, payload: up.payload });
  };
  const document = async (caseId: string, cookie: string, id: string): Promise<DocJson> =>
    ((await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: { cookie } })).json().documents as DocJson[]).find((d) => d.id === id)!;

  it('shows the scan being read page by page, then flags the page read with low confidence to the reviewer and in the draft', async () => {
    const ocr = new SteppedOcr(() => ({ pages: PAGES, engine: 'tesseract 5.3.0' }));
    await useOcr(ocr);
    const { caseId, cookie } = await w.assignedCase();
    const res = await upload(caseId);
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    expect(res.json()).toMatchObject({ pageCount: 3, ocr: { status: 'queued', pagesDone: 0 } });

    await ocr.started;
    // Wait for the progress note to be written (it is written in the background too).
    let reading = await document(caseId, cookie, id);
    for (let i = 0; i < 500 && reading.ocr?.pagesDone !== 1; i++) reading = await new Promise((r) => setTimeout(r, 20)).then(() => document(caseId, cookie, id));
    expect(reading.ocr).toMatchObject({ status: 'reading', pagesDone: 1, pageConfidences: [], meanConfidence: null });
    // The reviewer cannot sign on a record nobody has read yet.
    const sign = await t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/sign`, headers: { cookie }, payload: {} });
    expect(sign.statusCode, sign.body).toBe(409);
    expect(sign.json().error).toMatchObject({ code: 'IMR_ERR_RECORDS_PENDING' });
    expect(sign.json().error.message).toMatch(/still being read by OCR/);

    ocr.release();
    await t.services.background.idle();
    const done = await document(caseId, cookie, id);
    expect(done.ocr).toEqual({ status: 'done', pagesDone: 3, pageConfidences: [93.5, 41.2, 90], meanConfidence: 75, lowConfidencePages: [2], engine: 'tesseract 5.3.0', error: null });
    const kase = (await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: { cookie } })).json();
    const read = kase.items[0].draft.sources.read as Array<{ documentId: string; ocr?: unknown }>;
    expect(read.find((r) => r.documentId === id)?.ocr).toEqual({ meanConfidence: 75, lowConfidencePages: [2] });
  });

  it('a scan OCR could not finish stays in the case without text, marked failed with the code, audited and not read by the engine', async () => {
    await useOcr(failingOcr);
    const { caseId, cookie } = await w.assignedCase();
    const id = (await upload(caseId)).json().id as string;
    await t.services.background.idle();
    expect((await document(caseId, cookie, id)).ocr).toMatchObject({ status: 'failed', error: 'IMR_ERR_DOCUMENT_LIMIT', pageConfidences: [] });
    const kase = (await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: { cookie } })).json();
    expect(kase.items[0].draft.sources.notRead).toEqual([expect.objectContaining({ documentId: id, reason: 'no_text' })]);
    const audit = (await t.app.inject({ method: 'GET', url: `/api/audit?caseId=${caseId}`, headers: { cookie: w.cookies.admin } })).json().entries as Array<{ action: string; detail: unknown }>;
    expect(audit.find((e) => e.action === 'case.document_ocr')?.detail).toEqual({ documentId: id, failed: 'IMR_ERR_DOCUMENT_LIMIT' });
  });

  it('a scan whose OCR the last stop cut short is read again when the service starts, and its case redrafted', async () => {
    const { caseId, cookie } = await w.assignedCase();
    await useOcr(failingOcr);
    const id = (await upload(caseId)).json().id as string;
    await t.services.background.idle();
    // As a process stopped mid-read leaves it: reading, one page done, no job behind it.
    await t.services.cases.updateDocumentOcr(caseId, id, { ocr_status: 'reading', ocr_pages_done: 1, ocr_error: null });
    const ocr = new SteppedOcr(() => ({ pages: PAGES, engine: 'tesseract 5.3.0' }));
    await useOcr(ocr);
    const redrafted: string[] = [];
    expect(await resumeScannedDocuments(t.services, (c) => redrafted.push(c))).toBe(1);
    expect(redrafted).toEqual([caseId]);
    await ocr.started;
    ocr.release();
    await t.services.background.idle();
    expect((await document(caseId, cookie, id)).ocr).toMatchObject({ status: 'done', pagesDone: 3, lowConfidencePages: [2], error: null });
  });
});
