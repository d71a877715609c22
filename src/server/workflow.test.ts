import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../db/test-support/dialects.js';
import { applicationInput, citation } from '../service/test-support/fixtures.js';
import type { TestApp } from './test-support/test-app.js';
import { openWorld, type World } from './test-support/world.js';

const NOW = new Date('2024-03-21T18:00:00Z');

describe.each(testDialects())('workflow rules over HTTP on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    ({ t, w } = await openWorld(dialect, { now: () => NOW }));
  });
  afterAll(async () => { await t?.close(); });

  const decision = (version: number, rationale: string) => ({ version, decision: 'Upheld', citation: citation(), rationale });

  it('detects concurrent edits of the same item: a stale version is answered 409 and nothing is lost', async () => {
    const { caseId, cookie } = await w.assignedCase();
    const item = (await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: { cookie } })).json().items[0];
    const url = `/api/cases/${caseId}/items/${item.id}/decision`;
    const [a, b] = await Promise.all([
      t.app.inject({ method: 'PUT', url, headers: { cookie }, payload: decision(item.version, 'First rationale.') }),
      t.app.inject({ method: 'PUT', url, headers: { cookie }, payload: decision(item.version, 'Second rationale.') }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    const winner = a.statusCode === 200 ? a : b;
    expect(loser.json().error.code).toBe('IMR_ERR_CONFLICT');
    const stored = (await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: { cookie } })).json().items[0];
    expect(stored.rationale).toBe(winner.json().rationale);
    expect(stored.version).toBe(item.version + 1);
    // Retrying with the current version succeeds.
    const retry = await t.app.inject({ method: 'PUT', url, headers: { cookie }, payload: decision(stored.version, 'Merged rationale.') });
    expect(retry.statusCode).toBe(200);
    expect(retry.json().version).toBe(item.version + 2);
  });

  it('redrafts an item with the engine without invalidating the reviewer\'s version', async () => {
    const { caseId, cookie, otherCookie } = await w.assignedCase();
    const item = (await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: { cookie } })).json().items[1];
    const res = await t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/items/${item.id}/draft`, headers: { cookie } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().decision).toMatch(/^(Upheld|Overturned)$/);
    expect(res.json().citation.raw.length).toBeGreaterThan(0);
    const after = (await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: { cookie } })).json().items[1];
    expect(after.version).toBe(item.version);
    expect(after.draft).toEqual(res.json());
    expect((await t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/items/${item.id}/draft`, headers: { cookie: otherCookie } })).statusCode).toBe(403);
  });

  it('accepts a citation written as the letter line and stores it parsed', async () => {
    const { caseId, cookie } = await w.assignedCase();
    const item = (await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: { cookie } })).json().items[0];
    const res = await t.app.inject({
      method: 'PUT', url: `/api/cases/${caseId}/items/${item.id}/decision`, headers: { cookie },
      payload: { version: item.version, decision: 'Upheld', citation: 'MTUS Chronic Pain Medical Treatment Guidelines, Manual Therapy and Manipulation, pages 58-60', rationale: 'Exceeds the trial.' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().citation).toMatchObject({ source: 'MTUS-CPMTG', pages: [58, 59, 60] });
  });

  it('answers impossible status changes with 409 IMR_ERR_INVALID_TRANSITION', async () => {
    const created = (await t.app.inject({ method: 'POST', url: '/api/cases', headers: { cookie: w.cookies.intake }, payload: { application: { ...applicationInput(), injuredWorker: { name: 'Sam Other', dateOfInjury: '2023-02-02', claimNumber: 'T-1' } } } })).json();
    const assign = await t.app.inject({ method: 'POST', url: `/api/cases/${created.id}/assignment`, headers: { cookie: w.cookies.intake } });
    expect(assign.statusCode).toBe(409);
    expect(assign.json().error.code).toBe('IMR_ERR_INVALID_TRANSITION');
    expect(assign.json().error.message).toContain('received');
    const records = await t.app.inject({ method: 'POST', url: `/api/cases/${created.id}/records`, headers: { cookie: w.cookies.intake }, payload: {} });
    expect(records.json().error.code).toBe('IMR_ERR_INVALID_TRANSITION');
    const withdrawn = await t.app.inject({ method: 'POST', url: `/api/cases/${created.id}/status`, headers: { cookie: w.cookies.intake }, payload: { status: 'withdrawn', reason: 'The worker withdrew the application.' } });
    expect(withdrawn.json()).toEqual({ status: 'withdrawn' });
    const again = await t.app.inject({ method: 'POST', url: `/api/cases/${created.id}/status`, headers: { cookie: w.cookies.intake }, payload: { status: 'terminated', reason: 'x' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('IMR_ERR_INVALID_TRANSITION');
  });

  it('refuses to sign while an item is undecided, naming the item', async () => {
    const { caseId, cookie } = await w.assignedCase();
    const res = await t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/sign`, headers: { cookie }, payload: {} });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('IMR_ERR_VALIDATION');
    expect(res.json().error.message).toMatch(/items 1, 2 are incomplete/);
  });

  it('records ineligibility with its reasons and ends the case; a liability dispute defers it', async () => {
    const late = (await t.app.inject({ method: 'POST', url: '/api/cases', headers: { cookie: w.cookies.intake }, payload: { application: { ...applicationInput({ applicationReceivedDate: '2024-03-20' }), urDecision: { ...applicationInput().urDecision, dateServed: '2024-01-02', decisionDate: '2024-01-02' }, injuredWorker: { name: 'Late Filer', dateOfInjury: '2023-02-02', claimNumber: 'L-1' } } } })).json();
    const r = await t.app.inject({ method: 'POST', url: `/api/cases/${late.id}/eligibility`, headers: { cookie: w.cookies.intake }, payload: {} });
    expect(r.json().status).toBe('ineligible');
    expect(r.json().eligibility.outcome).toBe('ineligible');
    expect(r.json().eligibility.reasons.find((x: { rule: string }) => x.rule === 'timely-filing')).toMatchObject({ passed: false });

    const disputed = (await t.app.inject({ method: 'POST', url: '/api/cases', headers: { cookie: w.cookies.intake }, payload: { application: { ...applicationInput({ liabilityDisputed: true }), injuredWorker: { name: 'Deferred Case', dateOfInjury: '2023-02-02', claimNumber: 'D-1' } } } })).json();
    const d = await t.app.inject({ method: 'POST', url: `/api/cases/${disputed.id}/eligibility`, headers: { cookie: w.cookies.intake }, payload: {} });
    expect(d.json()).toMatchObject({ status: 'eligibility', eligibility: { outcome: 'deferred' } });
    expect((await t.app.inject({ method: 'POST', url: `/api/cases/${disputed.id}/assignment`, headers: { cookie: w.cookies.intake } })).json().error.code).toBe('IMR_ERR_NOT_ELIGIBLE');
    const resolved = await t.app.inject({ method: 'POST', url: `/api/cases/${disputed.id}/eligibility`, headers: { cookie: w.cookies.intake }, payload: { liabilityDisputed: false } });
    expect(resolved.json()).toMatchObject({ status: 'eligibility', eligibility: { outcome: 'eligible' } });
    const history = (await t.app.inject({ method: 'GET', url: `/api/cases/${disputed.id}/eligibility`, headers: { cookie: w.cookies.intake } })).json().history;
    expect(history.map((h: { outcome: string }) => h.outcome).sort()).toEqual(['deferred', 'eligible']);
  });

  it('finds a duplicate application for the same worker and items', async () => {
    const first = await w.assignedCase({ workerName: 'Dup Worker' });
    expect(first).toBeTruthy();
    const dup = (await t.app.inject({ method: 'POST', url: '/api/cases', headers: { cookie: w.cookies.intake }, payload: { application: { ...applicationInput(), injuredWorker: { ...applicationInput().injuredWorker, name: 'Dup Worker', claimNumber: 'ANOTHER-CLAIM' } } } })).json();
    const r = await t.app.inject({ method: 'POST', url: `/api/cases/${dup.id}/eligibility`, headers: { cookie: w.cookies.intake }, payload: {} });
    expect(r.json().eligibility.outcome).toBe('ineligible');
    expect(r.json().eligibility.reasons.find((x: { rule: string }) => x.rule === 'not-duplicate')).toMatchObject({ passed: false });
  });

  it('recusal reassigns to another conflict-free reviewer and the first loses access', async () => {
    const { caseId, cookie, otherCookie, reviewerId } = await w.assignedCase();
    const other = reviewerId === 'r-pmr' ? 'r-pmr-2' : 'r-pmr';
    const r = await t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/assignment/recusal`, headers: { cookie }, payload: { reason: 'Treated the worker before.' } });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().reviewerId).toBe(other);
    expect((await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: { cookie } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: { cookie: otherCookie } })).statusCode).toBe(200);
    const a = (await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}/assignment`, headers: { cookie: w.cookies.intake } })).json();
    expect(a.history).toHaveLength(2);
    expect(a.history[0]).toMatchObject({ reviewerId, endReason: 'Treated the worker before.' });
    expect(a.current.reviewerId).toBe(other);
    // The conflicted and the unqualified reviewers were screened out, with reasons recorded.
    const screened = a.current.screening.evaluations as Array<{ reviewerId: string; conflicts: string[]; qualificationReasons: string[] }>;
    expect(screened.find((e) => e.reviewerId === 'r-pmr-conflict')?.conflicts.length).toBeGreaterThan(0);
    expect(screened.find((e) => e.reviewerId === 'r-junior')?.qualificationReasons.join(' ')).toMatch(/years/);
  });

  it('lists cases with filters and paging', async () => {
    const all = (await t.app.inject({ method: 'GET', url: '/api/cases?limit=2', headers: { cookie: w.cookies.intake } })).json();
    expect(all.cases).toHaveLength(2);
    expect(all.total).toBeGreaterThan(2);
    const page2 = (await t.app.inject({ method: 'GET', url: '/api/cases?limit=2&offset=2', headers: { cookie: w.cookies.intake } })).json();
    expect(page2.cases.map((c: { id: string }) => c.id)).not.toContain(all.cases[0].id);
    const withdrawn = (await t.app.inject({ method: 'GET', url: '/api/cases?status=withdrawn', headers: { cookie: w.cookies.intake } })).json();
    expect(withdrawn.total).toBe(1);
    expect(withdrawn.cases[0].status).toBe('withdrawn');
    const bad = await t.app.inject({ method: 'GET', url: '/api/cases?status=bogus&limit=0', headers: { cookie: w.cookies.intake } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { path: string }) => d.path).sort()).toEqual(['querystring.limit', 'querystring.status']);
  });

  it('answers an invalid application with 400 listing each field', async () => {
    const app = applicationInput();
    const res = await t.app.inject({ method: 'POST', url: '/api/cases', headers: { cookie: w.cookies.intake }, payload: { application: { ...app, disputedItems: [], urDecision: { ...app.urDecision, dateServed: '2024-02-30' } } } });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.application.disputedItems', 'body.application.urDecision.dateServed']));
    expect(res.body).not.toContain('Pat Example');
  });
});
