import type { FastifyInstance } from 'fastify';
import type { Database, DialectName } from '../../db/database.js';
import { openTestDatabase } from '../../db/test-support/dialects.js';
import { createServices, type Services } from '../../service/use-cases/services.js';
import { buildApp } from '../app.js';
import type { DraftEngine } from '../../service/use-cases/draft-engine.js';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  services: Services;
  close(): Promise<void>;
}

/** `auditConnection`: audit rows committed as the server commits them (services.ts), not on the service's connection. */
export async function openTestApp(dialect: DialectName, opts: { now?: () => Date; bodyLimit?: number; engine?: DraftEngine | null; auditConnection?: boolean } = {}): Promise<TestApp> {
  const database = await openTestDatabase(dialect);
  const services = createServices(database, { now: opts.now, engine: opts.engine, auditConnection: opts.auditConnection });
  const app = await buildApp({ database, services, now: opts.now, webRoot: null, bodyLimit: opts.bodyLimit });
  await app.ready();
  return { app, database, services, close: async () => { await app.close(); await database.close(); } };
}

/** Logs in and returns the Cookie header value for later requests. */
export async function login(app: FastifyInstance, username: string, password: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'imr_session');
  if (!cookie) throw new Error('no session cookie');
  return `imr_session=${cookie.value}`;
}
