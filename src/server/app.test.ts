import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../db/test-support/dialects.js';
import { login, openTestApp, type TestApp } from './test-support/test-app.js';

describe.each(testDialects())('API basics on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp(dialect);
    await t.services.users.create({ username: 'ada', role: 'admin', password: 'correct horse' }, new Date());
  });
  afterAll(async () => { await t?.close(); });

  it('answers /health with the database in use', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: dialect });
  });

  it('serves the OpenAPI document listing the API routes', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/me', '/health']));
    const docs = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('refuses /api/me without a login and accepts it with a session cookie, until logout', async () => {
    const anon = await t.app.inject({ method: 'GET', url: '/api/me' });
    expect(anon.statusCode).toBe(401);
    expect(anon.json().error.code).toBe('IMR_ERR_UNAUTHENTICATED');
    const cookie = await login(t.app, 'ada', 'correct horse');
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ username: 'ada', role: 'admin' });
    expect(JSON.stringify(me.json())).not.toContain('password');
    await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('rejects a wrong password with 401 and a missing field with 400 naming the field', async () => {
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ada', password: 'nope nope' } });
    expect(wrong.statusCode).toBe(401);
    const bad = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ada' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('IMR_ERR_VALIDATION');
    expect(bad.json().error.details).toEqual([expect.objectContaining({ path: 'body.password' })]);
  });

  it('accepts an API token as Bearer and rejects an unknown one', async () => {
    const cookie = await login(t.app, 'ada', 'correct horse');
    const created = await t.app.inject({ method: 'POST', url: '/api/auth/tokens', headers: { cookie }, payload: { name: 'integration' } });
    expect(created.statusCode).toBe(201);
    const token = created.json().token as string;
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.json().user.username).toBe('ada');
    const bad = await t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: 'Bearer imr_not-a-token' } });
    expect(bad.statusCode).toBe(401);
    const revoked = await t.app.inject({ method: 'DELETE', url: `/api/auth/tokens/${created.json().id}`, headers: { cookie } });
    expect(revoked.json()).toEqual({ revoked: true });
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/auth/tokens/${created.json().id}`, headers: { cookie } })).statusCode).toBe(404);
  });

  it('answers unknown API paths 404, malformed JSON 400 and oversized bodies 413 in the error format', async () => {
    const nf = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(nf.statusCode).toBe(404);
    expect(nf.json().error.code).toBe('IMR_ERR_NOT_FOUND');
    const badJson = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username": ' });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json().error.code).toBe('IMR_ERR_INVALID_JSON');
    const big = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'a', password: 'x'.repeat(2 * 1024 * 1024) } });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('IMR_ERR_PAYLOAD_TOO_LARGE');
  });
});
