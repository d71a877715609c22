import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../db/test-support/dialects.js';
import type { TestApp } from './test-support/test-app.js';
import { openWorld, type World } from './test-support/world.js';

/**
 * What the admin screens do to the registry and to cases (issue 15): a reviewer is added and edited
 * in place (no CSV re-import) with the qualification checks answered each time, deactivated, and
 * a party user is linked to a case from the case screen.
 */
describe.each(testDialects())('reviewer edits and party links on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    ({ t, w } = await openWorld(dialect, { now: () => new Date('2024-03-21T18:00:00Z') }));
  });
  afterAll(async () => { await t?.close(); });

  const send = (method: 'POST' | 'PUT', url: string, cookie: string, payload: object) => t.app.inject({ method, url, headers: { cookie }, payload });
  const record = { name: 'Dr. Lee New', licensureStates: ['CA'], specialty: 'Chiropractor', subspecialty: null, boardCertified: true, yearsInActivePractice: 4, weeklyHours: 30, affiliations: [], capacity: 8, active: true };

  it('adds a reviewer, says why they do not qualify, edits them until they do, and deactivates them', async () => {
    const added = await send('POST', '/api/reviewers', w.cookies.admin, { id: 'r-new', ...record });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json().qualification.qualified).toBe(false);
    expect(added.json().qualification.reasons.find((r: { rule: string }) => r.rule === 'active_practice_years')).toMatchObject({ passed: false });
    // Adding the same id again is a duplicate: the registry is edited, not re-imported.
    expect((await send('POST', '/api/reviewers', w.cookies.admin, { id: 'r-new', ...record })).statusCode).toBe(409);

    const edited = await send('PUT', '/api/reviewers/r-new', w.cookies.admin, { ...record, yearsInActivePractice: 8, affiliations: [{ kind: 'insurer', name: 'Golden Mutual' }] });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ id: 'r-new', yearsInActivePractice: 8, qualification: { qualified: true }, affiliations: [{ kind: 'insurer', name: 'Golden Mutual' }] });

    const off = await send('PUT', '/api/reviewers/r-new', w.cookies.admin, { ...record, yearsInActivePractice: 8, active: false });
    expect(off.json()).toMatchObject({ active: false, qualification: { qualified: false } });
    const listed = (await t.app.inject({ method: 'GET', url: '/api/reviewers', headers: { cookie: w.cookies.admin } })).json().reviewers;
    expect(listed.find((r: { id: string }) => r.id === 'r-new')).toMatchObject({ active: false, yearsInActivePractice: 8 });

    // What the list adds (qualification, load) is refused on the way back, by name; intake cannot edit.
    const extra = await send('PUT', '/api/reviewers/r-new', w.cookies.admin, { ...record, openCases: 0 });
    expect(extra.statusCode).toBe(400);
    expect(extra.body).toContain('openCases');
    expect((await send('PUT', '/api/reviewers/r-new', w.cookies.intake, record)).statusCode).toBe(403);
    expect((await send('PUT', '/api/reviewers/nobody', w.cookies.admin, record)).statusCode).toBe(404);

    const audit = (await t.app.inject({ method: 'GET', url: '/api/audit?action=reviewer.register,reviewer.update&limit=50', headers: { cookie: w.cookies.admin } })).json().entries;
    expect(audit.filter((e: { action: string }) => e.action === 'reviewer.update').map((e: { detail: { fields: string[] } }) => e.detail.fields)).toEqual(
      expect.arrayContaining([expect.arrayContaining(['yearsInActivePractice', 'affiliations']), expect.arrayContaining(['active', 'affiliations'])]),
    );
  });

  it('links a party user to a case so they can read its letters, refusing users who are not parties', async () => {
    const { caseId } = await w.assignedCase();
    const linked = await send('POST', `/api/cases/${caseId}/parties`, w.cookies.intake, { userId: w.users.otherParty.id });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json().partyUserIds).toEqual(expect.arrayContaining([w.users.party.id, w.users.otherParty.id]));
    const view = (await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: { cookie: w.cookies.admin } })).json();
    expect(view.partyUserIds).toContain(w.users.otherParty.id);
    expect((await send('POST', `/api/cases/${caseId}/parties`, w.cookies.intake, { userId: w.users.reviewer.id })).statusCode).toBe(400);
    expect((await send('POST', `/api/cases/${caseId}/parties`, w.cookies.party, { userId: w.users.party.id })).statusCode).toBe(403);
  });
});
