import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../db/test-support/dialects.js';
import { renderLetterPdf } from '../letters/render/index.js';
import type { Letter } from '../letters/model.js';
import { pageRanges } from '../service/use-cases/document-text.js';
import type { TestApp } from './test-support/test-app.js';
import { openWorld, type World } from './test-support/world.js';
import { documentReads, uploadRecord, type RecordFile } from './test-support/documents.js';

const NOTE = 'PR-2 progress note 03/01/2024. The patient completed 6 chiropractic visits with objective functional improvement.';

/** A letter long enough to fill several PDF pages, with a marker sentence on the first and the last. */
function longLetter(): Letter {
  const none = { source: 'NONE', name: null, edition: null, topic: null, sections: [], pages: [], raw: 'None', alsoCites: [] } as const;
  const filler = Array.from({ length: 160 }, (_, i) => `Sentence ${i + 1} of the rationale restates the guideline in plain words.`).join(' ');
  return {
    header: null, reviewer: { licensure: ['California'], specialty: 'Physical Medicine & Rehabilitation', subspecialty: null },
    worker: { age: 48, sex: 'male', injuryDate: '2023-06-14' }, urDecisionDate: '2024-02-29', imrApplicationDate: '2024-03-20',
    clinicalSummary: 'The first page names a quadrilateral sprocket.', documentsReviewed: null,
    items: [{ request: 'Tramadol 50 mg #60', decision: 'Upheld', claimsAdministratorGuideline: { ...none, sections: [], pages: [], alsoCites: [] }, reviewerGuideline: { ...none, sections: [], pages: [], alsoCites: [] }, rationale: `${filler} The last page names a hexagonal flywheel.` }],
  };
}

describe('pageRanges', () => {
  it('splits at form feeds, keeping offsets into the whole text; a text without one is one page', () => {
    expect(pageRanges('one page')).toEqual([{ number: 1, start: 0, end: 8 }]);
    const text = 'first\n\f\nsecond\n\f\nthird';
    const pages = pageRanges(text);
    expect(pages.map((p) => text.slice(p.start, p.end))).toEqual(['first', 'second', 'third']);
    // A text file's own line breaks stay; only the ones around a page break go.
    const own = '\nfirst\n\n\f\nsecond\n';
    expect(pageRanges(own).map((p) => own.slice(p.start, p.end))).toEqual(['\nfirst\n', 'second\n']);
    expect(pageRanges('')).toEqual([{ number: 1, start: 0, end: 0 }]);
  });
});

describe.each(testDialects())('the document viewer routes on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    ({ t, w } = await openWorld(dialect, { now: () => new Date('2024-03-21T18:00:00Z') }));
  });
  afterAll(async () => { await t?.close(); });

  const upload = (caseId: string, file: RecordFile) => uploadRecord(t, w.cookies.intake, caseId, file);
  const reads = (caseId: string) => documentReads(t, caseId);

  it('serves a text record as one page with its summary, to the assigned reviewer, and audits the read', async () => {
    const { caseId, cookie } = await w.assignedCase();
    const docId = await upload(caseId, { name: 'pr2.txt', type: 'text/plain', bytes: new TextEncoder().encode(NOTE) });
    const res = await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}/documents/${docId}/pages`, headers: { cookie } });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ text: NOTE, pagesKnown: false, pages: [{ number: 1, start: 0, end: NOTE.length }], document: { id: docId, name: 'pr2.txt', evidenceSource: 'medical record: pr2.txt', mediaType: 'text/plain' } });
    expect(body.caseNumber).toMatch(/\S/);
    // Patient text never stays in a browser or proxy cache.
    expect(res.headers['cache-control']).toBe('no-store');
    const audit = await reads(caseId);
    expect(audit.map((e) => e.detail)).toEqual([{ documentId: docId, as: 'pages' }]);
    // No patient text in the audit row.
    expect(JSON.stringify(audit)).not.toContain('chiropractic');
  });

  it('serves a PDF page by page: each page holds its own text', async () => {
    const { caseId, cookie } = await w.assignedCase();
    const docId = await upload(caseId, { name: 'letter.pdf', type: 'application/pdf', bytes: await renderLetterPdf(longLetter()) });
    const body = (await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}/documents/${docId}/pages`, headers: { cookie } })).json();
    expect(body.pagesKnown).toBe(true);
    expect(body.pages.length).toBeGreaterThanOrEqual(2);
    const pageTexts: string[] = body.pages.map((p: { start: number; end: number }) => body.text.slice(p.start, p.end));
    expect(pageTexts[0]).toContain('quadrilateral sprocket');
    expect(pageTexts[0]).not.toContain('hexagonal flywheel');
    expect(pageTexts.at(-1)).toContain('hexagonal flywheel');
    expect(body.pages.map((p: { number: number }) => p.number)).toEqual(body.pages.map((_: unknown, i: number) => i + 1));
  });

  it('downloads the file as uploaded, always as an attachment with its stored type, and audits it', async () => {
    const { caseId, cookie } = await w.assignedCase();
    const pdf = await renderLetterPdf(longLetter());
    const docId = await upload(caseId, { name: 'Lettre résumé.pdf', type: 'application/pdf', bytes: pdf });
    const res = await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}/documents/${docId}`, headers: { cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="Lettre r_sum_.pdf"; filename*=UTF-8''${encodeURIComponent('Lettre résumé.pdf')}`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(res.rawPayload, Buffer.from(pdf))).toBe(0);
    expect((await reads(caseId)).map((e) => e.detail)).toEqual([{ documentId: docId, as: 'file' }]);
  });

  it('refuses another case\'s reviewer, parties and unknown documents, and audits the refusals', async () => {
    const { caseId, otherCookie } = await w.assignedCase();
    const docId = await upload(caseId, { name: 'pr2.txt', type: 'text/plain', bytes: new TextEncoder().encode(NOTE) });
    for (const url of [`/api/cases/${caseId}/documents/${docId}/pages`, `/api/cases/${caseId}/documents/${docId}`]) {
      const other = await t.app.inject({ method: 'GET', url, headers: { cookie: otherCookie } });
      expect(other.statusCode, url).toBe(403);
      expect(other.json().error).toMatchObject({ code: 'IMR_ERR_FORBIDDEN', message: 'This case is not assigned to you.' });
      expect(other.body).not.toContain('chiropractic');
      const party = await t.app.inject({ method: 'GET', url, headers: { cookie: w.cookies.party } });
      expect(party.statusCode, url).toBe(403);
      expect(party.body).not.toContain('chiropractic');
    }
    const unknown = await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}/documents/nope/pages`, headers: { cookie: w.cookies.admin } });
    expect(unknown.statusCode).toBe(404);
    expect(await reads(caseId)).toEqual([]);
    const denied = await t.services.audit.list({ caseId, action: 'case.access_denied', limit: 10 });
    expect(denied.total).toBeGreaterThanOrEqual(2);
  });
});
