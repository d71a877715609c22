import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../db/test-support/dialects.js';
import type { TestApp } from './test-support/test-app.js';
import { openWorld, type World } from './test-support/world.js';

/** Another reviewer's (or party's) attempts on a case are refused by every route, and each refusal is audited. */
describe.each(testDialects())('refused case access on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    ({ t, w } = await openWorld(dialect, { now: () => new Date('2024-03-21T18:00:00Z') }));
  });
  afterAll(async () => { await t?.close(); });

  it('refuses the other reviewer on reads, letters, documents and writes, and audits each attempt without a case.read', async () => {
    const { caseId, cookie, otherCookie } = await w.assignedCase();
    const kase = (await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: { cookie } })).json();
    const item = kase.items[0];
    const attempts = [
      { method: 'GET' as const, url: `/api/cases/${caseId}` },
      { method: 'GET' as const, url: `/api/cases/${caseId}/eligibility` },
      { method: 'GET' as const, url: `/api/cases/${caseId}/letter.pdf` },
      { method: 'GET' as const, url: `/api/cases/${caseId}/letters` },
      { method: 'GET' as const, url: `/api/cases/${caseId}/documents/any` },
      { method: 'PUT' as const, url: `/api/cases/${caseId}/items/${item.id}/decision`, payload: { version: item.version, decision: 'Upheld', citation: 'MTUS Chronic Pain Medical Treatment Guidelines, pages 1-2', rationale: 'r' } },
      { method: 'POST' as const, url: `/api/cases/${caseId}/sign`, payload: {} },
    ];
    for (const a of attempts) {
      const res = await t.app.inject({ ...a, headers: { cookie: otherCookie } });
      expect(res.statusCode, `${a.method} ${a.url}`).toBe(403);
      expect(res.json().error.code).toBe('IMR_ERR_FORBIDDEN');
      expect(res.body).not.toContain(kase.application.injuredWorker.name);
    }
    // A party who is not a party of this case may not read its letters either.
    const party = await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}/letter`, headers: { cookie: w.cookies.otherParty } });
    expect(party.statusCode).toBe(403);

    const audit = (await t.app.inject({ method: 'GET', url: `/api/audit?caseId=${caseId}&limit=100`, headers: { cookie: w.cookies.admin } })).json();
    const denied = audit.entries.filter((e: { action: string }) => e.action === 'case.access_denied');
    expect(denied).toHaveLength(attempts.length + 1);
    const other = w.users.reviewer.id === audit.entries.find((e: { action: string; userId: string }) => e.action === 'case.read')?.userId ? w.users.otherReviewer : w.users.reviewer;
    expect(denied.filter((e: { userId: string }) => e.userId === other.id)).toHaveLength(attempts.length);
    expect(denied.map((e: { detail: { route: string } }) => e.detail.route)).toEqual(expect.arrayContaining(['/api/cases/:id', '/api/cases/:id/letter.pdf', '/api/cases/:id/documents/:docId', '/api/cases/:id/items/:itemId/decision']));
    // Nothing was read or changed on their behalf.
    expect(audit.entries.filter((e: { action: string; userId: string }) => e.userId === other.id && e.action !== 'case.access_denied')).toEqual([]);
  });
});
