import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler } from 'fastify-type-provider-zod';
import type { Database } from '../db/database.js';
import { ImrError } from '../errors/imr-error.js';
import { createServices, type Services } from '../service/use-cases/services.js';
import { resolveUser } from './auth/resolve-user.js';
import { DEFAULT_AUTH_SETTINGS, type AuthSettings } from './auth/auth-settings.js';
import { registerSecurity } from './security.js';
import type { Role } from '../service/store/users.store.js';
import { errorHandler } from './error-handler.js';
import { RefusalAudit } from './refusal-audit.js';
import { guardedValidatorCompiler, undeclaredPartProblems } from './request-guard.js';
import { checkRouteAccess } from './route-access.js';
import { ROUTES } from './routes/index.js';

export interface AppDeps {
  database: Database;
  /** Built from `database` when absent. */
  services?: Services;
  /** true/false, or pino options; defaults to no logging (tests). */
  logger?: boolean | FastifyServerOptions['logger'];
  /** Folder of the built web workbench; default dist/web when it exists; null disables it. */
  webRoot?: string | null;
  /** Largest accepted request body in bytes (default 1 MiB). */
  bodyLimit?: number;
  now?: () => Date;
  /** Served over HTTPS (directly or behind a TLS proxy): Secure session cookie, HSTS. Default false; startServer decides by host. */
  secureCookies?: boolean;
  /** Session lifetimes and login limits (auth/auth-settings.ts); defaults when absent. */
  auth?: AuthSettings;
  /** Fastify's trustProxy: believe X-Forwarded-For from these proxies (the client address keys login limits). */
  trustProxy?: boolean | string;
}

/** Per-route access settings (`config` of a route): public routes skip the login check. */
export interface RouteAccessConfig {
  public?: boolean;
  roles?: Role[];
}

/** What each route module receives. */
export interface RouteContext {
  database: Database;
  services: Services;
  now: () => Date;
  secureCookies: boolean;
  auth: AuthSettings;
}

/** A route module registers its routes; one line each in routes/index.ts. */
export type RouteModule = (app: FastifyInstance, ctx: RouteContext) => void | Promise<void>;

const here = path.dirname(fileURLToPath(import.meta.url));

function defaultWebRoot(): string | null {
  for (const candidate of [path.resolve(here, '../web'), path.resolve(here, '../../dist/web')]) {
    if (existsSync(path.join(candidate, 'index.html'))) return candidate;
  }
  return null;
}

/** Pino settings: never log credentials, bodies or query strings (they may hold patient data). */
export const LOG_OPTIONS = {
  level: process.env.LOG_LEVEL ?? 'info',
  redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', 'body', 'req.body', 'password'], censor: '[redacted]' },
  serializers: {
    req: (req: { method: string; url: string; id: string }) => ({ method: req.method, url: req.url.split('?')[0], id: req.id }),
    res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
  },
};

/** Builds the HTTP API (not listening): test with `app.inject()`, serve with listen.ts. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const now = deps.now ?? (() => new Date());
  const services = deps.services ?? createServices(deps.database, { now });
  const logger = deps.logger === true ? LOG_OPTIONS : (deps.logger ?? false);
  const app = Fastify({ logger, bodyLimit: deps.bodyLimit ?? 1024 * 1024, ...(deps.trustProxy !== undefined ? { trustProxy: deps.trustProxy } : {}) });
  const auth = deps.auth ?? DEFAULT_AUTH_SETTINGS;
  // Unknown fields and control characters are refused by every route's schemas (request-guard.ts).
  app.setValidatorCompiler(guardedValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  await app.register(fastifyCookie);
  await registerSecurity(app, { secure: deps.secureCookies ?? false });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'IMR review service', description: 'California workers\' compensation Independent Medical Review: cases, reviewers, decisions and letters.', version: '0.1.0' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'imr_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  app.decorateRequest('user', null);
  app.decorateRequest('authProblem', null);
  app.addHook('onRequest', async (request) => {
    if (request.url.startsWith('/api/')) request.user = await resolveUser(request, services.users, now(), auth.session);
  });
  // Access is checked before the body is read: anonymous callers get 401 and callers of the
  // wrong role 403 whatever they send. Routes opt out with `config: { public: true }` and declare
  // their roles with `config: { roles: [...] }`; handlers take the user from routeUser (route-access.ts).
  // preParsing, so even a body that is not JSON, too large or of the wrong type is refused by role first.
  // (Hooks on every request take `done` rather than being async: no promise per hook per request.)
  app.addHook('preParsing', (request, _reply, payload, done) => {
    try {
      checkRouteAccess(request);
    } catch (e) {
      return done(e as Error);
    }
    done(null, payload);
  });
  // Every refusal (401, 403) is audited here, in one place; anonymous 401s are aggregated (refusal-audit.ts).
  const refusals = new RefusalAudit(services.audit, now);
  app.addHook('onError', async (request, _reply, error) => {
    await refusals.record(request, error).catch((e: unknown) => request.log.warn({ errName: (e as Error)?.name }, 'refusal not audited'));
  });
  // A request sent with no body at all (`curl -X POST …`, fetch without a body) would reach the
  // validator as null (Fastify validates an absent body as null, so `.default({})` never applies):
  // treat it as an empty object, so optional bodies work and required fields are named one by one.
  // A query string or body on a route that declares none would be silently ignored: refuse it, naming each field.
  app.addHook('preValidation', (request, _reply, done) => {
    const schema = request.routeOptions.schema;
    if (request.body == null && request.headers['content-type'] === undefined && schema?.body) request.body = {};
    if (!request.url.startsWith('/api/') || request.is404) return done();
    const details = undeclaredPartProblems({
      query: request.query, body: request.body, hasQuerySchema: Boolean(schema?.querystring), hasBodySchema: Boolean(schema?.body),
      multipart: String(request.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/'),
    });
    if (details.length) return done(new ImrError('IMR_ERR_VALIDATION', `The request is invalid: ${details.slice(0, 5).map((d) => `${d.path}: ${d.message}`).join('; ')}`, { details }));
    done();
  });

  // Follow-up work (redrafting after a record arrived) logs failures here, as codes only, and the
  // server waits for it before closing (the database closes after the app).
  services.background.setLogger((failure) => app.log.warn({ job: failure.job, caseId: failure.key, code: failure.code }, 'background job failed'));
  // The document reader's workers stop with the app (after the follow-up work that may still read).
  // The audit writer (when the server has one) commits the rows already recorded, then closes.
  app.addHook('onClose', async () => { await services.background.idle(); await services.reader.close(); await services.audit.close(); });

  const ctx: RouteContext = { database: deps.database, services, now, secureCookies: deps.secureCookies ?? false, auth };
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  for (const register of ROUTES) await register(app, ctx);

  const webRoot = deps.webRoot === undefined ? defaultWebRoot() : deps.webRoot;
  if (webRoot) await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: false });
  app.setNotFoundHandler((request, reply) => {
    const pathOnly = request.url.split('?')[0];
    const isApi = pathOnly.startsWith('/api/') || pathOnly === '/api' || pathOnly === '/health' || pathOnly.startsWith('/docs') || pathOnly === '/openapi.json';
    if (webRoot && !isApi && (request.method === 'GET' || request.method === 'HEAD')) {
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').sendFile('index.html', webRoot);
    }
    return errorHandler(new ImrError('IMR_ERR_NOT_FOUND', `There is no ${request.method} ${pathOnly}; see /docs for the API.`), request, reply);
  });
  return app;
}
