import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkerDocumentReader } from '../letters/read/reading-pool.js';
import { cmapBombPdf, damagedLetterPdf, inflateBombPdf } from '../letters/read/test-support/hostile-pdfs.js';
import { havePdfs, pdfDir } from '../letters/read/test-support/shared-data.js';
import { multipart } from './test-support/multipart.js';
import type { TestApp } from './test-support/test-app.js';
import { openWorld, type World } from './test-support/world.js';

/** Uploads `bytes` as a case document, as the intake user. */
function upload(t: TestApp, w: World, caseId: string, name: string, bytes: Uint8Array) {
  const up = multipart({ kind: 'medical_record' }, { name, type: name.endsWith('.pdf') ? 'application/pdf' : 'text/plain', bytes });
  return t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/documents`, headers: { ...up.headers, cookie: w.cookies.intake }, payload: up.payload });
}

describe('hostile and damaged uploads: the server answers with a catalogue error and keeps serving', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    ({ t, w } = await openWorld('sqlite', { now: () => new Date('2024-03-21T18:00:00Z'), engine: null }));
  });
  afterAll(async () => {
    await t?.close();
  });

  it.skipIf(!havePdfs)('a published letter with 552 bytes deleted from its middle: 4xx from the catalogue, then /health and the next upload answer', async () => {
    const { caseId } = await w.assignedCase();
    const res = await upload(t, w, caseId, 'damaged.pdf', damagedLetterPdf(path.join(pdfDir, 'CM16-0232543.pdf')));
    expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(res.json().error.code).toMatch(/^IMR_ERR_(PDF_INVALID|PDF_NO_TEXT|DOCUMENT_LIMIT)$/);
    // Let any rejection pdf.js left behind surface before asking again.
    await new Promise((r) => setTimeout(r, 200));
    expect((await t.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    const next = await upload(t, w, caseId, 'note.txt', new TextEncoder().encode('PR-2 progress note. The patient improved.'));
    expect(next.statusCode, next.body).toBe(201);
  });

  it('a PDF inflating to 1 GiB is refused with IMR_ERR_DOCUMENT_LIMIT naming the file and the limit', async () => {
    const { caseId } = await w.assignedCase();
    const res = await upload(t, w, caseId, 'scan.pdf', await inflateBombPdf(1024 * 1024 * 1024));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('IMR_ERR_DOCUMENT_LIMIT');
    expect(res.json().error.message).toMatch(/^scan\.pdf: reading stopped at the limit of 64 MB inflated from one stream/);
    const kase = (await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: { cookie: w.cookies.intake } })).json();
    expect(kase.documents).toEqual([]);
  }, 60_000);

  it('/health answers while a slow file is being read (the event loop is free), and the slow file ends at the time limit', async () => {
    const { caseId } = await w.assignedCase();
    // A reader whose CMap limit is lifted: this file then takes seconds to read, past the 3 s time limit.
    const original = t.services.reader;
    t.services.reader = new WorkerDocumentReader({ workers: 1, limits: { cmapCodes: 1e12, timeMs: 3_000 } });
    await original.close();
    let settled = false;
    const slow = upload(t, w, caseId, 'slow.pdf', cmapBombPdf(2_000)).finally(() => (settled = true));
    await new Promise((r) => setTimeout(r, 300));
    const health = await t.app.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(200);
    expect(settled).toBe(false);
    const res = await slow;
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toMatch(/^slow\.pdf: reading stopped at the limit of 3 s of reading time/);
  }, 60_000);
});
