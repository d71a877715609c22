import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../db/test-support/dialects.js';
import { citation } from '../service/test-support/fixtures.js';
import { login, type TestApp } from './test-support/test-app.js';
import { openWorld, type World } from './test-support/world.js';

interface Entry {
  id: string;
  caseNumber: string;
  status: string;
  late: boolean;
  nextDeadline: { kind: string; dueDate: string } | null;
  requests?: string[];
  workerName?: string;
}

describe.each(testDialects())('the case list for the queue on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  let clock = new Date('2024-03-21T18:00:00Z');
  const list = async (cookie: string, qs = ''): Promise<{ total: number; cases: Entry[] }> => {
    const r = await t.app.inject({ method: 'GET', url: `/api/cases${qs}`, headers: { cookie } });
    expect(r.statusCode).toBe(200);
    return r.json();
  };
  beforeAll(async () => {
    ({ t, w } = await openWorld(dialect, { now: () => clock }));
  });
  afterAll(async () => { await t?.close(); });

  it('gives staff and the assigned reviewer the worker name and request texts of each case', async () => {
    clock = new Date('2024-03-21T18:00:00Z');
    const { caseId, cookie } = await w.assignedCase({ workerName: 'Rosalind Okafor' });
    for (const c of [w.cookies.intake, w.cookies.admin, cookie]) {
      const entry = (await list(c)).cases.find((e) => e.id === caseId);
      expect(entry?.workerName).toBe('Rosalind Okafor');
      expect(entry?.requests).toEqual(['12 chiropractic visits for the lumbar spine', 'Tramadol 50 mg #60']);
      // Nothing about the reviewer beyond the id the list already had.
      expect(Object.keys(entry ?? {}).filter((k) => /reviewer/i.test(k))).toEqual(['reviewerId']);
    }
    // Parties do not get a case list at all.
    expect((await t.app.inject({ method: 'GET', url: '/api/cases', headers: { cookie: w.cookies.party } })).statusCode).toBe(403);
  });

  it('finds a case by a word of a request, by the worker name and by case number, with paging still right', async () => {
    clock = new Date('2024-03-21T18:00:00Z');
    const a = await w.assignedCase({ workerName: 'Bartholomew Quince' });
    const b = await w.assignedCase({ workerName: 'Henrietta Lark' });
    const intake = w.cookies.intake;
    const byName = await list(intake, '?q=quince');
    expect(byName.cases.map((c) => c.id)).toEqual([a.caseId]);
    expect(byName.total).toBe(1);
    const byTwoWords = await list(intake, `?q=${encodeURIComponent('henrietta lark')}`);
    expect(byTwoWords.cases.map((c) => c.id)).toEqual([b.caseId]);
    const byRequest = await list(intake, '?q=tramadol&limit=1&offset=0');
    expect(byRequest.cases).toHaveLength(1);
    expect(byRequest.total).toBeGreaterThanOrEqual(2);
    const page2 = await list(intake, `?q=tramadol&limit=1&offset=1`);
    expect(page2.cases).toHaveLength(1);
    expect(page2.cases[0]!.id).not.toBe(byRequest.cases[0]!.id);
    const caseNumber = byName.cases[0]!.caseNumber;
    expect((await list(intake, `?q=${encodeURIComponent(caseNumber)}`)).cases.map((c) => c.id)).toContain(a.caseId);
    expect((await list(intake, '?q=acupuncture')).total).toBe(0);
    // A reviewer's search stays within their own assignments.
    const mine = await list(a.cookie, '?q=quince');
    expect(mine.cases.map((c) => c.id)).toEqual([a.caseId]);
    expect((await list(a.otherCookie, '?q=quince')).total).toBe(0);
  });

  it('shows an open case past its due date as late, and a closed case with no next deadline and never late', async () => {
    clock = new Date('2024-03-21T18:00:00Z');
    const open = await w.assignedCase({ workerName: 'Open Overdue' });
    const closed = await w.assignedCase({ workerName: 'Closed Withdrawn' });
    const staff = w.cookies.intake;
    const fresh = (await list(staff, '?q=withdrawn')).cases[0]!;
    // Just assigned: the records are the next thing due, not yet late.
    expect(fresh.nextDeadline?.kind).toBe('records_due');
    expect(fresh.late).toBe(false);
    // Decided without the claims administrator's records, and the letter issued.
    const issued = await w.assignedCase({ workerName: 'Issued Letter' });
    const kase = (await t.app.inject({ method: 'GET', url: `/api/cases/${issued.caseId}`, headers: { cookie: issued.cookie } })).json();
    for (const item of kase.items) {
      const d = await t.app.inject({ method: 'PUT', url: `/api/cases/${issued.caseId}/items/${item.id}/decision`, headers: { cookie: issued.cookie }, payload: { version: item.version, decision: 'Upheld', citation: citation(), rationale: 'Not medically necessary.' } });
      expect(d.statusCode).toBe(200);
    }
    expect((await t.app.inject({ method: 'POST', url: `/api/cases/${issued.caseId}/sign`, headers: { cookie: issued.cookie }, payload: {} })).statusCode).toBe(201);
    const r = await t.app.inject({ method: 'POST', url: `/api/cases/${closed.caseId}/status`, headers: { cookie: staff }, payload: { status: 'withdrawn', reason: 'The worker withdrew the application.' } });
    expect(r.statusCode).toBe(200);

    clock = new Date('2024-06-03T18:00:00Z');
    const intake = await login(t.app, 'intake', 'intake-password');
    const overdue = (await list(intake, '?q=overdue')).cases[0]!;
    expect(overdue.id).toBe(open.caseId);
    expect(overdue.late).toBe(true);
    expect(overdue.nextDeadline?.kind).toBe('records_due');
    expect(overdue.nextDeadline!.dueDate < '2024-06-03').toBe(true);
    const gone = (await list(intake, '?q=withdrawn&status=withdrawn')).cases[0]!;
    expect(gone.id).toBe(closed.caseId);
    expect(gone.nextDeadline).toBeNull();
    expect(gone.late).toBe(false);
    const done = (await list(intake, '?q=issued&status=letter_issued')).cases[0]!;
    expect(done.id).toBe(issued.caseId);
    expect(done.nextDeadline).toBeNull();
    expect(done.late).toBe(false);
    const lateOnes = (await list(intake, '?late=true')).cases.map((c) => c.id);
    expect(lateOnes).toContain(open.caseId);
    expect(lateOnes).not.toContain(closed.caseId);
    expect((await list(intake, '?late=false&status=withdrawn')).cases.map((c) => c.id)).toContain(closed.caseId);
  });
});
