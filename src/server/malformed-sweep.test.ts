import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../db/test-support/dialects.js';
import type { TestApp } from './test-support/test-app.js';
import { openWorld, type World } from './test-support/world.js';

/**
 * Every route of the OpenAPI document gets the malformed requests a careless or hostile client
 * sends, as a permitted role, as a refused role and anonymously: none answers 500 (or hangs),
 * every refusal comes before validation, and every answer is in the catalogue's shape.
 */
type Inject = InjectOptions;

const NUL = '\u0000';
const JSON_HEADERS = { 'content-type': 'application/json' };

/** The malformed variants of one route (path already filled in). */
function variants(method: string, url: string, badUrl: string): { name: string; req: Inject }[] {
  const hasBody = method !== 'GET' && method !== 'DELETE';
  const out: { name: string; req: Inject }[] = [
    { name: 'unknown query parameter', req: { method, url: `${url}?zzUnknown=1` } as Inject },
    { name: 'NUL in query', req: { method, url: `${url}?q=a%00b&caseId=%00&action=%00&limit=1` } as Inject },
    { name: 'huge numbers in query', req: { method, url: `${url}?limit=1e308&offset=99999999999999999999999&version=1e400` } as Inject },
    { name: 'impossible dates in query', req: { method, url: `${url}?receivedFrom=2015-02-30&receivedTo=9999-99-99` } as Inject },
    { name: 'NUL in path', req: { method, url: badUrl } as Inject },
  ];
  if (hasBody) {
    out.push(
      { name: 'invalid JSON', req: { method, url, headers: JSON_HEADERS, payload: '{"reason": "x",' } as Inject },
      { name: 'empty JSON body', req: { method, url, headers: JSON_HEADERS, payload: '' } as Inject },
      { name: 'missing body', req: { method, url } as Inject },
      { name: 'JSON array', req: { method, url, headers: JSON_HEADERS, payload: '[1,2,3]' } as Inject },
      { name: 'JSON string', req: { method, url, headers: JSON_HEADERS, payload: '"text"' } as Inject },
      { name: 'JSON null', req: { method, url, headers: JSON_HEADERS, payload: 'null' } as Inject },
      { name: 'unknown field', req: { method, url, headers: JSON_HEADERS, payload: JSON.stringify({ zzUnknown: true }) } as Inject },
      {
        name: 'wrong types', req: {
          method, url, headers: JSON_HEADERS,
          payload: JSON.stringify({ version: 'one', reason: 5, status: [], application: 'x', username: {}, password: 1, decision: 7, citation: [], rationale: false, receivedOn: 20240101, liabilityDisputed: 'no', userId: 5, name: null, items: 'all' }),
        } as Inject,
      },
      {
        name: 'NUL in strings', req: {
          method, url, headers: JSON_HEADERS,
          payload: JSON.stringify({ reason: `a${NUL}b`, userId: NUL, name: `n${NUL}`, username: `x${NUL}`, password: `p${NUL}assword`, rationale: NUL, citation: NUL, receivedOn: `2024-01-01${NUL}` }),
        } as Inject,
      },
      { name: 'NUL in a field name', req: { method, url, headers: JSON_HEADERS, payload: `{"a\\u0000b": 1}` } as Inject },
      { name: 'huge numbers', req: { method, url, headers: JSON_HEADERS, payload: '{"version": 1e308, "liabilityDisputed": true, "limit": 99999999999999999999999}' } as Inject },
      { name: 'impossible dates', req: { method, url, headers: JSON_HEADERS, payload: JSON.stringify({ receivedOn: '2015-02-30', application: { applicationReceivedDate: '2024-13-45' } }) } as Inject },
      { name: 'deep nesting', req: { method, url, headers: JSON_HEADERS, payload: `{"reason":${'['.repeat(5000)}${']'.repeat(5000)}}` } as Inject },
      { name: 'wrong content type', req: { method, url, headers: { 'content-type': 'text/plain' }, payload: 'hello' } as Inject },
      { name: 'multipart without boundary', req: { method, url, headers: { 'content-type': 'multipart/form-data' }, payload: 'garbage' } as Inject },
    );
  }
  return out;
}

function expectCatalogueShape(res: { statusCode: number; body: string; json: () => unknown }, what: string): void {
  expect(res.statusCode, `${what}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
  if (res.statusCode < 400) return;
  const body = res.json() as { error?: { code?: unknown; message?: unknown; details?: unknown } };
  expect(body.error?.code, what).toMatch(/^IMR_ERR_[A-Z_]+$/);
  expect(typeof body.error?.message, what).toBe('string');
  expect(Array.isArray(body.error?.details), what).toBe(true);
}

describe.each(testDialects())('malformed request sweep on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    ({ t, w } = await openWorld(dialect, { now: () => new Date('2024-03-21T18:00:00Z'), bodyLimit: 256 * 1024 }));
  });
  afterAll(async () => { await t?.close(); });

  it('answers every malformed request to every route with a catalogue error, never 500; refused roles get 401/403 whatever they send, each audited', async () => {
    const { caseId, cookie: reviewerCookie } = await w.assignedCase();
    const kase = (await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: { cookie: w.cookies.intake } })).json();
    const itemId = kase.items[0].id as string;
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const fill = (p: string, bad = false) => p.replace('{id}', bad ? 'a%00b' : caseId).replace('{itemId}', bad ? '%00' : itemId).replace('{docId}', bad ? '%00' : 'no-doc').replace('{jobId}', bad ? '%00' : 'no-job');

    let sent = 0;
    let partyRefusals = 0;
    let anonymous401 = 0;
    let refusedAsInvalid = 0;
    const routes = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => ({ method: m.toUpperCase(), path: p })));
    expect(routes.length).toBeGreaterThan(30);
    for (const { method, path } of routes) {
      if (path === '/api/auth/logout') continue; // would end the sessions the sweep uses
      const url = fill(path);
      // Which role the route refuses: a party whose plain request answers 403 is refused by role.
      const probe = await t.app.inject({ method: method as 'GET', url, headers: { cookie: w.cookies.party } });
      const refusesParty = probe.statusCode === 403;
      if (refusesParty) partyRefusals++;
      const permitted = path.includes('/items/{itemId}/decision') || path.endsWith('/sign') || path.includes('/items/{itemId}/draft') ? reviewerCookie : w.cookies.admin;
      const isPublic = path === '/api/auth/login' || path === '/health' || path === '/openapi.json';
      for (const v of variants(method, url, fill(path, true))) {
        const what = `${method} ${path} [${v.name}]`;
        const headers = (v.req as { headers?: Record<string, string> }).headers ?? {};
        const asPermitted = await t.app.inject({ ...v.req, headers: { ...headers, cookie: permitted } } as Inject);
        expectCatalogueShape(asPermitted, `${what} as permitted`);
        if (asPermitted.statusCode === 400) refusedAsInvalid++;
        const asParty = await t.app.inject({ ...v.req, headers: { ...headers, cookie: w.cookies.party } } as Inject);
        expectCatalogueShape(asParty, `${what} as party`);
        if (refusesParty) {
          expect(asParty.statusCode, `${what} as party: ${asParty.body.slice(0, 200)}`).toBe(403);
          partyRefusals++;
        }
        if (!isPublic && path.startsWith('/api/')) {
          const anon = await t.app.inject(v.req);
          expect(anon.statusCode, `${what} anonymous: ${anon.body.slice(0, 200)}`).toBe(401);
          expectCatalogueShape(anon, `${what} anonymous`);
          anonymous401++;
        }
        sent += 3;
      }
    }
    expect(sent).toBeGreaterThan(500);
    // The permitted caller's malformed requests did reach the request checks (not refused for another reason).
    expect(refusedAsInvalid).toBeGreaterThan(250);
    // A session cookie or token holding NUL is no credential: 401, not a database error.
    for (const headers of [{ cookie: 'imr_session=%00' }, { authorization: 'Bearer a%00' }]) {
      const res = await t.app.inject({ method: 'GET', url: '/api/cases', headers });
      expectCatalogueShape(res, `credentials ${JSON.stringify(headers)}`);
    }
    // Every refusal of the party is in the audit log, one row each; anonymous ones are folded per address and minute.
    const audit = await t.services.audit.list({ userId: w.users.party.id, action: 'access.denied', limit: 1 });
    const caseDenied = await t.services.audit.list({ userId: w.users.party.id, action: 'case.access_denied', limit: 1 });
    expect(audit.total + caseDenied.total).toBeGreaterThanOrEqual(partyRefusals);
    const anon = await t.services.audit.list({ action: 'auth.unauthenticated', limit: 500 });
    expect(anon.total).toBeGreaterThanOrEqual(1);
    expect(anon.total).toBeLessThan(anonymous401);
    const folded = anon.entries.reduce((n, e) => n + 1 + Number(e.detail.earlierUnrecorded ?? 0) + Number(e.detail.othersUnrecorded ?? 0), 0);
    expect(folded).toBeLessThanOrEqual(anonymous401);
    // The server still works after the sweep.
    expect((await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: { cookie: w.cookies.admin } })).statusCode).toBe(200);
  }, 240_000);
});
