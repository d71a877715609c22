import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../db/test-support/dialects.js';
import { citation } from '../service/test-support/fixtures.js';
import { login, type TestApp } from './test-support/test-app.js';
import { openWorld, type World } from './test-support/world.js';

describe.each(testDialects())('deadlines and concurrent signing on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  let clock = new Date('2024-03-21T18:00:00Z');
  beforeAll(async () => {
    ({ t, w } = await openWorld(dialect, { now: () => clock }));
  });
  afterAll(async () => { await t?.close(); });

  it('stores the deadlines on the California calendar and shows a case as late once the determination is overdue', async () => {
    clock = new Date('2024-03-21T18:00:00Z');
    const { caseId, cookie } = await w.assignedCase();
    const fresh = (await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: { cookie } })).json();
    const byKind = Object.fromEntries(fresh.deadlines.map((d: { kind: string }) => [d.kind, d]));
    // Eligible and assigned on Thursday 2024-03-21: notice of assignment is due the next business day.
    expect(byKind.notice_of_assignment).toMatchObject({ fromDate: '2024-03-21', dueDate: '2024-03-22', basis: 'business', completedOn: '2024-03-21' });
    expect(byKind.notice_of_assignment.status).toMatchObject({ met: true, late: false });
    expect(byKind.determination_due.provisional).toBe(true);
    expect(fresh.late).toBe(false);

    clock = new Date('2024-06-03T18:00:00Z');
    // Sessions last 12 hours: the old cookie no longer works.
    expect((await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: { cookie } })).statusCode).toBe(401);
    const intake = await login(t.app, 'intake', 'intake-password');
    const later = (await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: { cookie: intake } })).json();
    const due = later.deadlines.find((d: { kind: string }) => d.kind === 'determination_due');
    expect(due.status.late).toBe(true);
    expect(due.status.daysLeft).toBeLessThan(0);
    expect(later.late).toBe(true);
    const late = (await t.app.inject({ method: 'GET', url: '/api/cases?late=true', headers: { cookie: intake } })).json();
    expect(late.cases.map((c: { id: string }) => c.id)).toContain(caseId);
  });

  it('signs a case once when two signatures race: the other is answered 409', async () => {
    clock = new Date('2024-03-21T19:00:00Z');
    const { caseId, reviewerId } = await w.assignedCase();
    // The clock went to June and back: the world's sessions were purged as expired at the June login, so log in again.
    const name = reviewerId === 'r-pmr' ? w.users.reviewer.username : w.users.otherReviewer.username;
    const cookie = await login(t.app, name, `${name}-password`);
    const kase = (await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: { cookie } })).json();
    for (const item of kase.items) {
      const r = await t.app.inject({ method: 'PUT', url: `/api/cases/${caseId}/items/${item.id}/decision`, headers: { cookie }, payload: { version: item.version, decision: 'Upheld', citation: citation(), rationale: 'Not medically necessary.' } });
      expect(r.statusCode).toBe(200);
    }
    const [a, b] = await Promise.all([
      t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/sign`, headers: { cookie }, payload: {} }),
      t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/sign`, headers: { cookie }, payload: {} }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const letters = (await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}/letters`, headers: { cookie } })).json().letters;
    expect(letters).toHaveLength(1);
  });
});
