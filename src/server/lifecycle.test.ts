import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../db/test-support/dialects.js';
import { extractPdfText, parseLetterBytes } from '../letters/read/index.js';
import { registerReviewers } from '../service/use-cases/reviewers.use-case.js';
import { applicationInput, citation, CLINICAL_SUMMARY, reviewerInputs } from '../service/test-support/fixtures.js';
import { login, openTestApp, type TestApp } from './test-support/test-app.js';

const NOW = new Date('2024-03-21T18:00:00Z');

describe.each(testDialects())('a case from application to issued letter over HTTP on %s', (dialect) => {
  let t: TestApp;
  let intake: string;
  let reviewer: string;
  let party: string;
  let partyId: string;
  beforeAll(async () => {
    t = await openTestApp(dialect, { now: () => NOW });
    await registerReviewers(t.services, null, reviewerInputs());
    await t.services.users.create({ username: 'ivy', role: 'intake', password: 'intake-pass' }, NOW);
    await t.services.users.create({ username: 'rob', role: 'reviewer', password: 'review-pass', reviewerId: 'r-pmr' }, NOW);
    partyId = (await t.services.users.create({ username: 'pat', role: 'party', password: 'party-pass' }, NOW)).id;
    intake = await login(t.app, 'ivy', 'intake-pass');
    reviewer = await login(t.app, 'rob', 'review-pass');
    party = await login(t.app, 'pat', 'party-pass');
  });
  afterAll(async () => { await t?.close(); });

  it('creates, screens, assigns, decides, signs and issues a PDF letter whose content is what was decided', async () => {
    const created = await t.app.inject({
      method: 'POST', url: '/api/cases', headers: { cookie: intake },
      payload: { application: applicationInput(), workerSex: 'male', clinicalSummary: CLINICAL_SUMMARY, documentsReviewed: ['Progress note 02/10/2024'], partyUserIds: [partyId], claimsAdministratorGuidelines: [citation({ raw: 'MTUS Chronic Pain Guidelines, page 58' }), null] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const c = created.json();
    expect(c.status).toBe('received');
    expect(c.caseNumber).toMatch(/^CM24-\d{7}$/);
    expect(c.items.map((i: { request: string }) => i.request)).toEqual(['12 chiropractic visits for the lumbar spine', 'Tramadol 50 mg #60']);
    expect(c.deadlines.map((d: { kind: string }) => d.kind)).toContain('application_filing');

    const elig = await t.app.inject({ method: 'POST', url: `/api/cases/${c.id}/eligibility`, headers: { cookie: intake }, payload: {} });
    expect(elig.statusCode, elig.body).toBe(200);
    expect(elig.json().eligibility.outcome).toBe('eligible');
    expect(elig.json().eligibility.reasons.length).toBeGreaterThanOrEqual(5);
    expect(elig.json().status).toBe('eligibility');

    const assigned = await t.app.inject({ method: 'POST', url: `/api/cases/${c.id}/assignment`, headers: { cookie: intake } });
    expect(assigned.statusCode, assigned.body).toBe(201);
    expect(assigned.json().reviewerId).toBe('r-pmr');
    const screened = assigned.json().screening.evaluations as Array<{ reviewerId: string; candidate: boolean; conflictFree: boolean; qualified: boolean }>;
    expect(screened.find((e) => e.reviewerId === 'r-pmr-conflict')).toMatchObject({ candidate: false, conflictFree: false });
    expect(screened.find((e) => e.reviewerId === 'r-junior')).toMatchObject({ candidate: false, qualified: false });

    const read = await t.app.inject({ method: 'GET', url: `/api/cases/${c.id}`, headers: { cookie: reviewer } });
    expect(read.statusCode, read.body).toBe(200);
    const kase = read.json();
    expect(kase.status).toBe('assigned');
    // The engine drafted every item for the reviewer to start from.
    for (const item of kase.items) {
      expect(item.draft?.decision).toMatch(/^(Upheld|Overturned)$/);
      expect(item.draft?.rationale.length).toBeGreaterThan(20);
      expect(item.decision).toBeNull();
    }
    expect(kase.deadlines.map((d: { kind: string }) => d.kind)).toEqual(expect.arrayContaining(['notice_of_assignment', 'records_due', 'determination_due']));

    const decisions = [
      { decision: 'Upheld', citation: citation(), rationale: 'The guidelines allow a trial of 6 visits over 2 weeks. The request for 12 visits exceeds the trial; the request is not medically necessary.' },
      { decision: 'Overturned', citation: citation({ topic: 'Opioids, specific drug list', pages: [93, 94], raw: 'MTUS Chronic Pain Medical Treatment Guidelines 2009, Opioids, specific drug list, pages 93-94' }), rationale: 'Tramadol is recommended for moderate to severe pain with documented functional improvement, which the records show. The request is medically necessary.' },
    ];
    for (const [k, item] of kase.items.entries()) {
      const res = await t.app.inject({ method: 'PUT', url: `/api/cases/${c.id}/items/${item.id}/decision`, headers: { cookie: reviewer }, payload: { version: item.version, ...decisions[k] } });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ decision: decisions[k].decision, version: item.version + 1 });
    }

    const signed = await t.app.inject({ method: 'POST', url: `/api/cases/${c.id}/sign`, headers: { cookie: reviewer }, payload: {} });
    expect(signed.statusCode, signed.body).toBe(201);
    expect(signed.json()).toMatchObject({ version: 1, supersedesId: null, issuedOn: '2024-03-21' });
    expect(signed.json().sha256).toMatch(/^[0-9a-f]{64}$/);

    const pdf = await t.app.inject({ method: 'GET', url: `/api/cases/${c.id}/letter.pdf`, headers: { cookie: reviewer } });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['x-content-sha256']).toBe(signed.json().sha256);
    const parsed = await parseLetterBytes(new Uint8Array(pdf.rawPayload));
    expect(parsed.letter.header?.caseNumber).toBe(c.caseNumber);
    expect(parsed.letter.items.map((i) => [i.request, i.decision])).toEqual([
      ['12 chiropractic visits for the lumbar spine', 'Upheld'],
      ['Tramadol 50 mg #60', 'Overturned'],
    ]);
    expect(parsed.letter.items[0].reviewerGuideline.source).toBe('MTUS-CPMTG');
    expect(parsed.letter.items[1].reviewerGuideline.pages).toEqual([93, 94]);
    expect(parsed.letter.items[0].rationale).toContain('exceeds the trial');
    expect(parsed.letter.reviewer.specialty).toBe('Physical Medicine & Rehabilitation');
    expect(parsed.letter.reviewer.licensure).toEqual(['California']);

    // Reviewer identity never appears in anything issued.
    const text = (await t.app.inject({ method: 'GET', url: `/api/cases/${c.id}/letter.txt`, headers: { cookie: reviewer } })).body;
    const html = (await t.app.inject({ method: 'GET', url: `/api/cases/${c.id}/letter.html`, headers: { cookie: reviewer } })).body;
    const pdfText = await extractPdfText(new Uint8Array(pdf.rawPayload));
    for (const issued of [text, html, pdfText]) {
      expect(issued).not.toContain('Robin Fields');
      expect(issued).not.toContain('r-pmr');
    }

    const after = (await t.app.inject({ method: 'GET', url: `/api/cases/${c.id}`, headers: { cookie: intake } })).json();
    expect(after.status).toBe('letter_issued');
    expect(after.decidedOn).toBe('2024-03-21');
    expect(after.letters).toHaveLength(1);

    // The party reads the issued letter of their own case, and nothing else of it.
    const partyPdf = await t.app.inject({ method: 'GET', url: `/api/cases/${c.id}/letter.pdf`, headers: { cookie: party } });
    expect(partyPdf.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/letters', headers: { cookie: party } })).json().letters).toEqual([expect.objectContaining({ caseId: c.id, version: 1 })]);
    expect((await t.app.inject({ method: 'GET', url: `/api/cases/${c.id}`, headers: { cookie: party } })).statusCode).toBe(403);

    // A signed case is immutable: item edits are refused; a correction issues version 2 referencing version 1.
    const edit = await t.app.inject({ method: 'PUT', url: `/api/cases/${c.id}/items/${kase.items[0].id}/decision`, headers: { cookie: reviewer }, payload: { version: 2, ...decisions[0] } });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.code).toBe('IMR_ERR_LETTER_IMMUTABLE');
    const corrected = await t.app.inject({
      method: 'POST', url: `/api/cases/${c.id}/letter/corrections`, headers: { cookie: reviewer },
      payload: { reason: 'Typo in the rationale of item 1', items: [{ itemId: kase.items[0].id, rationale: 'The guidelines allow a trial of 6 visits over 2 weeks. Twelve visits exceed the trial; the request is not medically necessary.' }] },
    });
    expect(corrected.statusCode, corrected.body).toBe(201);
    expect(corrected.json()).toMatchObject({ version: 2, supersedesId: signed.json().id, correctionReason: 'Typo in the rationale of item 1' });
    const v1 = await t.app.inject({ method: 'GET', url: `/api/cases/${c.id}/letter.txt?version=1`, headers: { cookie: reviewer } });
    const v2 = await t.app.inject({ method: 'GET', url: `/api/cases/${c.id}/letter.txt`, headers: { cookie: reviewer } });
    const flat = (x: string) => x.replace(/\s+/g, ' ');
    expect(flat(v1.body)).toContain('exceeds the trial');
    expect(flat(v2.body)).toContain('Twelve visits exceed the trial');
    expect(flat(v2.body)).not.toContain('exceeds the trial');
    expect(v1.headers['x-content-sha256']).toBe(signed.json().textSha256);

    // A letter altered in the database behind the service's back is refused, not served.
    await t.database.db.updateTable('svc_letters').set({ text: 'tampered' }).where('case_id', '=', c.id).where('version', '=', 1).execute();
    const tampered = await t.app.inject({ method: 'GET', url: `/api/cases/${c.id}/letter.txt?version=1`, headers: { cookie: reviewer } });
    // 500: the fault is in the stored record, not the request (IMR_ERR_LETTER_TAMPERED, audited).
    expect(tampered.statusCode).toBe(500);
    expect(tampered.json().error.code).toBe('IMR_ERR_LETTER_TAMPERED');

    // Everything is in the audit log, with who did it.
    const admin = await t.services.users.create({ username: 'ada', role: 'admin', password: 'admin-pass' }, NOW);
    expect(admin.role).toBe('admin');
    const adminCookie = await login(t.app, 'ada', 'admin-pass');
    const audit = await t.app.inject({ method: 'GET', url: `/api/audit?caseId=${c.id}&limit=100`, headers: { cookie: adminCookie } });
    expect(audit.statusCode).toBe(200);
    const actions = (audit.json().entries as Array<{ action: string; username: string }>).map((e) => `${e.username}:${e.action}`);
    expect(actions).toEqual(expect.arrayContaining([
      'ivy:case.create', 'ivy:case.eligibility', 'ivy:case.assign', 'rob:case.read', 'rob:case.item_decision', 'rob:case.sign',
      'rob:case.letter_read', 'pat:case.letter_read', 'rob:case.letter_correction', 'ivy:case.read',
    ]));
    const decisionEntry = (audit.json().entries as Array<{ action: string; detail: Record<string, unknown> }>).find((e) => e.action === 'case.item_decision');
    expect(decisionEntry?.detail).toMatchObject({ decision: { from: null } });
  });
});
