import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../db/test-support/dialects.js';
import { renderLetterPdf } from '../letters/render/index.js';
import type { TestApp } from './test-support/test-app.js';
import { openWorld, type World } from './test-support/world.js';
import type { Letter } from '../letters/model.js';
import type { CaseFile } from '../engine/case-file.js';
import { engineDraftEngine } from '../service/use-cases/engine-adapter.js';
import { multipart } from './test-support/multipart.js';

const NOTE = 'PR-2 progress note 03/01/2024. The patient completed 6 chiropractic visits with objective functional improvement: lifting tolerance increased from 10 to 25 pounds.';

describe.each(testDialects())('case documents on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  const seen: CaseFile[] = [];
  beforeAll(async () => {
    // The real engine, watched: what it is given is what a reviewer's draft rests on.
    const real = engineDraftEngine();
    ({ t, w } = await openWorld(dialect, { now: () => new Date('2024-03-21T18:00:00Z'), engine: { draftCase: (file) => { seen.push(file); return real.draftCase(file); } } }));
  });
  afterAll(async () => { await t?.close(); });

  it('stores an uploaded text record, lists it with the case, serves it back unchanged and feeds it to the engine', async () => {
    const { caseId, cookie } = await w.assignedCase();
    const bytes = new TextEncoder().encode(NOTE);
    const up = multipart({ kind: 'medical_record' }, { name: 'pr2-2024-03-01.txt', type: 'text/plain', bytes });
    const res = await t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/documents`, headers: { ...up.headers, cookie: w.cookies.intake }, payload: up.payload });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'medical_record', name: 'pr2-2024-03-01.txt', evidenceSource: 'medical record: pr2-2024-03-01.txt', mediaType: 'text/plain', bytes: bytes.length });
    const kase = (await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: { cookie } })).json();
    expect(kase.documents.map((d: { id: string }) => d.id)).toEqual([res.json().id]);
    // Listed once, with its kind and date (the upload date when no date of service was given).
    expect(kase.documentsReviewed).toEqual(['Medical record: pr2-2024-03-01.txt, received 03/21/2024']);
    const back = await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}/documents/${res.json().id}`, headers: { cookie } });
    expect(back.body).toBe(NOTE);
    // The redraft gives the engine the record along with the clinical summary.
    const drafted = await t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/items/${kase.items[0].id}/draft`, headers: { cookie } });
    expect(drafted.statusCode).toBe(200);
    // The engine reads it under the name its evidence will quote (the case view's evidenceSource).
    expect(seen.at(-1)?.documents).toEqual([{ name: res.json().evidenceSource, kind: 'medical_record', text: NOTE }]);
  });

  it('reads the text layer of an uploaded PDF', async () => {
    const { caseId } = await w.assignedCase();
    const letter: Letter = {
      header: null, reviewer: { licensure: ['California'], specialty: 'Physical Medicine & Rehabilitation', subspecialty: null },
      worker: { age: 48, sex: 'male', injuryDate: '2023-06-14' }, urDecisionDate: '2024-02-29', imrApplicationDate: '2024-03-20',
      clinicalSummary: 'Prior UR review text with a distinctive phrase: quadrilateral sprocket.', documentsReviewed: null,
      items: [{ request: 'Tramadol 50 mg #60', decision: 'Upheld', claimsAdministratorGuideline: { source: 'NONE', name: null, edition: null, topic: null, sections: [], pages: [], raw: 'None', alsoCites: [] }, reviewerGuideline: { source: 'NONE', name: null, edition: null, topic: null, sections: [], pages: [], raw: 'None', alsoCites: [] }, rationale: 'x' }],
    };
    const pdf = await renderLetterPdf(letter);
    const up = multipart({ kind: 'ur_decision' }, { name: 'ur.pdf', type: 'application/pdf', bytes: pdf });
    const res = await t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/documents`, headers: { ...up.headers, cookie: w.cookies.intake }, payload: up.payload });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().mediaType).toBe('application/pdf');
    const texts = await t.services.cases.documentTexts(caseId);
    expect(texts[0].text).toContain('quadrilateral sprocket');
  });

  it('refuses a bad kind, a missing file, a binary file, other roles and oversized files', async () => {
    const { caseId, cookie } = await w.assignedCase();
    const url = `/api/cases/${caseId}/documents`;
    const badKind = multipart({ kind: 'selfie' }, { name: 'a.txt', type: 'text/plain', bytes: new TextEncoder().encode('x') });
    expect((await t.app.inject({ method: 'POST', url, headers: { ...badKind.headers, cookie: w.cookies.intake }, payload: badKind.payload })).json().error.code).toBe('IMR_ERR_VALIDATION');
    const noFile = multipart({ kind: 'medical_record' });
    expect((await t.app.inject({ method: 'POST', url, headers: { ...noFile.headers, cookie: w.cookies.intake }, payload: noFile.payload })).json().error.details[0].path).toBe('file');
    const binary = multipart({ kind: 'medical_record' }, { name: 'x.png', type: 'image/png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]) });
    expect((await t.app.inject({ method: 'POST', url, headers: { ...binary.headers, cookie: w.cookies.intake }, payload: binary.payload })).statusCode).toBe(415);
    const ok = multipart({ kind: 'medical_record' }, { name: 'a.txt', type: 'text/plain', bytes: new TextEncoder().encode('note') });
    expect((await t.app.inject({ method: 'POST', url, headers: { ...ok.headers, cookie }, payload: ok.payload })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url, headers: { ...ok.headers, cookie: w.cookies.party }, payload: ok.payload })).statusCode).toBe(403);
    const big = multipart({ kind: 'medical_record' }, { name: 'big.txt', type: 'text/plain', bytes: new Uint8Array(10 * 1024 * 1024 + 10).fill(65) });
    const tooBig = await t.app.inject({ method: 'POST', url, headers: { ...big.headers, cookie: w.cookies.intake }, payload: big.payload });
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error.code).toBe('IMR_ERR_PAYLOAD_TOO_LARGE');
    expect((await t.services.cases.documentSummaries(caseId))).toHaveLength(0);
  });
});
