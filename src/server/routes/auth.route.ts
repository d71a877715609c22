import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ImrError } from '../../errors/imr-error.js';
import { API_TOKEN_DAYS, MAX_API_TOKEN_DAYS } from '../../service/store/users.store.js';
import { checkUsername, usernameSkeleton } from '../../service/store/usernames.js';
import type { RouteModule } from '../app.js';
import { requireRole, requireUser, SESSION_COOKIE } from '../auth/auth.js';
import { FailedLoginAudit } from '../auth/failed-login-audit.js';
import { LoginThrottle } from '../auth/login-throttle.js';
import { errorResponses, userSchema } from '../schemas.js';

/** How often expired and idle sessions are deleted (they are refused as soon as they expire; this only frees the rows). */
const PURGE_EVERY_MS = 15 * 60 * 1000;

function tooMany(reply: FastifyReply, seconds: number, by: 'username' | 'ip' | undefined): ImrError {
  reply.header('retry-after', String(seconds));
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  const what = by === 'ip' ? 'from your address' : 'for this username';
  return new ImrError('IMR_ERR_RATE_LIMITED', `Too many failed logins ${what}; logging in is locked for about ${minutes} minute(s). Wait, then try again (or ask an administrator to check the audit log).`);
}

/** Login, logout, the current user and API tokens. */
export const authRoutes: RouteModule = (fastify, ctx) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { users, audit } = ctx.services;
  const limits = ctx.auth.login;
  const throttle = new LoginThrottle(limits);
  const failures = new FailedLoginAudit(ctx.database, audit);

  const purge = () => users.purgeExpiredSessions(ctx.now(), ctx.auth.session).catch((e: unknown) => fastify.log.warn({ errName: (e as Error)?.name }, 'session purge failed'));
  const timer = setInterval(() => void purge(), PURGE_EVERY_MS);
  timer.unref();
  fastify.addHook('onClose', async () => { clearInterval(timer); });

  app.post(
    '/api/auth/login',
    {
      config: {
        public: true,
        // Every login request costs an argon2 verification: cap them per address whatever the outcome.
        rateLimit: {
          max: limits.maxRequestsPerIpPerMinute,
          timeWindow: 60_000,
          errorResponseBuilder: (_req, c) => new ImrError('IMR_ERR_RATE_LIMITED', `Too many login requests from your address; wait ${c.after} and try again.`),
        },
      },
      schema: {
        tags: ['auth'],
        summary: 'Log in with username and password; sets the session cookie. Repeated failures lock the username and the address for a while (429 with Retry-After).',
        body: z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(500) }),
        response: { 200: z.object({ user: userSchema }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const now = ctx.now();
      const { username: typed, password } = request.body;
      const ip = request.ip;
      let userKey: string;
      try {
        userKey = usernameSkeleton(checkUsername(typed));
      } catch (e) {
        // Refused before any lookup: invisible characters, look-alike forms, disallowed symbols.
        await failures.record(ip, typed, 'invalid_username', now);
        throw e;
      }
      // Checked before the password: during a lock even the right password is refused.
      const lock = throttle.begin(ip, userKey, now.getTime());
      if (lock.locked) {
        await failures.record(ip, typed, 'locked', now);
        throw tooMany(reply, lock.retryAfterSeconds, lock.by);
      }
      let user;
      try {
        user = await users.checkPassword(typed, password);
      } catch (e) {
        throttle.abandon(ip, userKey);
        throw e;
      }
      if (!user) {
        const locked = throttle.recordFailure(ip, userKey, now.getTime());
        await failures.record(ip, typed, 'wrong_password', now);
        for (const by of locked) await failures.recordLock(ip, typed, by, new Date(now.getTime() + limits.lockMs), now);
        throw new ImrError('IMR_ERR_UNAUTHENTICATED', 'The username or password is wrong; check them and try again.');
      }
      throttle.recordSuccess(ip, userKey);
      await purge();
      const token = await users.createSession(user.id, now, ctx.auth.session);
      await audit.record(user, 'auth.login', null, {}, now);
      reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure: ctx.secureCookies, maxAge: Math.floor(ctx.auth.session.maxMs / 1000) });
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
      reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure: ctx.secureCookies });
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
        summary: `Create an API token for integrations (admin; for yourself or another user); the secret is shown once. It expires after expiresInDays (default ${API_TOKEN_DAYS}).`,
        body: z.object({ name: z.string().min(1).max(200), userId: z.string().optional(), expiresInDays: z.number().int().min(1).max(MAX_API_TOKEN_DAYS).optional() }),
        response: { 201: z.object({ id: z.string(), token: z.string(), expiresAt: z.string() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const admin = requireRole(request, 'admin');
      const userId = request.body.userId ?? admin.id;
      if (!(await users.get(userId))) throw new ImrError('IMR_ERR_NOT_FOUND', 'No user has this id; list users with GET /api/users.', { subject: userId });
      const created = await users.createApiToken(userId, request.body.name, ctx.now(), request.body.expiresInDays ?? API_TOKEN_DAYS);
      await audit.record(admin, 'auth.token_created', null, { tokenId: created.id, forUser: userId, expiresAt: created.expiresAt }, ctx.now());
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
