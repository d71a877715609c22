import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../db/test-support/dialects.js';
import { citation } from '../service/test-support/fixtures.js';
import { readCase } from '../service/use-cases/cases.use-case.js';
import { uploadRecord } from './test-support/documents.js';
import { login, type TestApp } from './test-support/test-app.js';
import { openWorld, type World } from './test-support/world.js';

/**
 * Case reads answer from kept JSON when nothing changed (case-view-cache.ts), sessions are believed
 * for a moment without the database (users.store.ts), and the server commits audit rows on a
 * connection of its own (audit-writer.ts, auditConnection here as in `imr serve`): none of it may
 * hide a change from the next read, or let a read go unaudited.
 */
describe.each(testDialects())('case reads stay fresh and audited on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  let today = new Date('2024-03-21T18:00:00Z');
  beforeAll(async () => {
    ({ t, w } = await openWorld(dialect, { now: () => today, auditConnection: true }));
  });
  afterAll(async () => { await t?.close(); });

  const read = (caseId: string, cookie: string) => t.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: { cookie } });

  it('answers the same JSON readCase gives, for staff and (with less) for the assigned reviewer', async () => {
    const { caseId, cookie, reviewerId } = await w.assignedCase();
    for (let k = 0; k < 2; k++) {
      const staff = await read(caseId, w.cookies.intake);
      expect(staff.statusCode).toBe(200);
      expect(staff.headers['content-type']).toBe('application/json; charset=utf-8');
      const view = await readCase(t.services, w.users.intake, caseId, { audit: false });
      expect(staff.json()).toEqual({ ...view, lastSeenAt: null });
      const own = await read(caseId, cookie);
      expect(own.json().assignments).toEqual(view.assignments.filter((a) => a.reviewerId === reviewerId).map((a) => ({ ...a, screening: null, overrideReason: null })));
      // Staff read after the reviewer (kept JSON of each kind): staff still see the screening.
      expect((await read(caseId, w.cookies.intake)).json().assignments[0].screening).not.toBeNull();
    }
  });

  it('shows a decision, a new record, a redraft and a change made behind the service in the very next read', async () => {
    const { caseId, cookie } = await w.assignedCase();
    const first = (await read(caseId, cookie)).json();
    const item = first.items[0];
    const put = await t.app.inject({ method: 'PUT', url: `/api/cases/${caseId}/items/${item.id}/decision`, headers: { cookie }, payload: { version: item.version, decision: 'Upheld', citation: citation(), rationale: 'First rationale.' } });
    expect(put.statusCode, put.body).toBe(200);
    const afterDecision = (await read(caseId, cookie)).json();
    expect(afterDecision.items[0]).toMatchObject({ decision: 'Upheld', rationale: 'First rationale.', version: item.version + 1 });

    const docId = await uploadRecord(t, w.cookies.intake, caseId, { name: 'pr2-notes.txt', type: 'text/plain', bytes: new TextEncoder().encode('Progress report: pain 6/10, walking limited.') });
    const afterUpload = (await read(caseId, cookie)).json();
    expect(afterUpload.documents.map((d: { id: string }) => d.id)).toContain(docId);

    // The engine's draft changes without any version moving (setDraft): still seen.
    const stored = await t.services.cases.item(caseId, afterUpload.items[0].id);
    const draft = JSON.parse(stored.draft!) as { rationale: string };
    await t.services.cases.setDraft(caseId, stored.id, JSON.stringify({ ...draft, rationale: 'Redrafted behind the view.' }));
    expect((await read(caseId, cookie)).json().items[0].draft.rationale).toBe('Redrafted behind the view.');

    // Another process (the CLI, another server) writing the database directly: seen too.
    await t.database.db.updateTable('svc_cases').set({ clinical_summary: 'Summary rewritten elsewhere.' }).where('id', '=', caseId).execute();
    expect((await read(caseId, cookie)).json().clinicalSummary).toBe('Summary rewritten elsewhere.');
  });

  it('takes a case from its reviewer in the very next read when another connection reassigns it, and shows the reader\'s own last look', async () => {
    const { caseId, cookie, otherCookie } = await w.assignedCase();
    // Read twice: the second read can answer from rows kept since the first (nothing but its audit row committed).
    for (let k = 0; k < 2; k++) expect((await read(caseId, cookie)).json().lastSeenAt).toBeNull();
    expect((await read(caseId, otherCookie)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/seen`, headers: { cookie } })).statusCode).toBe(204);
    expect((await read(caseId, cookie)).json().lastSeenAt).toBe(today.toISOString());
    expect((await read(caseId, w.cookies.intake)).json().lastSeenAt).toBeNull();

    // Another process (a connection of its own) gives the case to the other reviewer.
    const other = w.users.otherReviewer.reviewerId === (await read(caseId, w.cookies.intake)).json().reviewerId ? w.users.reviewer.reviewerId! : w.users.otherReviewer.reviewerId!;
    if (dialect === 'sqlite') {
      const sqlite = new BetterSqlite3(t.database.location);
      try {
        sqlite.prepare('update svc_cases set reviewer_id = ?, clinical_summary = ? where id = ?').run(other, 'Rewritten by another process.', caseId);
      } finally {
        sqlite.close();
      }
    } else {
      await t.database.db.updateTable('svc_cases').set({ reviewer_id: other, clinical_summary: 'Rewritten by another process.' }).where('id', '=', caseId).execute();
    }
    expect((await read(caseId, cookie)).statusCode).toBe(403);
    const now = await read(caseId, otherCookie);
    expect(now.statusCode).toBe(200);
    expect(now.json().clinicalSummary).toBe('Rewritten by another process.');
    const denied = (await t.services.audit.list({ caseId, action: 'case.access_denied', limit: 10 })).entries;
    expect(denied).toHaveLength(2);
  });

  it('audits every read and every refused read, one row each, with no case content in the rows', async () => {
    const { caseId, cookie, otherCookie } = await w.assignedCase({ workerName: 'Zelda Quintero' });
    const rows = async (action: string) => (await t.services.audit.list({ caseId, action, limit: 100 })).entries;
    const reads = await Promise.all(Array.from({ length: 12 }, () => read(caseId, cookie)));
    expect(reads.every((r) => r.statusCode === 200)).toBe(true);
    expect(await rows('case.read')).toHaveLength(12);
    const refused = await Promise.all(Array.from({ length: 3 }, () => read(caseId, otherCookie)));
    expect(refused.map((r) => r.statusCode)).toEqual([403, 403, 403]);
    const denied = await rows('case.access_denied');
    expect(denied).toHaveLength(3);
    expect(JSON.stringify([...(await rows('case.read')), ...denied])).not.toContain('Zelda');
  });

  it('refuses the next request once the session is logged out, the user disabled or the password reset', async () => {
    const { caseId } = await w.assignedCase();
    const probe = async (cookie: string) => (await read(caseId, cookie)).statusCode;

    const a = await login(t.app, 'intake', 'intake-password');
    expect(await probe(a)).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: a } })).statusCode).toBe(200);
    expect(await probe(a)).toBe(401);

    const extra = await t.services.users.create({ username: 'ivy', role: 'intake', password: 'ivy-password' }, today);
    const b = await login(t.app, 'ivy', 'ivy-password');
    expect(await probe(b)).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: `/api/users/${extra.id}/disable`, headers: { cookie: w.cookies.admin }, payload: {} })).statusCode).toBe(200);
    expect(await probe(b)).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: `/api/users/${extra.id}/enable`, headers: { cookie: w.cookies.admin }, payload: {} })).statusCode).toBe(200);

    const c = await login(t.app, 'ivy', 'ivy-password');
    expect(await probe(c)).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: `/api/users/${extra.id}/password`, headers: { cookie: w.cookies.admin }, payload: {} })).statusCode).toBe(200);
    expect(await probe(c)).toBe(401);
  });

  it('ends an idle session at its idle limit even when it was just checked', async () => {
    const { caseId } = await w.assignedCase();
    const cookie = await login(t.app, 'intake', 'intake-password');
    expect((await read(caseId, cookie)).statusCode).toBe(200);
    const saved = today;
    today = new Date(today.getTime() + 31 * 60_000);
    try {
      const res = await read(caseId, cookie);
      expect(res.statusCode).toBe(401);
      expect(res.json().error.message).toMatch(/without activity/);
    } finally {
      today = saved;
    }
  });

  it('works the deadlines out again on a new day', async () => {
    const { caseId } = await w.assignedCase();
    const before = (await read(caseId, w.cookies.intake)).json();
    const saved = today;
    today = new Date(today.getTime() + 40 * 86_400_000);
    try {
      // (The sessions of 40 days ago have ended, and logging in then purges them: this test comes last.)
      const later = (await read(caseId, await login(t.app, 'intake', 'intake-password'))).json();
      expect(later.deadlines.map((d: { status: unknown }) => d.status)).not.toEqual(before.deadlines.map((d: { status: unknown }) => d.status));
      expect(later.late).toBe(true);
    } finally {
      today = saved;
    }
  });
});
