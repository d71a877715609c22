import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../db/test-support/dialects.js';
import { applicationInput, CLINICAL_SUMMARY } from '../service/test-support/fixtures.js';
import { MAX_DOCUMENT_BYTES } from '../service/use-cases/documents.use-case.js';
import type { TestApp } from './test-support/test-app.js';
import { openWorld, type World } from './test-support/world.js';

/** Regressions from a bad-input sweep over the API: each answer names the problem and what to fix. */
function multipart(parts: { name: string; filename?: string; bytes: Uint8Array | string }[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----imrsweep' + Math.random().toString(16).slice(2);
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disp = p.filename ? `form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: text/plain` : `form-data; name="${p.name}"`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disp}\r\n\r\n`), Buffer.from(p.bytes), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe.each(testDialects())('bad input over the API on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    ({ t, w } = await openWorld(dialect, { now: () => new Date('2024-03-21T18:00:00Z'), bodyLimit: 64 * 1024 }));
  });
  afterAll(async () => { await t?.close(); });

  it('rejects an application whose dates contradict each other, naming each date, and writes nothing', async () => {
    const app = applicationInput();
    const bad = {
      ...app,
      // Served before it was decided; received before the decision; injured after it.
      urDecision: { ...app.urDecision, decisionDate: '2024-03-05', dateServed: '2024-03-01' },
      applicationReceivedDate: '2024-03-02',
      injuredWorker: { ...app.injuredWorker, dateOfInjury: '2024-03-10' },
    };
    const before = (await t.app.inject({ method: 'GET', url: '/api/cases', headers: { cookie: w.cookies.admin } })).json().total;
    const res = await t.app.inject({ method: 'POST', url: '/api/cases', headers: { cookie: w.cookies.intake }, payload: { application: bad, clinicalSummary: CLINICAL_SUMMARY } });
    expect(res.statusCode).toBe(400);
    const err = res.json().error;
    expect(err.code).toBe('IMR_ERR_INVALID_DATE');
    expect(err.details.map((d: { path: string }) => d.path).sort()).toEqual(['application.applicationReceivedDate', 'application.injuredWorker.dateOfInjury', 'application.urDecision.dateServed']);
    expect(err.message).not.toContain(app.injuredWorker.name);
    expect((await t.app.inject({ method: 'GET', url: '/api/cases', headers: { cookie: w.cookies.admin } })).json().total).toBe(before);
    const audit = (await t.app.inject({ method: 'GET', url: '/api/audit?action=case.create', headers: { cookie: w.cookies.admin } })).json();
    expect(audit.total).toBe(before);
  });

  it('rejects an impossible date in the case list filters instead of silently matching nothing', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/cases?receivedFrom=2015-02-30', headers: { cookie: w.cookies.intake } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'IMR_ERR_VALIDATION', details: [{ path: 'querystring.receivedFrom' }] });
    expect(res.json().error.message).toContain('real date');
  });

  it('takes a POST with no body at all as an empty body where the body is optional', async () => {
    const { caseId, cookie } = await w.assignedCase();
    const records = await t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/records`, headers: { cookie: w.cookies.intake } });
    expect(records.statusCode, records.body).toBe(200);
    expect(records.json().status).toBe('records_received');
    // Signing with no body reaches the use case (which then asks for the missing decisions).
    const sign = await t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/sign`, headers: { cookie } });
    expect(sign.json().error.message).toContain('Every item needs a decision');
  });

  it('says what a citation must look like when it is neither a Citation nor a guideline line', async () => {
    const { caseId, cookie } = await w.assignedCase();
    const kase = (await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: { cookie } })).json();
    const item = kase.items[0];
    const res = await t.app.inject({ method: 'PUT', url: `/api/cases/${caseId}/items/${item.id}/decision`, headers: { cookie }, payload: { version: item.version, decision: 'Upheld', citation: { source: 'BOGUS' }, rationale: 'x' } });
    expect(res.statusCode).toBe(400);
    const problem = res.json().error.details.find((d: { path: string }) => d.path === 'body.citation');
    expect(problem.message).toContain('guideline line as text');
  });

  it('answers an oversized JSON body with 413 and the limit', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/cases', headers: { cookie: w.cookies.intake, 'content-type': 'application/json' }, payload: JSON.stringify({ clinicalSummary: 'x'.repeat(70 * 1024) }) });
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'IMR_ERR_PAYLOAD_TOO_LARGE' });
    expect(res.json().error.message).toContain('65536 bytes');
  });

  it('answers two files in one upload with a clear 400, and an oversized file with 413 naming the limit; neither is stored', async () => {
    const { caseId } = await w.assignedCase();
    const two = multipart([{ name: 'kind', bytes: 'medical_record' }, { name: 'file', filename: 'a.txt', bytes: 'first note' }, { name: 'file', filename: 'b.txt', bytes: 'second note' }]);
    const res = await t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/documents`, headers: { ...two.headers, cookie: w.cookies.intake }, payload: two.payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('IMR_ERR_VALIDATION');
    expect(res.json().error.message).toContain('one document per request');
    const big = multipart([{ name: 'file', filename: 'big.txt', bytes: new Uint8Array(MAX_DOCUMENT_BYTES + 1).fill(65) }]);
    const res2 = await t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/documents`, headers: { ...big.headers, cookie: w.cookies.intake }, payload: big.payload });
    expect(res2.statusCode).toBe(413);
    expect(res2.json().error.code).toBe('IMR_ERR_PAYLOAD_TOO_LARGE');
    expect(res2.json().error.message).toContain(`${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`);
    const kase = (await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: { cookie: w.cookies.intake } })).json();
    expect(kase.documents).toEqual([]);
  });
});
