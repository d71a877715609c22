import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../db/test-support/dialects.js';
import { ImrError } from '../errors/imr-error.js';
import { renderLetterPdf } from '../letters/render/index.js';
import type { Letter } from '../letters/model.js';
import { readDocumentPageImage, renderPdfPage } from '../service/use-cases/document-page-image.js';
import type { TestApp } from './test-support/test-app.js';
import { openWorld, type World } from './test-support/world.js';
import { documentReads, uploadRecord, type RecordFile } from './test-support/documents.js';

const NOTE = 'PR-2 progress note 03/01/2024. The patient completed 6 chiropractic visits with objective functional improvement.';
const hasPdftoppm = spawnSync('pdftoppm', ['-v']).error === undefined;
if (!hasPdftoppm) console.warn('[page images] skipped: pdftoppm is not installed. Install it with "apt-get install -y poppler-utils" (CI does).');

/** A short determination letter as a PDF (pdfkit), one or two pages. */
function letter(): Letter {
  const none = { source: 'NONE', name: null, edition: null, topic: null, sections: [], pages: [], raw: 'None', alsoCites: [] } as const;
  return {
    header: null, reviewer: { licensure: ['California'], specialty: 'Physical Medicine & Rehabilitation', subspecialty: null },
    worker: { age: 48, sex: 'male', injuryDate: '2023-06-14' }, urDecisionDate: '2024-02-29', imrApplicationDate: '2024-03-20',
    clinicalSummary: 'The first page names a quadrilateral sprocket.', documentsReviewed: null,
    items: [{ request: 'Tramadol 50 mg #60', decision: 'Upheld', claimsAdministratorGuideline: { ...none, sections: [], pages: [], alsoCites: [] }, reviewerGuideline: { ...none, sections: [], pages: [], alsoCites: [] }, rationale: 'The guideline supports a short course only.' }],
  };
}

/** The width and height a PNG declares in its IHDR chunk (null when the bytes are not a PNG). */
function pngSize(bytes: Buffer): { width: number; height: number } | null {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature) || bytes.subarray(12, 16).toString('latin1') !== 'IHDR') return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe.skipIf(!hasPdftoppm).each(testDialects())('the PDF page image route on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    ({ t, w } = await openWorld(dialect, { now: () => new Date('2024-03-21T18:00:00Z') }));
  });
  afterAll(async () => { await t?.close(); });

  const upload = (caseId: string, file: RecordFile) => uploadRecord(t, w.cookies.intake, caseId, file);
  const reads = (caseId: string) => documentReads(t, caseId);
  const image = (caseId: string, docId: string, n: number | string, cookie: string) => t.app.inject({ method: 'GET', url: `/api/cases/${caseId}/documents/${docId}/pages/${n}/image`, headers: { cookie } });

  it("serves page 1 of a PDF as a PNG picture to the case's reviewer, never cached, and audits the read without text", async () => {
    const { caseId, cookie } = await w.assignedCase();
    const docId = await upload(caseId, { name: 'letter.pdf', type: 'application/pdf', bytes: await renderLetterPdf(letter()) });
    const res = await image(caseId, docId, 1, cookie);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toBeUndefined();
    const size = pngSize(res.rawPayload);
    expect(size, 'the body is a PNG').not.toBeNull();
    // A US letter page at 100 dpi: 850 × 1100 pixels, taller than wide.
    expect(size!.width).toBeGreaterThan(0);
    expect(size!.height).toBeGreaterThan(size!.width);
    const audit = await reads(caseId);
    expect(audit.map((e) => e.detail)).toEqual([{ documentId: docId, as: 'page-image', page: 1 }]);
    expect(JSON.stringify(audit)).not.toContain('sprocket');
  });

  it('is listed in the OpenAPI document as a PNG', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const op = spec.paths['/api/cases/{id}/documents/{docId}/pages/{n}/image']?.get;
    expect(op?.responses?.['200']?.content).toHaveProperty(['image/png']);
    expect(op?.responses?.['422']).toBeDefined();
  });

  it('refuses a page the PDF does not have and a text file with 404, saying what to ask for, and audits no read', async () => {
    const { caseId, cookie } = await w.assignedCase();
    const pdfId = await upload(caseId, { name: 'letter.pdf', type: 'application/pdf', bytes: await renderLetterPdf(letter()) });
    const pages = (await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}/documents/${pdfId}/pages`, headers: { cookie } })).json().pages.length as number;
    const beyond = await image(caseId, pdfId, 99, cookie);
    expect(beyond.statusCode).toBe(404);
    expect(beyond.json().error).toMatchObject({ code: 'IMR_ERR_NOT_FOUND', message: `The document has ${pages} page${pages === 1 ? '' : 's'}; ask for a page from 1 to ${pages}.` });
    const textId = await upload(caseId, { name: 'pr2.txt', type: 'text/plain', bytes: new TextEncoder().encode(NOTE) });
    const text = await image(caseId, textId, 1, cookie);
    expect(text.statusCode).toBe(404);
    expect(text.json().error).toMatchObject({ code: 'IMR_ERR_NOT_FOUND', message: expect.stringMatching(/text file, so it has no page images/) });
    expect(text.body).not.toContain('chiropractic');
    expect(await image(caseId, pdfId, 0, cookie).then((r) => r.statusCode)).toBe(400);
    // Only the page count read above; no picture was shown.
    expect((await reads(caseId)).map((e) => e.detail)).toEqual([{ documentId: pdfId, as: 'pages' }]);
  });

  it("refuses another case's party and reviewer with 403, and audits the refusals", async () => {
    const { caseId, otherCookie } = await w.assignedCase();
    const docId = await upload(caseId, { name: 'letter.pdf', type: 'application/pdf', bytes: await renderLetterPdf(letter()) });
    for (const cookie of [w.cookies.otherParty, w.cookies.party, otherCookie]) {
      const res = await image(caseId, docId, 1, cookie);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('IMR_ERR_FORBIDDEN');
      expect(res.headers['content-type']).not.toBe('image/png');
    }
    expect(await reads(caseId)).toEqual([]);
    // The other reviewer is refused this case; a party is refused the route by role, before any case is read.
    const denied = await t.services.audit.list({ caseId, action: 'case.access_denied', limit: 10 });
    expect(denied.entries.map((e) => e.detail)).toEqual([{ method: 'GET', route: '/api/cases/:id/documents/:docId/pages/:n/image', status: 403 }]);
    const byRole = (await t.services.audit.list({ action: 'access.denied', limit: 50 })).entries.filter((e) => (e.detail as { route?: string }).route === '/api/cases/:id/documents/:docId/pages/:n/image');
    expect(byRole.map((e) => e.username).sort()).toEqual([w.users.party.username, w.users.otherParty.username].sort());
  });

  it('says pdftoppm is missing (422 IMR_ERR_PAGE_IMAGE_UNAVAILABLE) and names the package to install', async () => {
    const { caseId } = await w.assignedCase();
    const docId = await upload(caseId, { name: 'letter.pdf', type: 'application/pdf', bytes: await renderLetterPdf(letter()) });
    const err = await readDocumentPageImage(t.services, w.users.admin, caseId, docId, 1, { pdftoppm: 'imr-no-such-pdftoppm' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImrError);
    expect((err as ImrError).code).toBe('IMR_ERR_PAGE_IMAGE_UNAVAILABLE');
    expect((err as ImrError).message).toMatch(/poppler-utils/);
    expect(await reads(caseId)).toEqual([]);
  });
});

describe.skipIf(!hasPdftoppm)('renderPdfPage', () => {
  it('refuses bytes that are not a PDF as IMR_ERR_PDF_INVALID', async () => {
    const err = await renderPdfPage(new TextEncoder().encode('%PDF-1.4 not really'), 1).catch((e: unknown) => e);
    expect((err as ImrError).code).toBe('IMR_ERR_PDF_INVALID');
  });
});
