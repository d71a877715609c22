import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, testDialects } from '../db/test-support/dialects.js';
import type { Database } from '../db/database.js';
import { createServices, type Services } from '../service/use-cases/services.js';
import { applicationInput } from '../service/test-support/fixtures.js';
import { buildApp, LOG_OPTIONS } from './app.js';
import { login } from './test-support/test-app.js';
import type { FastifyInstance } from 'fastify';

describe.each(testDialects())('errors and logs carry no patient data or stack traces on %s', (dialect) => {
  let database: Database;
  let services: Services;
  let app: FastifyInstance;
  let log = '';
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    services = createServices(database, { now: () => new Date('2024-03-21T18:00:00Z') });
    const stream = new Writable({ write(chunk, _enc, cb) { log += chunk.toString(); cb(); } });
    app = await buildApp({ database, services, webRoot: null, logger: { ...LOG_OPTIONS, level: 'info', stream } });
    await app.ready();
    await services.users.create({ username: 'ivy', role: 'intake', password: 'intake-password' }, new Date());
  });
  afterAll(async () => { await app?.close(); await database?.close(); });

  it('logs requests by path and id only: no names, bodies, query strings or cookies', async () => {
    const cookie = await login(app, 'ivy', 'intake-password');
    const app1 = applicationInput();
    const res = await app.inject({ method: 'POST', url: '/api/cases', headers: { cookie }, payload: { application: { ...app1, injuredWorker: { ...app1.injuredWorker, name: 'Zebediah Quillfeather' } } } });
    expect(res.statusCode).toBe(201);
    // A query string the route takes (POST /api/cases takes none: it would be refused as unknown).
    expect((await app.inject({ method: 'GET', url: '/api/cases?q=Zebediah', headers: { cookie } })).statusCode).toBe(200);
    expect(log).toContain('/api/cases');
    expect(log).not.toContain('Zebediah');
    expect(log).not.toContain('intake-password');
    expect(log).not.toContain(cookie.split('=')[1]);
  });

  it('answers an unexpected failure with 500, an error id and no internals; the log has the id, not the message', async () => {
    const cookie = await login(app, 'ivy', 'intake-password');
    const original = services.cases.list.bind(services.cases);
    services.cases.list = async () => { throw new Error('SQLITE_CORRUPT near "Zebediah Quillfeather"'); };
    try {
      const res = await app.inject({ method: 'GET', url: '/api/cases', headers: { cookie } });
      expect(res.statusCode).toBe(500);
      const body = res.json();
      expect(body.error.code).toBe('IMR_ERR_INTERNAL');
      expect(body.error.errorId).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.body).not.toContain('SQLITE_CORRUPT');
      expect(res.body).not.toContain('Zebediah');
      expect(res.body).not.toMatch(/\bat .*\.ts:\d+/);
      expect(log).toContain(body.error.errorId);
      expect(log).not.toContain('Zebediah');
    } finally {
      services.cases.list = original;
    }
  });
});
