import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../db/test-support/dialects.js';
import { TesseractOcr } from '../letters/read/ocr/tesseract-ocr.js';
import { haveOcr, OCR_SKIP_MESSAGE, scannedPdf } from '../letters/read/ocr/test-support/scanned-pdf.js';
import { WorkerDocumentReader } from '../letters/read/reading-pool.js';
import { renderLetterPdf } from '../letters/render/index.js';
import { sampleLetter } from '../letters/render/test-support/sample-letters.js';
import { engineDraftEngine } from '../service/use-cases/engine-adapter.js';
import { applicationInput } from '../service/test-support/fixtures.js';
import { multipart } from './test-support/multipart.js';
import type { TestApp } from './test-support/test-app.js';
import { openWorld, type World } from './test-support/world.js';

if (!haveOcr) console.warn(OCR_SKIP_MESSAGE);

// A faxed PR-2 written for these tests (not from a published letter), on two pages.
const FAXED_PR2 = [
  [
    'PR-2 progress report dated 02/10/2024.',
    'The patient is a 48 year old male with low back pain after a lifting',
    'injury on 06/14/2023. Diagnosis: lumbar strain.',
    '',
    'He has completed 6 sessions of chiropractic manipulation.',
  ],
  [
    'Low back pain is rated 6/10 with tenderness over the lumbar paraspinal',
    'muscles on examination.',
    '',
    'Tramadol 50 mg twice daily is continued.',
  ],
];
const CHIRO = '6 additional chiropractic visits for the lumbar spine';
const TRAMADOL = 'Tramadol 50 mg #60';

interface Evidence { source: string; quote: string }
interface DocJson { id: string; name: string; evidenceSource: string; mediaType: string; pageCount: number | null; ocr: null | { status: string; pagesDone: number; pageConfidences: number[]; meanConfidence: number | null; lowConfidencePages: number[]; engine: string | null; error: string | null } }

describe.each(testDialects())('pages of uploaded records on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    ({ t, w } = await openWorld(dialect, { now: () => new Date('2024-03-21T18:00:00Z'), engine: null }));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a PDF with a text layer is listed with its page count and no OCR marking; a text file has no page count', async () => {
    const { caseId, cookie } = await w.assignedCase();
    const pdf = await renderLetterPdf(sampleLetter());
    const pages = (await t.services.reader.readPdfText(pdf, 'letter.pdf')).split('\f').length;
    expect(pages).toBeGreaterThan(1);
    for (const [name, type, bytes] of [['ur.pdf', 'application/pdf', pdf], ['note.txt', 'text/plain', new TextEncoder().encode('PR-2 progress note.')]] as const) {
      const up = multipart({ kind: 'ur_decision' }, { name, type, bytes });
      const res = await t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/documents`, headers: { ...up.headers, cookie: w.cookies.intake }, payload: up.payload });
      expect(res.statusCode, res.body).toBe(201);
    }
    const docs = (await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: { cookie } })).json().documents as DocJson[];
    // Both were uploaded in the same instant (the test's clock), so their order is not what is tested.
    const byName = docs.map((d) => [d.name, d.pageCount, d.ocr]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(byName).toEqual([['note.txt', null, null], ['ur.pdf', pages, null]]);
  });
});

describe.skipIf(!haveOcr).each(testDialects())('scanned records read by OCR (issue 12, item 5) on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  let scan: Uint8Array;
  let tmpRoot: string;
  let n = 0;
  beforeAll(async () => {
    ({ t, w } = await openWorld(dialect, { now: () => new Date('2024-03-21T18:00:00Z'), engine: engineDraftEngine() }));
    tmpRoot = mkdtempSync(path.join(tmpdir(), 'imr-ocr-server-'));
    await t.services.reader.close();
    t.services.reader = new WorkerDocumentReader({ workers: 1, ocr: new TesseractOcr({ tmpRoot }) });
    scan = await scannedPdf(FAXED_PR2);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    rmSync(tmpRoot, { recursive: true, force: true });
  });

  const upload = (caseId: string, name: string, bytes: Uint8Array) => {
    const up = multipart({ kind: 'medical_record' }, { name, type: 'application/pdf', bytes });
    return t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/documents`, headers: { ...up.headers, cookie: w.cookies.intake }, payload: up.payload });
  };
  /** A case registered with no clinical summary (only the scan will tell the engine anything), eligible and assigned. */
  async function assignedCaseWithoutSummary(): Promise<{ caseId: string; cookie: string }> {
    n++;
    const base = applicationInput();
    const application = applicationInput({
      injuredWorker: { ...base.injuredWorker, name: `Scan Worker ${n}`, claimNumber: `CLM-SCAN-${n}` },
      urDecision: { ...base.urDecision, itemsDeniedOrModified: [CHIRO, TRAMADOL] },
      disputedItems: [{ request: CHIRO, urOutcome: 'denied', category: 'chiropractic' }, { request: TRAMADOL, urOutcome: 'modified', category: 'opioid' }],
    });
    const created = await t.app.inject({ method: 'POST', url: '/api/cases', headers: { cookie: w.cookies.intake }, payload: { application } });
    expect(created.statusCode, created.body).toBe(201);
    const caseId = created.json().id as string;
    expect((await t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/eligibility`, headers: { cookie: w.cookies.intake }, payload: {} })).statusCode).toBeLessThan(300);
    const assigned = await t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/assignment`, headers: { cookie: w.cookies.intake } });
    expect(assigned.statusCode, assigned.body).toBeLessThan(300);
    await t.services.background.idle();
    return { caseId, cookie: assigned.json().reviewerId === 'r-pmr' ? w.cookies.reviewer : w.cookies.otherReviewer };
  }

  it('accepts a scan, reads it by OCR in the background, marks the text as OCR with each page\'s confidence, and the redraft quotes it', async () => {
    const { caseId, cookie } = await assignedCaseWithoutSummary();
    const res = await upload(caseId, 'faxed PR-2.pdf', scan);
    expect(res.statusCode, res.body).toBe(201);
    const queued = res.json() as DocJson;
    // The upload answers before OCR: the scan is stored, its pages counted, its text to come.
    expect(queued).toMatchObject({ mediaType: 'application/pdf', pageCount: 2, ocr: { status: 'queued', pagesDone: 0, pageConfidences: [], meanConfidence: null, error: null } });

    await t.services.background.idle();
    const kase = (await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: { cookie } })).json();
    const doc = (kase.documents as DocJson[]).find((d) => d.id === queued.id)!;
    expect(doc.pageCount).toBe(2);
    expect(doc.ocr).toMatchObject({ status: 'done', pagesDone: 2, lowConfidencePages: [], error: null });
    expect(doc.ocr!.engine).toMatch(/^tesseract \d/);
    expect(doc.ocr!.pageConfidences).toHaveLength(2);
    for (const c of doc.ocr!.pageConfidences) expect(c).toBeGreaterThan(80);

    // The stored text keeps the pages, as a PDF's text layer does.
    const text = (await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}/documents/${doc.id}/text`, headers: { cookie } })).json().text as string;
    const pages = text.split('\f');
    expect(pages).toHaveLength(2);
    expect(pages[0]).toMatch(/completed 6 sessions of chiropractic manipulation/);
    expect(pages[1]).toMatch(/Tramadol 50 mg twice daily is continued/);

    // The engine read the OCR text like any text: the drafts list the scan as read and quote it.
    // Each draft says it read the scan through OCR, and how sure OCR was.
    for (const item of kase.items as Array<{ draft: { sources: { read: Array<{ documentId: string; ocr?: unknown }> } } }>) {
      expect(item.draft.sources.read).toEqual([{ documentId: doc.id, name: 'faxed PR-2.pdf', kind: 'medical_record', uploadedOn: '2024-03-21', ocr: { meanConfidence: doc.ocr!.meanConfidence, lowConfidencePages: [] } }]);
    }
    const quotes = (kase.items as Array<{ draft: { criteria: Array<{ evidence: Evidence[] }> } }>).flatMap((i) => i.draft.criteria.flatMap((c) => c.evidence)).filter((e) => e.source === doc.evidenceSource);
    expect(quotes.length).toBeGreaterThan(0);

    // Audited with counts and codes, never the text.
    const audit = (await t.app.inject({ method: 'GET', url: `/api/audit?caseId=${caseId}`, headers: { cookie: w.cookies.admin } })).json().entries as Array<{ action: string; detail: Record<string, unknown> }>;
    expect(audit.find((e) => e.action === 'case.document_added')?.detail).toMatchObject({ documentId: doc.id, pages: 2, ocr: 'queued' });
    expect(audit.find((e) => e.action === 'case.document_ocr')?.detail).toMatchObject({ documentId: doc.id, pages: 2, lowConfidencePages: [] });
    expect(JSON.stringify(audit)).not.toMatch(/chiropractic manipulation|lumbar strain/);
    // Nothing of the scan is left in the temporary folder.
    expect(readdirSync(tmpRoot)).toEqual([]);
  }, 180_000);

  it('refuses a scan longer than the OCR page limit with IMR_ERR_DOCUMENT_LIMIT at upload, storing nothing', async () => {
    const { caseId, cookie } = await assignedCaseWithoutSummary();
    const original = t.services.reader;
    t.services.reader = new WorkerDocumentReader({ workers: 1, limits: { ocrPages: 1 }, ocr: new TesseractOcr({ tmpRoot }) });
    try {
      const res = await upload(caseId, 'long fax.pdf', scan);
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().error.code).toBe('IMR_ERR_DOCUMENT_LIMIT');
      expect(res.json().error.message).toMatch(/^long fax\.pdf: reading stopped at the limit of 1 pages read by OCR.*IMR_READ_OCR_PAGE_LIMIT/);
    } finally {
      await t.services.reader.close();
      t.services.reader = original;
    }
    expect((await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: { cookie } })).json().documents).toEqual([]);
    expect(readdirSync(tmpRoot)).toEqual([]);
  }, 60_000);

  it('without OCR installed, refuses the scan as before, saying OCR is not installed (IMR_ERR_OCR_UNAVAILABLE)', async () => {
    const { caseId } = await assignedCaseWithoutSummary();
    const original = t.services.reader;
    t.services.reader = new WorkerDocumentReader({ workers: 1, ocr: new TesseractOcr({ tesseract: 'tesseract-not-installed-here' }) });
    try {
      const res = await upload(caseId, 'fax.pdf', scan);
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().error).toMatchObject({ code: 'IMR_ERR_OCR_UNAVAILABLE', message: expect.stringMatching(/^fax\.pdf: the PDF has 2 page\(s\) but has no text layer .*OCR is not installed here/) });
    } finally {
      await t.services.reader.close();
      t.services.reader = original;
    }
  }, 60_000);
});
