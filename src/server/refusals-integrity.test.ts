import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../db/test-support/dialects.js';
import { applicationInput, CLINICAL_SUMMARY } from '../service/test-support/fixtures.js';
import type { TestApp } from './test-support/test-app.js';
import { openWorld, type World } from './test-support/world.js';

/** Strict requests, audited refusals without free text, letter integrity, and the small API fixes of the hardening issue. */
describe.each(testDialects())('refusals, strictness and letter integrity on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  let clock = new Date('2024-03-21T18:00:00Z');
  beforeAll(async () => {
    ({ t, w } = await openWorld(dialect, { now: () => clock }));
  });
  afterAll(async () => { await t?.close(); });

  const inject = (method: string, url: string, cookie?: string, payload?: unknown) =>
    t.app.inject({ method: method as 'GET', url, headers: cookie ? { cookie } : {}, ...(payload === undefined ? {} : { payload: payload as object }) });
  const auditOf = async (q: { caseId?: string; userId?: string; action?: string }) => (await t.services.audit.list({ ...q, limit: 500 })).entries;

  /** An assigned case whose items are all decided by its reviewer, then signed. */
  async function signedCase(): Promise<{ caseId: string; cookie: string; items: { id: string }[] }> {
    const { caseId, cookie } = await w.assignedCase();
    const kase = (await inject('GET', `/api/cases/${caseId}`, cookie)).json();
    for (const item of kase.items) {
      const res = await inject('PUT', `/api/cases/${caseId}/items/${item.id}/decision`, cookie, { version: item.version, decision: 'Upheld', citation: 'MTUS Chronic Pain Medical Treatment Guidelines, pages 1-2', rationale: 'Not supported by the guideline.' });
      expect(res.statusCode, res.body).toBe(200);
    }
    const signed = await inject('POST', `/api/cases/${caseId}/sign`, cookie, {});
    expect(signed.statusCode, signed.body).toBe(201);
    return { caseId, cookie, items: kase.items };
  }

  it('refuses unknown fields by name, in bodies (nested too) and query strings', async () => {
    const token = await inject('POST', '/api/auth/tokens', w.cookies.admin, { name: 'ci', username: 'someone-else' });
    expect(token.statusCode).toBe(400);
    expect(token.json().error.details).toEqual([expect.objectContaining({ path: 'body.username' })]);
    const app = applicationInput();
    const nested = await inject('POST', '/api/cases', w.cookies.intake, { application: { ...app, injuredWorker: { ...app.injuredWorker, nickname: 'P' } } });
    expect(nested.statusCode).toBe(400);
    expect(nested.json().error.details.map((d: { path: string }) => d.path)).toEqual(['body.application.injuredWorker.nickname']);
    const query = await inject('GET', '/api/cases?statuss=received', w.cookies.intake);
    expect(query.statusCode).toBe(400);
    expect(query.json().error.details[0].path).toBe('querystring.statuss');
    // A route that takes no body or query names what it was sent, instead of ignoring it.
    const { caseId } = await w.assignedCase();
    const extra = await inject('GET', `/api/cases/${caseId}/letters?format=pdf`, w.cookies.intake);
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.details[0].path).toBe('querystring.format');
  });

  it('refuses NUL and control characters before the database, naming the field', async () => {
    const { caseId } = await w.assignedCase();
    const res = await inject('POST', `/api/cases/${caseId}/status`, w.cookies.intake, { status: 'withdrawn', reason: 'asked\u0000by worker' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'IMR_ERR_VALIDATION', details: [{ path: 'body.reason' }] });
    expect((await inject('GET', `/api/cases/${caseId}`, w.cookies.intake)).json().status).toBe('assigned');
    const filter = await inject('GET', '/api/audit?caseId=%00', w.cookies.admin);
    expect(filter.statusCode).toBe(400);
    expect(filter.json().error.details[0].path).toBe('querystring.caseId');
    // Tabs and line breaks are text; a bell is not.
    expect((await inject('POST', `/api/cases/${caseId}/assignment/recusal`, w.cookies.intake, { reason: 'bell\u0007' })).statusCode).toBe(400);
  });

  it('checks the role before reading the body, and audits every refusal without what was sent', async () => {
    const bad = await t.app.inject({ method: 'POST', url: '/api/cases', headers: { cookie: w.cookies.reviewer, 'content-type': 'application/json' }, payload: '{"application": "Pat Example",' });
    expect(bad.statusCode).toBe(403);
    expect(bad.json().error.code).toBe('IMR_ERR_FORBIDDEN');
    const partyUsers = await inject('GET', '/api/users?bogus=1', w.cookies.party);
    expect(partyUsers.statusCode).toBe(403);
    const denied = await auditOf({ action: 'access.denied' });
    expect(denied).toEqual(expect.arrayContaining([
      expect.objectContaining({ userId: w.users.reviewer.id, caseId: null, detail: { method: 'POST', route: '/api/cases', status: 403 } }),
      expect.objectContaining({ userId: w.users.party.id, detail: { method: 'GET', route: '/api/users', status: 403 } }),
    ]));
    expect(JSON.stringify(denied)).not.toContain('Pat Example');
    expect(JSON.stringify(denied)).not.toContain('bogus');
  });

  it('audits anonymous 401s folded to one row per address and minute, counting the rest', async () => {
    clock = new Date('2024-03-21T19:00:00Z');
    const before = (await auditOf({ action: 'auth.unauthenticated' })).length;
    for (let i = 0; i < 5; i++) expect((await inject('GET', '/api/cases')).statusCode).toBe(401);
    let rows = await auditOf({ action: 'auth.unauthenticated' });
    expect(rows.length).toBe(before + 1);
    expect(rows[0].detail).toMatchObject({ method: 'GET', route: '/api/cases', status: 401 });
    clock = new Date('2024-03-21T19:01:00Z');
    expect((await inject('GET', '/api/audit')).statusCode).toBe(401);
    rows = await auditOf({ action: 'auth.unauthenticated' });
    expect(rows.length).toBe(before + 2);
    expect(rows[0].detail).toMatchObject({ route: '/api/audit', earlierUnrecorded: 4 });
    clock = new Date('2024-03-21T18:00:00Z');
  });

  it('keeps withdrawal, recusal and correction reasons out of the audit log, pointing at where they are kept', async () => {
    const reason = 'Pat Example phoned: surgery already authorised';
    const { caseId } = await w.assignedCase();
    const recusal = await inject('POST', `/api/cases/${caseId}/assignment/recusal`, w.cookies.intake, { reason });
    expect(recusal.statusCode, recusal.body).toBe(201);
    const withdraw = await inject('POST', `/api/cases/${caseId}/status`, w.cookies.intake, { status: 'withdrawn', reason });
    expect(withdraw.statusCode, withdraw.body).toBe(200);
    const kase = (await inject('GET', `/api/cases/${caseId}`, w.cookies.intake)).json();
    expect(kase.closeReason).toBe(reason);
    expect(kase.assignments.map((a: { endReason: string | null }) => a.endReason)).toContain(reason);
    const signed = await signedCase();
    const corrected = await inject('POST', `/api/cases/${signed.caseId}/letter/corrections`, signed.cookie, { reason, items: [{ itemId: signed.items[0].id, rationale: 'Corrected rationale.' }] });
    expect(corrected.statusCode, corrected.body).toBe(201);
    expect(corrected.json().correctionReason).toBe(reason);
    const rows = [...(await auditOf({ caseId })), ...(await auditOf({ caseId: signed.caseId }))];
    expect(JSON.stringify(rows)).not.toContain('Pat Example');
    const byAction = (a: string) => rows.find((r) => r.action === a)?.detail;
    expect(byAction('case.recuse')?.reason).toMatchObject({ field: 'end_reason' });
    expect(byAction('case.withdraw')?.reason).toEqual({ caseId, field: 'close_reason' });
    expect(byAction('case.letter_correction')?.reason).toEqual({ letterId: corrected.json().id, field: 'correction_reason' });
  });

  it('hashes the structured letter, refuses and audits a tampered one, and marks letters issued before the hash as unverified', async () => {
    const { caseId, cookie } = await signedCase();
    const ok = await inject('GET', `/api/cases/${caseId}/letter`, cookie);
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['x-letter-integrity']).toBe('verified');
    expect(ok.json().summary.letterSha256).toMatch(/^[0-9a-f]{64}$/);
    const row = await t.database.db.selectFrom('svc_letters').selectAll().where('case_id', '=', caseId).executeTakeFirstOrThrow();
    // A decision changed in the table behind the service's back.
    await t.database.db.updateTable('svc_letters').set({ letter: String(row.letter).replace('"Upheld"', '"Overturned"') }).where('id', '=', row.id).execute();
    for (const url of [`/api/cases/${caseId}/letter`, `/api/cases/${caseId}/letter.pdf`]) {
      const res = await inject('GET', url, cookie);
      expect(res.statusCode, url).toBe(500);
      expect(res.json().error.code).toBe('IMR_ERR_LETTER_TAMPERED');
      expect(res.body).not.toContain('Overturned');
    }
    const tampered = await auditOf({ caseId, action: 'case.letter_tampered' });
    expect(tampered).toHaveLength(2);
    expect(tampered[0].detail).toMatchObject({ letterId: row.id, letterVersion: 1, parts: ['json'] });
    // A correction cannot build on the altered letter either.
    expect((await inject('POST', `/api/cases/${caseId}/letter/corrections`, cookie, { reason: 'x' })).json().error.code).toBe('IMR_ERR_LETTER_TAMPERED');
    // Issued before the hash was recorded: served, and said to be unverified.
    await t.database.db.updateTable('svc_letters').set({ letter: row.letter, letter_sha256: null }).where('id', '=', row.id).execute();
    const old = await inject('GET', `/api/cases/${caseId}/letter`, cookie);
    expect(old.statusCode).toBe(200);
    expect(old.headers['x-letter-integrity']).toBe('unverified');
    expect(old.json().summary.letterSha256).toBeNull();
  });

  it('answers signing an issued case with "issue a correction"', async () => {
    const { caseId, cookie } = await signedCase();
    const again = await inject('POST', `/api/cases/${caseId}/sign`, cookie, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('IMR_ERR_LETTER_IMMUTABLE');
    expect(again.json().error.message).toContain('issue a correction');
  });

  it('refuses a received date in the future and the same disputed item twice', async () => {
    const app = applicationInput();
    const future = await inject('POST', '/api/cases', w.cookies.intake, { application: { ...app, applicationReceivedDate: '2024-03-22' }, clinicalSummary: CLINICAL_SUMMARY });
    expect(future.statusCode).toBe(400);
    expect(future.json().error).toMatchObject({ code: 'IMR_ERR_INVALID_DATE', details: [{ path: 'application.applicationReceivedDate' }] });
    const item = app.disputedItems[0];
    const twice = await inject('POST', '/api/cases', w.cookies.intake, { application: { ...app, disputedItems: [item, { ...item, request: ` ${item.request.toUpperCase()}.` }] } });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error).toMatchObject({ code: 'IMR_ERR_VALIDATION', details: [{ path: 'application.disputedItems.1.request', message: 'repeats disputed item 1' }] });
  });

  it.runIf(dialect === 'sqlite')('answers a write that finds the SQLite file locked by another process with 503 and Retry-After, not 500', async () => {
    const { caseId } = await w.assignedCase();
    const other = new Database(t.database.location);
    try {
      other.exec('BEGIN EXCLUSIVE');
      const res = await inject('POST', `/api/cases/${caseId}/status`, w.cookies.intake, { status: 'withdrawn', reason: 'r' });
      expect(res.statusCode).toBe(503);
      expect(res.json().error.code).toBe('IMR_ERR_DATABASE_BUSY');
      expect(res.headers['retry-after']).toBe('1');
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect((await inject('POST', `/api/cases/${caseId}/status`, w.cookies.intake, { status: 'withdrawn', reason: 'r' })).statusCode).toBe(200);
  }, 30_000);
});
