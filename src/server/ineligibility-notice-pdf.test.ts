import { getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../db/test-support/dialects.js';
import { extractPdfText } from '../letters/read/index.js';
import { createCase } from '../service/use-cases/cases.use-case.js';
import { applicationInput, CLINICAL_SUMMARY } from '../service/test-support/fixtures.js';
import type { TestApp } from './test-support/test-app.js';
import { openWorld, type World } from './test-support/world.js';

/** Issue 15: the notice of ineligibility as a PDF, like the mailed letter. */
describe.each(testDialects())('the notice of ineligibility as PDF on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    ({ t, w } = await openWorld(dialect, { now: () => new Date('2024-03-21T18:00:00Z') }));
  });
  afterAll(async () => { await t?.close(); });

  const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });

  it('gives the parties the notice as a PDF with the same words as its text, the same bytes each time, audited', async () => {
    const app = applicationInput({ signedByWorker: false });
    const c = await createCase(t.services, w.users.intake, { application: { ...app, injuredWorker: { ...app.injuredWorker, name: 'Nora Ineligible', claimNumber: 'CLM-PDF-1' } }, clinicalSummary: CLINICAL_SUMMARY, partyUserIds: [w.users.party.id] });
    const screened = await t.app.inject({ method: 'POST', url: `/api/cases/${c.id}/eligibility`, headers: { cookie: w.cookies.intake }, payload: {} });
    expect(screened.json().status).toBe('ineligible');

    const url = `/api/cases/${c.id}/ineligibility-notice.pdf`;
    const res = await get(url, w.cookies.party);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${c.caseNumber}-ineligibility.pdf"`);
    const pdf = new Uint8Array(res.rawPayload);
    const text = (await extractPdfText(pdf)).replace(/\s+/g, ' ');
    expect(text).toContain('NOTICE OF INELIGIBILITY FOR INDEPENDENT MEDICAL REVIEW');
    expect(text).toContain(`Case number: ${c.caseNumber}`);
    expect(text).toContain('Claim number: CLM-PDF-1');
    expect(text).toContain('Date of notice: 03/21/2024');
    expect(text).toContain('Injured worker: Nora Ineligible');
    expect(text).toContain('received on 03/20/2024');
    expect(text).toContain('The application is not signed by the injured worker or a representative.');
    expect(text).toContain('YOUR RIGHT TO APPEAL');
    expect(text).toContain('no later than 30 days after service of this notice');
    // The PDF's metadata names the case, never the worker.
    const doc = await getDocumentProxy(pdf.slice());
    const info = (await doc.getMetadata()).info as Record<string, unknown>;
    await doc.destroy();
    expect(info.Title).toBe(`Notice of Ineligibility for Independent Medical Review: ${c.caseNumber}`);
    expect(JSON.stringify(info)).not.toContain('Nora');
    // The same notice, the same bytes.
    const again = await get(url, w.cookies.intake);
    expect(Buffer.compare(again.rawPayload, res.rawPayload)).toBe(0);
    const reads = (await t.services.audit.list({ caseId: c.id, action: 'case.notice_read', limit: 10 })).entries;
    expect(reads.map((e) => e.detail.format)).toEqual(['pdf', 'pdf']);

    // Only the case's own parties and staff.
    expect((await get(url, w.cookies.otherParty)).statusCode).toBe(403);
    expect((await get(url, w.cookies.reviewer)).statusCode).toBe(403);
  });

  it('answers 404 for a case that was not found ineligible', async () => {
    const { caseId } = await w.assignedCase();
    const res = await get(`/api/cases/${caseId}/ineligibility-notice.pdf`, w.cookies.intake);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('IMR_ERR_NOT_FOUND');
  });
});
