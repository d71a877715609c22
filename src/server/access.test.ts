import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../db/test-support/dialects.js';
import { applicationInput } from '../service/test-support/fixtures.js';
import type { TestApp } from './test-support/test-app.js';
import { openWorld, type World } from './test-support/world.js';

const NOW = new Date('2024-03-21T18:00:00Z');

describe.each(testDialects())('role boundaries on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  let caseId: string;
  let otherCaseId: string;
  beforeAll(async () => {
    ({ t, w } = await openWorld(dialect, { now: () => NOW }));
    const first = await w.assignedCase();
    expect(first.reviewerId).toBe('r-pmr');
    caseId = first.caseId;
    // A second case assigned to the other reviewer: r-pmr now has one open case, so load balancing picks r-pmr-2.
    const c = await t.app.inject({ method: 'POST', url: '/api/cases', headers: { cookie: w.cookies.intake }, payload: { application: { ...applicationInput(), injuredWorker: { name: 'Other Worker', dateOfInjury: '2023-01-01', claimNumber: 'X-9' } } } });
    otherCaseId = c.json().id;
    await t.app.inject({ method: 'POST', url: `/api/cases/${otherCaseId}/eligibility`, headers: { cookie: w.cookies.intake }, payload: {} });
    const a = await t.app.inject({ method: 'POST', url: `/api/cases/${otherCaseId}/assignment`, headers: { cookie: w.cookies.intake } });
    expect(a.json().reviewerId).toBe('r-pmr-2');
  });
  afterAll(async () => { await t?.close(); });

  const get = (url: string, cookie?: string) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

  it('anonymous requests to every API resource are answered 401', async () => {
    for (const url of ['/api/cases', `/api/cases/${caseId}`, `/api/cases/${caseId}/letter.pdf`, '/api/reviewers', '/api/audit', '/api/users', '/api/letters']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(401);
      expect(res.json().error.code).toBe('IMR_ERR_UNAUTHENTICATED');
    }
  });

  it('a reviewer lists and reads only the cases assigned to them', async () => {
    const list = await get('/api/cases', w.cookies.reviewer);
    expect(list.statusCode).toBe(200);
    expect(list.json().cases.map((c: { id: string }) => c.id)).toEqual([caseId]);
    const own = await get(`/api/cases/${caseId}`, w.cookies.reviewer);
    expect(own.statusCode).toBe(200);
    // How the other reviewers were screened stays with intake and admin.
    expect(own.json().assignments[0].screening).toBeNull();
    expect(own.body).not.toContain('r-pmr-conflict');
    expect((await get(`/api/cases/${caseId}`, w.cookies.intake)).json().assignments[0].screening.evaluations.length).toBe(4);
    const other = await get(`/api/cases/${otherCaseId}`, w.cookies.reviewer);
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('IMR_ERR_FORBIDDEN');
    expect((await get(`/api/cases/${otherCaseId}`, w.cookies.otherReviewer)).statusCode).toBe(200);
  });

  it('a reviewer cannot create cases, assign, read the registry, the audit log or users', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/cases', headers: { cookie: w.cookies.reviewer }, payload: { application: applicationInput() } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/assignment`, headers: { cookie: w.cookies.reviewer } })).statusCode).toBe(403);
    expect((await get('/api/reviewers', w.cookies.reviewer)).statusCode).toBe(403);
    expect((await get('/api/audit', w.cookies.reviewer)).statusCode).toBe(403);
    expect((await get('/api/users', w.cookies.reviewer)).statusCode).toBe(403);
  });

  it('a reviewer cannot decide an item of a case assigned to someone else', async () => {
    const other = (await get(`/api/cases/${otherCaseId}`, w.cookies.intake)).json();
    const item = other.items[0];
    const res = await t.app.inject({ method: 'PUT', url: `/api/cases/${otherCaseId}/items/${item.id}/decision`, headers: { cookie: w.cookies.reviewer }, payload: { version: item.version, decision: 'Upheld', citation: { source: 'NONE', name: null, edition: null, topic: null, sections: [], pages: [], raw: 'None', alsoCites: [] }, rationale: 'x' } });
    expect(res.statusCode).toBe(403);
  });

  it('intake manages cases but not decisions, reviewers registry writes, users or the audit log', async () => {
    expect((await get('/api/cases', w.cookies.intake)).json().total).toBe(2);
    expect((await get('/api/reviewers', w.cookies.intake)).statusCode).toBe(200);
    const item = (await get(`/api/cases/${caseId}`, w.cookies.intake)).json().items[0];
    expect((await t.app.inject({ method: 'PUT', url: `/api/cases/${caseId}/items/${item.id}/decision`, headers: { cookie: w.cookies.intake }, payload: { version: 1, decision: 'Upheld', citation: { source: 'NONE', name: null, edition: null, topic: null, sections: [], pages: [], raw: 'None', alsoCites: [] }, rationale: 'x' } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/sign`, headers: { cookie: w.cookies.intake }, payload: {} })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/reviewers', headers: { cookie: w.cookies.intake }, payload: {} })).statusCode).toBe(403);
    expect((await get('/api/audit', w.cookies.intake)).statusCode).toBe(403);
    expect((await get('/api/users', w.cookies.intake)).statusCode).toBe(403);
  });

  it('admin sees everything, including the audit log and users', async () => {
    expect((await get('/api/cases', w.cookies.admin)).json().total).toBe(2);
    expect((await get(`/api/cases/${otherCaseId}`, w.cookies.admin)).statusCode).toBe(200);
    expect((await get('/api/audit', w.cookies.admin)).statusCode).toBe(200);
    expect((await get('/api/users', w.cookies.admin)).json().users.length).toBe(6);
  });

  it('a party reads nothing of a case but its issued letters, and only for their own cases', async () => {
    expect((await get('/api/cases', w.cookies.party)).statusCode).toBe(403);
    expect((await get(`/api/cases/${caseId}`, w.cookies.party)).statusCode).toBe(403);
    expect((await get(`/api/cases/${caseId}/eligibility`, w.cookies.party)).statusCode).toBe(403);
    // Their own case has no letter yet: 404, not someone else's data.
    const none = await get(`/api/cases/${caseId}/letter.pdf`, w.cookies.party);
    expect(none.statusCode).toBe(404);
    // Not a party of the other case.
    expect((await get(`/api/cases/${otherCaseId}/letter.pdf`, w.cookies.party)).statusCode).toBe(403);
    expect((await get(`/api/cases/${caseId}/letter.pdf`, w.cookies.otherParty)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/sign`, headers: { cookie: w.cookies.party }, payload: {} })).statusCode).toBe(403);
    expect((await get('/api/letters', w.cookies.otherParty)).json().letters).toEqual([]);
  });

  it('unknown cases are 404 for staff', async () => {
    const res = await get('/api/cases/00000000-0000-0000-0000-000000000000', w.cookies.admin);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('IMR_ERR_NOT_FOUND');
  });
});
