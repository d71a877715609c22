import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../db/test-support/dialects.js';
import { login, type TestApp } from './test-support/test-app.js';
import { openWorld, type World } from './test-support/world.js';

/**
 * User administration over the API (issue 15, admin screens): a disabled user's session and API
 * tokens stop working at once and logging in is refused; a password reset answers a new password
 * once and ends the old sessions; revoking tokens ends every token; each action is audited by user
 * id and no password appears in any audit row. The audit log filters find refusals by date.
 */
describe.each(testDialects())('user administration on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  const NOW = new Date('2024-03-21T18:00:00Z');
  beforeAll(async () => {
    ({ t, w } = await openWorld(dialect, { now: () => NOW }));
  });
  afterAll(async () => { await t?.close(); });

  const as = (cookie: string) => ({ cookie });
  const post = (url: string, cookie: string, payload?: object) => t.app.inject({ method: 'POST', url, headers: as(cookie), ...(payload ? { payload } : {}) });
  const me = (headers: Record<string, string>) => t.app.inject({ method: 'GET', url: '/api/me', headers });
  const loginStatus = async (username: string, password: string) => (await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } })).statusCode;
  const auditRows = async () => (await t.app.inject({ method: 'GET', url: '/api/audit?limit=500', headers: as(w.cookies.admin) })).json().entries as Array<{ action: string; userId: string | null; detail: Record<string, unknown> }>;

  async function newUser(username: string): Promise<{ id: string; password: string; cookie: string; token: string }> {
    const created = await post('/api/users', w.cookies.admin, { username, role: 'intake' });
    expect(created.statusCode, created.body).toBe(201);
    const { user, password } = created.json();
    expect(password).toMatch(/^[A-Za-z0-9_-]{16}$/);
    const cookie = await login(t.app, username, password);
    const tok = await post('/api/auth/tokens', w.cookies.admin, { name: 'integration', userId: user.id });
    expect(tok.statusCode).toBe(201);
    return { id: user.id, password, cookie, token: tok.json().token };
  }

  it('creates a user with a generated password shown once, and disabling ends the session, the token and logging in at once', async () => {
    const u = await newUser('dana');
    expect((await me(as(u.cookie))).statusCode).toBe(200);
    expect((await me({ authorization: `Bearer ${u.token}` })).statusCode).toBe(200);
    // The list never carries a password or its hash.
    const listed = await t.app.inject({ method: 'GET', url: '/api/users', headers: as(w.cookies.admin) });
    expect(listed.body).not.toContain(u.password);
    expect(listed.body).not.toContain('argon');

    const off = await post(`/api/users/${u.id}/disable`, w.cookies.admin);
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ user: { id: u.id, active: false }, sessionsEnded: 1, tokensRevoked: 1 });
    expect((await me(as(u.cookie))).statusCode).toBe(401);
    expect((await me({ authorization: `Bearer ${u.token}` })).statusCode).toBe(401);
    expect(await loginStatus('dana', u.password)).toBe(401);
    const listedAfter = (await t.app.inject({ method: 'GET', url: '/api/users', headers: as(w.cookies.admin) })).json().users;
    expect(listedAfter.find((x: { id: string }) => x.id === u.id).active).toBe(false);

    // Enabled again, the password works; the revoked token stays revoked.
    expect((await post(`/api/users/${u.id}/enable`, w.cookies.admin)).statusCode).toBe(200);
    expect(await loginStatus('dana', u.password)).toBe(200);
    expect((await me({ authorization: `Bearer ${u.token}` })).statusCode).toBe(401);

    const rows = await auditRows();
    expect(rows.find((r) => r.action === 'user.disable')).toMatchObject({ userId: w.users.admin.id, detail: { userId: u.id, sessionsEnded: 1, tokensRevoked: 1 } });
    expect(rows.some((r) => r.action === 'user.enable' && r.detail.userId === u.id)).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(u.password);
  });

  it('refuses to disable yourself or the last administrator, and refuses non-admins and unknown fields', async () => {
    const self = await post(`/api/users/${w.users.admin.id}/disable`, w.cookies.admin);
    expect(self.statusCode).toBe(400);
    expect(self.json().error.message).toMatch(/your own user/);
    for (const url of [`/api/users/${w.users.party.id}/disable`, `/api/users/${w.users.party.id}/password`, `/api/users/${w.users.party.id}/tokens/revoke`]) {
      const r = await post(url, w.cookies.intake);
      expect(r.statusCode, url).toBe(403);
    }
    expect((await post(`/api/users/${w.users.party.id}/disable`, w.cookies.admin, { reason: 'x' })).statusCode).toBe(400);
    expect((await post('/api/users/no-such-user/disable', w.cookies.admin)).statusCode).toBe(404);
    expect((await me(as(w.cookies.party))).statusCode).toBe(200);
  });

  it('lists active party users to intake for linking to a case, and to no other role', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/parties', headers: as(w.cookies.intake) });
    expect(r.statusCode).toBe(200);
    expect(r.json().parties.map((p: { username: string }) => p.username)).toEqual(expect.arrayContaining(['pat', 'quinn']));
    expect(r.json().parties.every((p: object) => Object.keys(p).sort().join() === 'displayName,id,username')).toBe(true);
    for (const who of ['party', 'reviewer'] as const) expect((await t.app.inject({ method: 'GET', url: '/api/parties', headers: as(w.cookies[who]) })).statusCode).toBe(403);
  });

  it('resets a password: a new one answered once, the old one refused, old sessions ended, no password in the audit log', async () => {
    const u = await newUser('erin');
    const r = await post(`/api/users/${u.id}/password`, w.cookies.admin);
    expect(r.statusCode, r.body).toBe(200);
    const { password, sessionsEnded } = r.json();
    expect(password).not.toBe(u.password);
    expect(sessionsEnded).toBe(1);
    expect((await me(as(u.cookie))).statusCode).toBe(401);
    expect(await loginStatus('erin', u.password)).toBe(401);
    expect(await loginStatus('erin', password)).toBe(200);
    const rows = await auditRows();
    expect(rows.some((x) => x.action === 'user.password_reset' && x.detail.userId === u.id)).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(password);
  });

  it('revokes every API token of a user, leaving the session alone', async () => {
    const u = await newUser('fran');
    const second = (await post('/api/auth/tokens', w.cookies.admin, { name: 'second', userId: u.id })).json().token as string;
    const r = await post(`/api/users/${u.id}/tokens/revoke`, w.cookies.admin);
    expect(r.json()).toEqual({ revoked: 2 });
    for (const token of [u.token, second]) {
      const res = await me({ authorization: `Bearer ${token}` });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.message).toMatch(/revoked/);
    }
    expect((await me(as(u.cookie))).statusCode).toBe(200);
    expect((await auditRows()).find((x) => x.action === 'user.tokens_revoked')).toMatchObject({ detail: { userId: u.id, revoked: 2 } });
  });

  it('filters the audit log to refusals, by action list and by date range, and lists the actions it holds', async () => {
    const { caseId, otherCookie } = await w.assignedCase();
    expect((await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: as(otherCookie) })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/users', headers: as(w.cookies.party) })).statusCode).toBe(403);
    const q = async (qs: string) => {
      const res = await t.app.inject({ method: 'GET', url: `/api/audit?${qs}`, headers: as(w.cookies.admin) });
      expect(res.statusCode, `${qs}: ${res.body}`).toBe(200);
      return res.json() as { total: number; entries: Array<{ action: string; caseId: string | null; userId: string | null }> };
    };
    const refusals = await q('refusals=true&limit=500');
    expect(refusals.entries.some((e) => e.action === 'case.access_denied' && e.caseId === caseId)).toBe(true);
    expect(refusals.entries.some((e) => e.action === 'access.denied' && e.userId === w.users.party.id)).toBe(true);
    expect(refusals.entries.every((e) => ['access.denied', 'case.access_denied', 'auth.unauthenticated', 'auth.login_failed', 'auth.login_locked'].includes(e.action))).toBe(true);
    const two = await q('action=user.disable,user.enable&limit=500');
    expect(new Set(two.entries.map((e) => e.action))).toEqual(new Set(['user.disable', 'user.enable']));
    // Every row here was written at NOW: a range around it holds them, ranges beside it hold none.
    expect((await q('from=2024-03-21&to=2024-03-22&limit=1')).total).toBe((await q('limit=1')).total);
    expect((await q('from=2024-03-21T18:00:01Z&limit=1')).total).toBe(0);
    expect((await q('to=2024-03-21T10:59:59-07:00&limit=1')).total).toBe(0);
    expect((await q('from=2024-03-21T10:00:00-08:00&to=2024-03-21T18:00:00.001Z&refusals=true&limit=1')).total).toBe(refusals.total);
    for (const bad of ['from=2024-02-31', 'to=yesterday', 'from=2024-03-21T18:00']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/audit?${bad}`, headers: as(w.cookies.admin) });
      expect(res.statusCode, bad).toBe(400);
    }
    const actions = (await t.app.inject({ method: 'GET', url: '/api/audit/actions', headers: as(w.cookies.admin) })).json().actions as string[];
    expect(actions).toEqual(expect.arrayContaining(['case.access_denied', 'access.denied', 'user.disable', 'auth.login']));
    expect((await t.app.inject({ method: 'GET', url: '/api/audit/actions', headers: as(w.cookies.intake) })).statusCode).toBe(403);
  });
});
