import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ImrError } from '../../errors/imr-error.js';
import { SESSION_TTL_MS } from '../../service/store/users.store.js';
import type { RouteModule } from '../app.js';
import { requireRole, requireUser, SESSION_COOKIE } from '../auth/auth.js';
import { errorResponses, userSchema } from '../schemas.js';

/** Login, logout, the current user and API tokens. */
export const authRoutes: RouteModule = (fastify, ctx) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { users, audit } = ctx.services;

  app.post(
    '/api/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Log in with username and password; sets the session cookie',
        body: z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(500) }),
        response: { 200: z.object({ user: userSchema }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = await users.checkPassword(request.body.username, request.body.password);
      if (!user) {
        await audit.record(null, 'auth.login_failed', null, { username: request.body.username }, ctx.now());
        throw new ImrError('IMR_ERR_UNAUTHENTICATED', 'The username or password is wrong; check them and try again.');
      }
      const token = await users.createSession(user.id, ctx.now());
      await audit.record(user, 'auth.login', null, {}, ctx.now());
      reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure: ctx.secureCookies, maxAge: SESSION_TTL_MS / 1000 });
      return { user };
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { public: true }, schema: { tags: ['auth'], summary: 'End the session', response: { 200: z.object({ ok: z.literal(true) }) } } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await users.deleteSession(token);
      if (request.user) await audit.record(request.user, 'auth.logout', null, {}, ctx.now());
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.get(
    '/api/me',
    { schema: { tags: ['auth'], summary: 'The logged-in user', response: { 200: z.object({ user: userSchema }), ...errorResponses } } },
    async (request) => ({ user: requireUser(request) }),
  );

  app.post(
    '/api/auth/tokens',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['auth'],
        summary: 'Create an API token for integrations (admin; for yourself or another user); the secret is shown once',
        body: z.object({ name: z.string().min(1).max(200), userId: z.string().optional() }),
        response: { 201: z.object({ id: z.string(), token: z.string() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const admin = requireRole(request, 'admin');
      const userId = request.body.userId ?? admin.id;
      if (!(await users.get(userId))) throw new ImrError('IMR_ERR_NOT_FOUND', 'No user has this id; list users with GET /api/users.', { subject: userId });
      const created = await users.createApiToken(userId, request.body.name, ctx.now());
      await audit.record(admin, 'auth.token_created', null, { tokenId: created.id, forUser: userId }, ctx.now());
      return reply.code(201).send(created);
    },
  );

  app.delete(
    '/api/auth/tokens/:id',
    {
      config: { roles: ['admin'] },
      schema: { tags: ['auth'], summary: 'Revoke an API token', params: z.object({ id: z.string().min(1).max(80) }), response: { 200: z.object({ revoked: z.literal(true) }), ...errorResponses } },
    },
    async (request) => {
      const admin = requireRole(request, 'admin');
      if (!(await users.revokeApiToken(request.params.id, ctx.now()))) throw new ImrError('IMR_ERR_NOT_FOUND', 'No active API token has this id.', { subject: request.params.id });
      await audit.record(admin, 'auth.token_revoked', null, { tokenId: request.params.id }, ctx.now());
      return { revoked: true as const };
    },
  );
};
