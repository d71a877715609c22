import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../db/test-support/dialects.js';
import { extractPdfText, parseMailedLetterText } from '../letters/read/index.js';
import { decideItem } from '../service/use-cases/review.use-case.js';
import { citation } from '../service/test-support/fixtures.js';
import type { TestApp } from './test-support/test-app.js';
import { openWorld, type World } from './test-support/world.js';

const NOW = new Date('2024-03-21T18:00:00Z');

describe.each(testDialects())('GET /api/cases/:id/letter/mailed.* and corrections through the API, on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  let caseId: string;
  let reviewerCookie: string;

  beforeAll(async () => {
    ({ t, w } = await openWorld(dialect, { now: () => NOW, engine: null }));
    const c = await w.assignedCase({ workerName: 'Jordan Mailer' });
    caseId = c.caseId;
    reviewerCookie = c.cookie;
    const reviewer = c.reviewerId === 'r-pmr' ? w.users.reviewer : w.users.otherReviewer;
    for (const [k, item] of (await t.services.cases.items(caseId)).entries()) {
      await decideItem(t.services, reviewer, caseId, item.id, { version: item.version, decision: k === 0 ? 'Upheld' : 'Overturned', citation: citation(), rationale: k === 0 ? 'The request exceeds the trial; it is not medically necessary.' : 'Function improved on the drug; the request is medically necessary.' });
    }
    const signed = await t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/sign`, headers: { cookie: reviewerCookie }, payload: {} });
    expect(signed.statusCode).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });

  it('serves the mailed letter to staff and to the parties of the case, and to no one else', async () => {
    for (const cookie of [w.cookies.admin, w.cookies.intake, reviewerCookie, w.cookies.party]) {
      const res = await get(`/api/cases/${caseId}/letter/mailed.pdf`, cookie);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['x-letter-integrity']).toBe('verified');
      expect(String(res.headers['content-disposition'])).toMatch(/attachment; filename="CM\d\d-\d+-v1-mailed\.pdf"/);
    }
    expect((await get(`/api/cases/${caseId}/letter/mailed.pdf`, w.cookies.otherParty)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}/letter/mailed.txt` })).statusCode).toBe(401);
    const html = await get(`/api/cases/${caseId}/letter/mailed.html`, w.cookies.party);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.body).toContain('Jordan Mailer');
  });

  it('the mailed PDF names the addressees and the claim number, states the appeal rights and reads back to the issued decisions', async () => {
    const res = await get(`/api/cases/${caseId}/letter/mailed.pdf`, w.cookies.party);
    const text = await extractPdfText(new Uint8Array(res.rawPayload));
    const back = parseMailedLetterText(text);
    const issued = (await get(`/api/cases/${caseId}/letter`, w.cookies.party)).json().letter;
    expect(back.warnings).toEqual([]);
    expect(back.letter.items.map((i) => [i.request, i.decision])).toEqual(issued.items.map((i: { request: string; decision: string }) => [i.request, i.decision]));
    expect(back.cover.addressees.map((a) => a.name)).toEqual(['Jordan Mailer', 'Golden State Claims Services LLC', 'Dr. Lee Rivera, M.D.']);
    expect(back.cover.claimNumber).toMatch(/^CLM-W\d+$/);
    expect(back.cover.appealGrounds).toBe(5);
    expect(back.cover.appealDays).toBe(30);
  });

  it('refuses an identical correction (422, IMR_ERR_CORRECTION_UNCHANGED); a real one is headed as a correction in the mailed and the issued PDF', async () => {
    const items = (await get(`/api/cases/${caseId}`, reviewerCookie)).json().items as Array<{ id: string; decision: string; rationale: string }>;
    const same = await t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/letter/corrections`, headers: { cookie: reviewerCookie }, payload: { reason: 'Nothing really', items: [{ itemId: items[0].id, decision: items[0].decision, rationale: items[0].rationale }] } });
    expect(same.statusCode).toBe(422);
    expect(same.json().error.code).toBe('IMR_ERR_CORRECTION_UNCHANGED');
    expect(same.json().error.message).toMatch(/changes nothing/);
    expect((await get(`/api/cases/${caseId}/letters`, reviewerCookie)).json().letters).toHaveLength(1);

    const fixed = await t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/letter/corrections`, headers: { cookie: reviewerCookie }, payload: { reason: 'Item 1 named the wrong trial length', items: [{ itemId: items[0].id, rationale: 'The request exceeds the 6-visit trial; it is not medically necessary.' }] } });
    expect(fixed.statusCode).toBe(201);
    for (const url of [`/api/cases/${caseId}/letter/mailed.pdf`, `/api/cases/${caseId}/letter.pdf`]) {
      const res = await get(url, w.cookies.party);
      const text = (await extractPdfText(new Uint8Array(res.rawPayload))).replace(/\s+/g, ' ');
      expect(text).toContain('CORRECTED DETERMINATION This corrected determination supersedes version 1, issued 03/21/2024. Reason for the correction: Item 1 named the wrong trial length');
    }
    const v1 = await get(`/api/cases/${caseId}/letter/mailed.txt?version=1`, w.cookies.party);
    expect(v1.statusCode).toBe(200);
    expect(v1.body).not.toContain('CORRECTED DETERMINATION');
    expect((await get(`/api/cases/${caseId}/letter/mailed.txt?version=9`, w.cookies.party)).statusCode).toBe(404);
  });
});
