import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.js';
import { openTestDatabase, testDialects } from '../db/test-support/dialects.js';
import { dummyPasswordHash, passwordHashing } from '../service/store/users.store.js';
import { createServices, type Services } from '../service/use-cases/services.js';
import { authSettings } from './auth/auth-settings.js';
import { buildApp } from './app.js';
import { login } from './test-support/test-app.js';

const START = new Date('2024-03-21T18:00:00Z');
const MINUTE = 60_000;

interface Harness {
  app: FastifyInstance;
  services: Services;
  database: Database;
  advance(ms: number): void;
  close(): Promise<void>;
}

/** The real app on `dialect` with a clock the test moves (services and app share it). */
async function open(dialect: Parameters<typeof openTestDatabase>[0], over: Parameters<typeof authSettings>[0] = {}): Promise<Harness> {
  let clock = START;
  const now = () => clock;
  const database = await openTestDatabase(dialect);
  const services = createServices(database, { now });
  const app = await buildApp({ database, services, now, webRoot: null, auth: authSettings(over) });
  await app.ready();
  await services.users.create({ username: 'ada', role: 'admin', password: 'ada-password' }, now());
  return { app, services, database, advance: (ms) => { clock = new Date(clock.getTime() + ms); }, close: async () => { await app.close(); await database.close(); } };
}

function tryLogin(app: FastifyInstance, username: string, password: string, ip = '127.0.0.1') {
  return app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });
}

async function auditRows(s: Services, action: string) {
  return (await s.audit.list({ action, limit: 500 })).entries;
}

describe.each(testDialects())('login and sessions on %s', (dialect) => {
  let h: Harness | undefined;
  afterEach(async () => { vi.restoreAllMocks(); await h?.close(); h = undefined; });

  it('refuses 40 wrong passwords in a row with 429 after the tenth, and the right password during the lock', async () => {
    h = await open(dialect);
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 40; i++) {
      last = await tryLogin(h.app, 'ada', `wrong-${i}`);
      statuses.push(last.statusCode);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual(Array(30).fill(429));
    expect(last!.json().error.code).toBe('IMR_ERR_RATE_LIMITED');
    const retryAfter = Number(last!.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);

    const right = await tryLogin(h.app, 'ada', 'ada-password');
    expect(right.statusCode).toBe(429);
    expect(right.cookies.find((c) => c.name === 'imr_session')).toBeUndefined();

    // The lock ends after 15 minutes; the right password works again.
    h.advance(15 * MINUTE + 1000);
    expect((await tryLogin(h.app, 'ada', 'ada-password')).statusCode).toBe(200);
    // The lock is in the audit log, by hash: the typed username is nowhere in the failure rows.
    const locks = await auditRows(h.services, 'auth.login_locked');
    expect(locks.map((r) => r.detail.by)).toEqual(['username']);
    const failed = await auditRows(h.services, 'auth.login_failed');
    // (The hex hash itself may spell "ada" by chance, so it is left out of this look.)
    const shown = [...locks, ...failed].map((r) => ({ ...r, detail: { ...r.detail, usernameHash: undefined } }));
    expect(JSON.stringify(shown)).not.toMatch(/ada|wrong-/);
    expect(failed.every((r) => /^[0-9a-f]{64}$/.test(String(r.detail.usernameHash)))).toBe(true);
  });

  it('lets no more than 10 of 40 wrong passwords sent all at once be checked', async () => {
    h = await open(dialect);
    const all = await Promise.all(Array.from({ length: 40 }, (_, i) => tryLogin(h!.app, 'ada', `parallel-${i}`)));
    const statuses = all.map((r) => r.statusCode);
    expect(statuses.filter((c) => c === 401).length).toBeLessThanOrEqual(10);
    expect(statuses.filter((c) => c !== 401).every((c) => c === 429)).toBe(true);
    expect((await tryLogin(h.app, 'ada', 'ada-password')).statusCode).toBe(429);
  });

  it('locks an address that fails for many usernames, without locking the same user elsewhere', async () => {
    h = await open(dialect);
    for (let i = 0; i < 30; i++) expect((await tryLogin(h.app, `guess${i}`, 'password1', '10.0.0.1')).statusCode).toBe(401);
    const locked = await tryLogin(h.app, 'ada', 'ada-password', '10.0.0.1');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.message).toContain('from your address');
    expect((await tryLogin(h.app, 'ada', 'ada-password', '10.0.0.2')).statusCode).toBe(200);
  });

  it('caps login requests per address per minute whatever their outcome (the rate-limit plugin), in the catalogue shape', async () => {
    h = await open(dialect, { login: { maxRequestsPerIpPerMinute: 5 } });
    for (let i = 0; i < 5; i++) expect((await tryLogin(h.app, 'ada', 'ada-password', '10.0.0.9')).statusCode).toBe(200);
    const sixth = await tryLogin(h.app, 'ada', 'ada-password', '10.0.0.9');
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().error.code).toBe('IMR_ERR_RATE_LIMITED');
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('verifies an unknown user against a dummy hash: unknown and known users fail the same way', async () => {
    h = await open(dialect);
    const verify = vi.spyOn(passwordHashing, 'verify');
    const unknown = await tryLogin(h.app, 'nobody', 'some-password');
    expect(verify).toHaveBeenCalledTimes(1);
    expect(verify.mock.calls[0]![0]).toBe(await dummyPasswordHash());
    verify.mockClear();
    const known = await tryLogin(h.app, 'ada', 'some-password');
    expect(verify).toHaveBeenCalledTimes(1);
    expect(verify.mock.calls[0]![0]).not.toBe(await dummyPasswordHash());
    expect(verify.mock.calls[0]![0]).toMatch(/^\$argon2/);
    expect(unknown.statusCode).toBe(401);
    expect(known.statusCode).toBe(401);
    expect(unknown.json()).toEqual(known.json());
  });

  it('refuses "ａｄｍｉｎ", zero-width, bidi and look-alike usernames at creation and at login', async () => {
    h = await open(dialect);
    const cookie = await login(h.app, 'ada', 'ada-password');
    const create = (username: string) => h!.app.inject({ method: 'POST', url: '/api/users', headers: { cookie }, payload: { username, role: 'intake', password: 'long-enough-password' } });
    expect((await create('admin')).statusCode).toBe(201);
    for (const bad of ['ａｄｍｉｎ', 'adm\u200Bin', '\u202Enimda', 'аdmin']) {
      const res = await create(bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json().error.code).toBe('IMR_ERR_VALIDATION');
    }
    for (const twin of ['Admin', 'adm1n', 'ADA']) {
      const res = await create(twin);
      expect(res.statusCode, twin).toBe(409);
      expect(res.json().error.code).toBe('IMR_ERR_DUPLICATE');
    }
    await h.services.users.create({ username: 'ace', role: 'intake', password: 'long-enough-password' }, START);
    await expect(h.services.users.create({ username: 'асе', role: 'intake', password: 'long-enough-password' }, START)).rejects.toMatchObject({ code: 'IMR_ERR_DUPLICATE' });

    // At login the same names are refused, never mapped to the real user.
    for (const bad of ['ａｄａ', 'ada\u200B', '\u200Dada']) {
      const res = await tryLogin(h.app, bad, 'ada-password');
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.cookies.find((c) => c.name === 'imr_session')).toBeUndefined();
    }
    expect((await tryLogin(h.app, 'Ada', 'ada-password')).statusCode).toBe(401);
  });

  it('audits failed logins by a keyed hash of the typed name, one row per address a minute with the count left out', async () => {
    h = await open(dialect);
    for (let i = 0; i < 5; i++) await tryLogin(h.app, 'zebediah', 'not-his-password', '10.1.1.1');
    let rows = await auditRows(h.services, 'auth.login_failed');
    expect(rows).toHaveLength(1);
    h.advance(MINUTE + 1000);
    await tryLogin(h.app, 'zebediah', 'not-his-password', '10.1.1.1');
    await tryLogin(h.app, 'quentin', 'not-his-password', '10.1.1.2');
    rows = await auditRows(h.services, 'auth.login_failed');
    expect(rows).toHaveLength(3);
    const byIp = (ip: string) => rows.filter((r) => r.detail.ip === ip);
    const [newer, older] = byIp('10.1.1.1');
    expect(newer!.detail).toMatchObject({ reason: 'wrong_password', notRecordedSincePrevious: 4 });
    expect(newer!.detail.usernameHash).toMatch(/^[0-9a-f]{64}$/);
    expect(newer!.detail.usernameHash).toBe(older!.detail.usernameHash);
    expect(byIp('10.1.1.2')[0]!.detail.usernameHash).not.toBe(newer!.detail.usernameHash);
    expect(JSON.stringify(rows)).not.toMatch(/zebediah|quentin|not-his-password/);
    expect(rows.every((r) => r.userId === null && r.username === null)).toBe(true);
  });

  it('caps failed-login rows from all addresses together at 60 a minute, folding the rest into the next row', async () => {
    h = await open(dialect);
    // Names refused by the username rules cost no password check but are audited the same way.
    for (let i = 0; i < 65; i++) expect((await tryLogin(h.app, 'not a name', 'x', `10.2.0.${i}`)).statusCode).toBe(400);
    expect(await auditRows(h.services, 'auth.login_failed')).toHaveLength(60);
    h.advance(MINUTE);
    await tryLogin(h.app, 'not a name', 'x', '10.2.1.1');
    const rows = await auditRows(h.services, 'auth.login_failed');
    expect(rows).toHaveLength(61);
    expect(rows[0]!.detail).toMatchObject({ ip: '10.2.1.1', reason: 'invalid_username', otherAddressesNotRecorded: 5 });
  });

  it('ends a session after 30 minutes without activity, and any session after 12 hours; expired sessions are purged', async () => {
    h = await open(dialect);
    const cookie = await login(h.app, 'ada', 'ada-password');
    const me = () => h!.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    h.advance(20 * MINUTE);
    expect((await me()).statusCode).toBe(200);
    h.advance(25 * MINUTE); // 45 minutes after login, 25 after the last use
    expect((await me()).statusCode).toBe(200);
    h.advance(31 * MINUTE);
    const idle = await me();
    expect(idle.statusCode).toBe(401);
    expect(idle.json().error.message).toContain('without activity');

    const busy = await login(h.app, 'ada', 'ada-password');
    // The idle session was deleted at that login.
    const sessions = async () => Number((await h!.database.db.selectFrom('svc_sessions' as never).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    expect(await sessions()).toBe(1);
    for (let t = 0; t < 12 * 60; t += 25) {
      h.advance(25 * MINUTE);
      const res = await h.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: busy } });
      if (t + 25 >= 12 * 60) {
        expect(res.statusCode).toBe(401);
        expect(res.json().error.message).toContain('maximum length');
      } else expect(res.statusCode, `after ${t + 25} minutes`).toBe(200);
    }
  });

  it('expires API tokens (90 days unless chosen) and says when a token is expired or revoked, distinct from none', async () => {
    h = await open(dialect);
    const cookie = await login(h.app, 'ada', 'ada-password');
    const create = async (payload: object) => {
      const res = await h!.app.inject({ method: 'POST', url: '/api/auth/tokens', headers: { cookie }, payload });
      expect(res.statusCode).toBe(201);
      return res.json() as { id: string; token: string; expiresAt: string };
    };
    const standard = await create({ name: 'claims system' });
    expect(standard.expiresAt).toBe(new Date(START.getTime() + 90 * 86_400_000).toISOString());
    const short = await create({ name: 'one day', expiresInDays: 1 });
    const revoked = await create({ name: 'revoked' });
    expect((await h.app.inject({ method: 'DELETE', url: `/api/auth/tokens/${revoked.id}`, headers: { cookie } })).statusCode).toBe(200);
    const me = (headers: Record<string, string>) => h!.app.inject({ method: 'GET', url: '/api/me', headers });

    expect((await me({ authorization: `Bearer ${short.token}` })).statusCode).toBe(200);
    h.advance(86_400_000 + 1000);
    const expired = await me({ authorization: `Bearer ${short.token}` });
    const wasRevoked = await me({ authorization: `Bearer ${revoked.token}` });
    const unknown = await me({ authorization: 'Bearer imr_not-a-real-token' });
    const none = await me({});
    for (const r of [expired, wasRevoked, unknown, none]) {
      expect(r.statusCode).toBe(401);
      expect(r.json().error.code).toBe('IMR_ERR_UNAUTHENTICATED');
    }
    expect(expired.json().error.message).toContain('expired');
    expect(wasRevoked.json().error.message).toContain('revoked');
    expect(none.json().error.message).toContain('Log in first');
    expect(new Set([expired, wasRevoked, unknown, none].map((r) => r.json().error.message)).size).toBe(4);
    expect((await me({ authorization: `Bearer ${standard.token}` })).statusCode).toBe(200);

    const tooLong = await h.app.inject({ method: 'POST', url: '/api/auth/tokens', headers: { authorization: `Bearer ${standard.token}` }, payload: { name: 'x', expiresInDays: 100_000 } });
    expect(tooLong.statusCode).toBe(400);
  });
});
